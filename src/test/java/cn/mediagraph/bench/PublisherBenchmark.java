package cn.mediagraph.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.CampaignGoal;
import cn.mediagraph.campaign.CampaignService;
import cn.mediagraph.campaign.CampaignStatus;
import cn.mediagraph.campaign.Post;
import cn.mediagraph.campaign.PostService;
import cn.mediagraph.campaign.PostStatus;
import cn.mediagraph.campaign.PostTransition;
import cn.mediagraph.campaign.Publisher;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.DeliveryMode;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.time.MovableClock;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryService;
import cn.mediagraph.story.StoryStatus;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import cn.mediagraph.testing.RunningApp;
import com.sun.net.httpserver.HttpServer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher at campaign scale: {@code bench.posts} (10,000) posts due in the same minute
 * across {@code bench.channels} (100) webhook channels, delivered by two app instances on one
 * store, each running publisher passes as fast as it can, to a loopback receiver that counts
 * every idempotency key. Measures the time from the minute until every post is PUBLISHED, and
 * deliveries per second; asserts zero doubles (no key received twice) and none lost. The posts
 * are written directly (their scheduling is not what is measured).
 *
 * <pre>
 * ./mvnw -o -Pbench test -Dtest=PublisherBenchmark
 * ./mvnw -o -Pbench test -Dtest=PublisherBenchmark -Dbench.posts=2000 -Dbench.storage=file
 * </pre>
 */
@Tag("benchmark")
class PublisherBenchmark {

	private static final String SECRET = "publisher-benchmark-secret";

	private static final String JWT = "publisher benchmark instances share this signing secret";

	@Test
	void tenThousandPostsDueInOneMinuteAcrossAHundredChannels() throws Exception {
		int postCount = Integer.getInteger("bench.posts", 10_000);
		int channelCount = Integer.getInteger("bench.channels", 100);
		String storage = System.getProperty("bench.storage", "memory");
		int storePort = RunningApp.freePort();
		Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
		HttpServer receiver = receiver(received);
		java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("publisher-bench");
		try (ConfigurableApplicationContext a = start("--mediagraph.embedded.storage=" + storage,
				"--mediagraph.embedded.data-dir=" + dataDir, "--mediagraph.embedded.port=" + storePort);
				ConfigurableApplicationContext b = start("--mediagraph.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/mediagraph")) {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
			List<ConfigurableApplicationContext> apps = List.of(a, b);
			apps.forEach(app -> app.getBean(MovableClock.class).freezeAt(now));
			Instant minute = now.plus(Duration.ofMinutes(10));
			long setup = System.nanoTime();
			write(a, receiver.getAddress().getPort(), postCount, channelCount, now, minute);
			System.out.printf("Wrote %,d posts on %d channels in %,d ms%n", postCount, channelCount,
					(System.nanoTime() - setup) / 1_000_000);

			apps.forEach(app -> app.getBean(MovableClock.class).freezeAt(minute.plus(Duration.ofMinutes(1))));
			long started = System.nanoTime();
			ExecutorService loops = Executors.newFixedThreadPool(2);
			List<Future<Integer>> passes = new ArrayList<>();
			for (ConfigurableApplicationContext app : apps) {
				passes.add(loops.submit(() -> {
					int count = 0;
					while (delivered(received) < postCount && count < 1000) {
						app.getBean(Publisher.class).publishDue();
						count++;
					}
					return count;
				}));
			}
			for (Future<Integer> pass : passes) {
				pass.get();
			}
			loops.shutdown();
			double seconds = (System.nanoTime() - started) / 1e9;
			long doubles = received.values().stream().filter(count -> count.get() > 1).count();
			String table = String.format("""
					| posts | channels | instances | store | time to deliver all | deliveries/s | doubles |
					|---|---|---|---|---|---|---|
					| %,d | %d | 2 | %s | %.1f s | %,.0f | %d |
					""", postCount, channelCount, storage, seconds, postCount / seconds, doubles);
			System.out.println(table);
			java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-publisher.md"), table);
			assertThat(received).as("every post delivered").hasSize(postCount);
			assertThat(doubles).as("no post delivered twice").isZero();
		}
		finally {
			receiver.stop(0);
		}
	}

	private static int delivered(Map<String, AtomicInteger> received) {
		return received.size();
	}

	private static void write(ConfigurableApplicationContext app, int port, int postCount, int channelCount, Instant now,
			Instant minute) {
		Tenant tenant = app.getBean(TenantService.class).createForBootstrap("bench", "基准县融媒体中心", "Asia/Shanghai");
		ChannelService channels = app.getBean(ChannelService.class);
		List<String> channelIds = new ArrayList<>();
		for (int i = 0; i < channelCount; i++) {
			Channel channel = channels.createForBootstrap(tenant.id(), "渠道 " + i, Platform.WEBSITE, Medium.WEB, null, null, true);
			channels.setDeliveryForBootstrap(tenant.id(), channel.id(), DeliveryMode.WEBHOOK,
					"http://127.0.0.1:" + port + "/hook", SECRET);
			channelIds.add(channel.id());
		}
		Story story = app.getBean(StoryService.class)
			.importStories(tenant.id(), List.of(new Story("", "", 0, "bench-1", "基准 七夕", "", "正文", "zh-Hans", List.of(),
					null, List.of(), List.of(), List.of(), List.of(), StoryStatus.APPROVED, Story.FIRST_REVISION, "bench",
					now, now)))
			.get(0);
		Campaign campaign = app.getBean(CampaignService.class)
			.createForBootstrap(new Campaign(new ObjectId().toHexString(), tenant.id(), "基准活动", null, null,
					now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), channelIds,
					List.of(new CampaignGoal("PLAYS", 1e7)), List.of(), CampaignStatus.ACTIVE, null, 1, "bench", now, now));
		PostService posts = app.getBean(PostService.class);
		String day = LocalDate.ofInstant(minute, ZoneId.of("Asia/Shanghai")).toString();
		for (int i = 0; i < postCount; i++) {
			Instant at = minute.plusMillis((long) i * 60_000 / postCount);
			String channelId = channelIds.get(i % channelCount);
			String key = "bench-" + i;
			posts.createForBootstrap(new Post(Post.idFor(tenant.id(), key), tenant.id(), campaign.id(),
					story.id(), channelId, at, day, PostStatus.SCHEDULED, key, key, 0, at, null, null, null, null, null,
					List.of(new PostTransition(PostStatus.SCHEDULED, now, "Scheduled by the benchmark")), 1, "bench", now, now));
		}
	}

	private static HttpServer receiver(Map<String, AtomicInteger> received) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hook", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			received.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.setExecutor(Executors.newFixedThreadPool(32));
		server.start();
		return server;
	}

	private static ConfigurableApplicationContext start(String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--mediagraph.demo.enabled=false",
				"--mediagraph.index.in-memory=true", "--logging.level.root=WARN", "--mediagraph.publisher.enabled=false",
				"--mediagraph.publisher.allowed-hosts=127.0.0.1", "--mediagraph.security.jwt-secret=" + JWT));
		arguments.addAll(List.of(more));
		return SpringApplication.run(MediaGraphApplication.class, arguments.toArray(String[]::new));
	}

}
