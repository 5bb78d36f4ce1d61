package cn.mediagraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.CampaignGoal;
import cn.mediagraph.campaign.CampaignService;
import cn.mediagraph.campaign.CampaignStatus;
import cn.mediagraph.campaign.Post;
import cn.mediagraph.campaign.PostService;
import cn.mediagraph.campaign.PostStatus;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.tenant.TenantService;
import cn.mediagraph.testing.RunningApp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reach metrics at scale, on the embedded store persisted to a file (run with {@code -Pbench
 * -Dtest=MetricsBenchmark}; {@code -Dmetrics.bench.samples=N} sets the size, default 1,000,000).
 * <ol>
 * <li>Ingestion through {@code POST /ingest/metrics}: hourly cumulative snapshots of four counters
 * for 1,000 posts (200 stories on 5 channels of one campaign), streamed as NDJSON generated on
 * the fly, in samples per second.</li>
 * <li>Latency (p50, p99 of 200 requests over HTTP, after 20 s of the same requests,
 * {@code -Dmetrics.bench.warmup.seconds}) of the campaign's 30-day daily series and of
 * {@code topStories}, read from rollups.</li>
 * <li>The same daily series and ranking computed from the raw samples by aggregation (latest
 * snapshot per post and day, differences per post, summed by day and by story), asserted equal
 * to the rollup answers, timed, and the ratios.</li>
 * </ol>
 * It also prints the most heap in use after a collection during ingestion, to show that
 * ingestion runs in constant memory (compare two sizes).
 */
@Tag("benchmark")
class MetricsBenchmark {

	private static final String ADMIN_PASSWORD = "bench-admin-secret";

	private static final String PASSWORD = "bench password 123";

	private static final List<String> METRICS = List.of("VIEWS", "LIKES", "SHARES", "COMMENTS");

	@TempDir
	Path dataDir;

	@Test
	void ingestionAndQueries() throws Exception {
		long samples = Long.getLong("metrics.bench.samples", 1_000_000);
		try (ConfigurableApplicationContext context = SpringApplication.run(MediaGraphApplication.class, "--server.port=0",
				"--mediagraph.embedded.data-dir=" + dataDir, "--mediagraph.demo.enabled=false",
				"--mediagraph.security.admin-password=" + ADMIN_PASSWORD,
				"--mediagraph.graphql.budget.capacity=1000000000", "--mediagraph.graphql.budget.refill-per-second=1000000000")) {
			RunningApp app = new RunningApp(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			String token = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "bench", PASSWORD);
			String tenantId = context.getBean(TenantService.class).findBySlug("bench").orElseThrow().id();
			Instant start = Instant.parse("2026-06-30T16:00:00Z");
			Setup setup = setup(context, app, token, tenantId, start);
			int hours = (int) Math.max(1, samples / (setup.posts().size() * (long) METRICS.size()));
			long total = (long) hours * setup.posts().size() * METRICS.size();

			HeapWatch heap = new HeapWatch();
			long began = System.nanoTime();
			JsonNode answer = ingest(app.port(), token, setup, start, hours);
			double seconds = (System.nanoTime() - began) / 1e9;
			heap.stop();
			System.out.printf(Locale.ROOT, "%nIngested %,d samples (%d hours x %d posts x %d counters) in %.1f s: %,.0f samples/s; answer %s%n",
					total, hours, setup.posts().size(), METRICS.size(), seconds, total / seconds, answer);
			System.out.printf(Locale.ROOT, "Heap of this JVM (app and store) after a full GC every 10 s of ingestion: at most %.0f MB (limit %.0f MB)%n",
					heap.maxAfterGc() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
			assertThat(answer.path("accepted").asLong()).isEqualTo(total);

			Map<String, Object> range = Map.of("from", start.toString(), "to", start.plus(Duration.ofDays(30)).toString());
			String series = "query($id: ID!, $r: ReachRange!) { campaign(id: $id) { reach(range: $r) { series(metric: VIEWS, granularity: DAY) { start value } } } }";
			String top = "query($r: ReachRange!) { topStories(metric: VIEWS, range: $r, first: 10) { edges { value } } }";
			Map<String, Object> vars = Map.of("id", GlobalId.encode("Campaign", setup.campaignId()), "r", range);
			JsonNode rolled = app.graphql(token, series, vars).path("campaign").path("reach").path("series");
			double[] seriesTimes = latency("campaign 30-day daily series", () -> app.graphql(token, series, vars));
			List<Double> rolledTop = new ArrayList<>();
			app.graphql(token, top, Map.of("r", range)).path("topStories").path("edges")
				.forEach(edge -> rolledTop.add(edge.path("value").asDouble()));
			double[] topTimes = latency("topStories over 30 days", () -> app.graphql(token, top, Map.of("r", range)));

			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			Raw raw = null;
			long rawStarted = System.nanoTime();
			int runs = 3;
			for (int i = 0; i < runs; i++) {
				raw = rawFigures(mongo, tenantId, start);
			}
			double rawMillis = (System.nanoTime() - rawStarted) / 1e6 / runs;
			double[] fromRollups = new double[30];
			for (int day = 0; day < 30 && day < rolled.size(); day++) {
				fromRollups[day] = rolled.get(day).path("value").asDouble();
			}
			List<Double> rawTop = raw.top(setup.posts(), 10);
			System.out.printf(Locale.ROOT,
					"Raw aggregation (one pass over the samples, both answers): %.0f ms a run%n"
							+ "  series equal to the rollup answer: %s; rollups faster by %.0fx (p50) / %.0fx (p99)%n"
							+ "  topStories equal to the rollup answer: %s; rollups faster by %.0fx (p50) / %.0fx (p99)%n",
					rawMillis, Arrays.equals(raw.days(), fromRollups), rawMillis / seriesTimes[0], rawMillis / seriesTimes[1],
					rawTop.equals(rolledTop), rawMillis / topTimes[0], rawMillis / topTimes[1]);
			assertThat(fromRollups).as("the rollup series is the raw samples' series").containsExactly(raw.days());
			assertThat(Arrays.stream(raw.days()).sum()).as("a series with figures in it").isPositive();
			assertThat(rolledTop).as("the rollup ranking is the raw samples' ranking").isEqualTo(rawTop).hasSize(10);
		}
	}

	/**
	 * The most heap in use right after a full collection, forced every 10 s while ingestion runs
	 * (a few tenths of a second each): what the app and the store keep, not garbage.
	 */
	private static final class HeapWatch {

		private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		HeapWatch() {
			thread = new Thread(() -> {
				while (running) {
					try {
						Thread.sleep(10_000);
					}
					catch (InterruptedException ex) {
						return;
					}
					System.gc();
					// what each heap pool held right after that collection: ingestion goes on meanwhile,
					// so the heap's usage read now would count what it allocated since
					long afterGc = 0;
					for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
						if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
							afterGc += pool.getCollectionUsage().getUsed();
						}
					}
					max.accumulateAndGet(afterGc, Math::max);
				}
			}, "heap-watch");
			thread.setDaemon(true);
			thread.start();
		}

		void stop() throws InterruptedException {
			running = false;
			thread.interrupt();
			thread.join();
		}

		long maxAfterGc() {
			return max.get();
		}

	}

	private record Setup(String campaignId, List<Post> posts) {
	}

	private static Setup setup(ConfigurableApplicationContext context, RunningApp app, String token, String tenantId,
			Instant start) throws Exception {
		ChannelService channels = context.getBean(ChannelService.class);
		List<Channel> made = new ArrayList<>();
		Platform[] platforms = { Platform.DOUYIN, Platform.WECHAT_OFFICIAL_ACCOUNT, Platform.WEIBO, Platform.APP,
				Platform.XUEXI_QIANGGUO };
		for (Platform platform : platforms) {
			made.add(channels.createForBootstrap(tenantId, "bench " + platform, platform, Medium.SOCIAL, null, null, true));
		}
		String campaignId = new ObjectId().toHexString();
		context.getBean(CampaignService.class).createForBootstrap(new Campaign(campaignId, tenantId, "bench campaign", null, null,
				start, start.plus(Duration.ofDays(60)), made.stream().map(Channel::id).toList(),
				List.of(new CampaignGoal("VIEWS", 1e9)), List.of(), CampaignStatus.COMPLETED, null, 1, "bench", start, start));
		PostService postService = context.getBean(PostService.class);
		List<Post> posts = new ArrayList<>();
		for (int s = 0; s < 200; s++) {
			String storyId = GlobalId.decode(app.graphql(token,
					"mutation($input: CreateStoryInput!) { createStory(input: $input) { story { id } } }",
					Map.of("input", Map.of("title", "bench story " + s, "language", "zh-Hans"))).path("createStory").path("story")
				.path("id").asString(), "Story").orElseThrow();
			for (Channel channel : made) {
				String id = new ObjectId().toHexString();
				posts.add(postService.createForBootstrap(new Post(id, tenantId, campaignId, storyId, channel.id(), start,
						start.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString(), PostStatus.PUBLISHED, id, id, 1, null,
						null, null, start, null, null, List.of(), 1, "bench", start, start)));
			}
		}
		return new Setup(campaignId, posts);
	}

	/** Streams hour after hour of every post's counters, generated as the request body is read. */
	private static JsonNode ingest(int port, String token, Setup setup, Instant start, int hours) throws Exception {
		List<String> postIds = setup.posts().stream().map(post -> GlobalId.encode("Post", post.id())).toList();
		InputStream body = new InputStream() {
			private byte[] line = new byte[0];
			private int at;
			private long next;
			private final long total = (long) hours * postIds.size() * METRICS.size();

			@Override
			public int read() throws IOException {
				if (at == line.length && !advance()) {
					return -1;
				}
				return line[at++] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int written = 0;
				while (written < length) {
					if (at == line.length && !advance()) {
						return written == 0 ? -1 : written;
					}
					int n = Math.min(length - written, line.length - at);
					System.arraycopy(line, at, buffer, offset + written, n);
					at += n;
					written += n;
				}
				return written;
			}

			private boolean advance() {
				if (next == total) {
					return false;
				}
				long i = next++;
				int metric = (int) (i % METRICS.size());
				int post = (int) (i / METRICS.size() % postIds.size());
				long hour = i / METRICS.size() / postIds.size();
				double value = Math.floor((hour + 1) * (post % 97 + 10) * 100.0 / (metric + 1));
				line = ("{\"postId\":\"" + postIds.get(post) + "\",\"metric\":\"" + METRICS.get(metric) + "\",\"value\":"
						+ (long) value + ",\"observedAt\":\"" + start.plus(Duration.ofHours(hour)).plusSeconds(1800) + "\"}\n")
					.getBytes(StandardCharsets.UTF_8);
				at = 0;
				return true;
			}
		};
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/metrics"))
			.header("Content-Type", "application/x-ndjson")
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofHours(2))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		return new tools.jackson.databind.ObjectMapper().readTree(response.body());
	}

	private interface Call {

		void run() throws Exception;

	}

	/** Seconds of calls before a path's 200 are timed (a fresh JVM is still compiling after ingestion). */
	private static final int WARMUP_SECONDS = Integer.getInteger("metrics.bench.warmup.seconds", 20);

	/** Prints and returns p50 and p99 (ms) of 200 calls after {@link #WARMUP_SECONDS} of the same calls. */
	private static double[] latency(String label, Call call) throws Exception {
		long warmUntil = System.nanoTime() + Duration.ofSeconds(WARMUP_SECONDS).toNanos();
		for (int i = 0; i < 20 || System.nanoTime() < warmUntil; i++) {
			call.run();
		}
		long[] times = new long[200];
		for (int i = 0; i < times.length; i++) {
			long started = System.nanoTime();
			call.run();
			times[i] = System.nanoTime() - started;
		}
		Arrays.sort(times);
		double p50 = times[100] / 1e6;
		double p99 = times[197] / 1e6;
		System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms%n", label, p50, p99);
		return new double[] { p50, p99 };
	}

	/**
	 * The campaign's daily VIEWS over 30 days from the raw samples: the latest snapshot of each
	 * post and local day, its difference from the post's previous day, summed by day. The raw
	 * records (one document per ingested batch) are read one at a time by id, so this runs in
	 * constant memory at any size; the embedded store answers an {@code $unwind}/{@code $group}
	 * pipeline over all of them only from memory.
	 */
	/**
	 * What the raw samples say of the 30 days: VIEWS by day over the campaign, and by post over
	 * the whole range.
	 */
	private record Raw(double[] days, Map<String, Double> byPost) {

		/** The {@code first} highest stories' VIEWS over the range, highest first. */
		List<Double> top(List<Post> posts, int first) {
			Map<String, Double> byStory = new HashMap<>();
			posts.forEach(post -> byStory.merge(post.storyId(), byPost.getOrDefault(post.id(), 0.0), Double::sum));
			return byStory.values().stream().filter(value -> value > 0).sorted(java.util.Comparator.reverseOrder())
				.limit(first).toList();
		}

	}

	private static Raw rawFigures(MongoTemplate mongo, String tenantId, Instant start) {
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		java.time.LocalDate first = start.atZone(zone).toLocalDate();
		var collection = mongo.getCollection("metric_samples");
		List<Object> ids = new ArrayList<>();
		collection.find(new Document("tenantId", tenantId)).projection(new Document("_id", 1))
			.forEach(document -> ids.add(document.get("_id")));
		Map<String, TreeMap<Long, Double>> byPost = new HashMap<>();
		for (Object id : ids) {
			Document batch = collection.find(new Document("_id", id)).first();
			// the samples are a gzip-compressed CSV: line,channelId,postId,externalId,metric,value,weight,observedAt,mode,source
			String[] lines;
			try (java.util.zip.GZIPInputStream gzip = new java.util.zip.GZIPInputStream(
					new java.io.ByteArrayInputStream(batch.get("samples", org.bson.types.Binary.class).getData()))) {
				lines = new String(gzip.readAllBytes(), StandardCharsets.UTF_8).split("\n");
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			for (int i = 1; i < lines.length; i++) {
				String[] fields = lines[i].split(",", -1);
				if (!"VIEWS".equals(fields[4])) {
					continue;
				}
				long day = java.time.temporal.ChronoUnit.DAYS.between(first, Instant.parse(fields[7]).atZone(zone).toLocalDate());
				byPost.computeIfAbsent(fields[2], key -> new TreeMap<>()).merge(day, Double.parseDouble(fields[5]), Math::max);
			}
		}
		double[] days = new double[30];
		Map<String, Double> overRange = new HashMap<>();
		byPost.forEach((post, series) -> {
			double previous = 0;
			for (Map.Entry<Long, Double> day : series.entrySet()) {
				if (day.getKey() >= 0 && day.getKey() < 30) {
					days[day.getKey().intValue()] += day.getValue() - previous;
					overRange.merge(post, day.getValue() - previous, Double::sum);
				}
				previous = day.getValue();
			}
		});
		return new Raw(days, overRange);
	}

}
