package cn.mediagraph.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story side end to end at archive scale, against the app as a child JVM pinned to one core
 * ({@code taskset -c 1}, {@code -Xmx512m}), over HTTP the way a newsroom reaches it: import of an
 * NDJSON archive split over three centers (70 / 20 / 10 %), saves (sequential latency and four
 * concurrent writers), 10,000 edits, disk use against the archive's size, start-up on the store,
 * every read path (one client, p50 / p99), throughput of the newsroom list with wrk (on core 0),
 * index rebuilds, and the demo center's first start. Asserts only sanity; prints a table and writes
 * it to {@code target/bench-results.md}.
 *
 * <pre>
 * ./mvnw -o -Pbench test -Dtest=StoryBenchmark                         # 100,000 stories
 * ./mvnw -o -Pbench test -Dtest=StoryBenchmark -Dbench.stories=3000    # a quick run
 * </pre>
 *
 * Options: {@code -Dbench.java.home=/usr/lib/jvm/temurin-25-jdk-amd64} runs the app on another JDK
 * (virtual threads on 21+), {@code -Dbench.jfr=true} records the app with JFR during a further wrk
 * run after the measured one ({@code target/bench-data/run/wrk.jfr}, hot spots summarized in
 * {@code wrk-hotspots.txt}) and the demo start ({@code demo.jfr}), {@code -Dbench.samples}, {@code -Dbench.edits},
 * {@code -Dbench.edits.seconds} (a time budget for the edits, 600 by default), {@code -Dbench.path.seconds}
 * (a time budget per read path, 60 by default), {@code -Dbench.reads.warmup.seconds} (every read path from
 * four clients before any is timed, 90 by default), {@code -Dbench.saves.warmup.seconds} (creates and updates
 * from four writers before the saves are timed, 90 by default),
 * {@code -Dbench.wrk.seconds}. The generated archive is kept under {@code target/bench-data} and
 * reused for the same size; everything else is made fresh under {@code target/bench-data/run}.
 */
@Tag("benchmark")
class StoryBenchmark {

	private static final int STORIES = Integer.getInteger("bench.stories", 100_000);

	private static final int SAMPLES = Integer.getInteger("bench.samples", 300);

	private static final int WARMUP = Integer.getInteger("bench.warmup", 50);

	/** Seconds of creates and updates from four writers before the saves are timed. */
	private static final int SAVES_WARMUP_SECONDS = Integer.getInteger("bench.saves.warmup.seconds", 90);

	/** Seconds of every read path, four clients at once, before the read paths are timed one client at a time. */
	private static final int READS_WARMUP_SECONDS = Integer.getInteger("bench.reads.warmup.seconds", 90);

	/** The most time one read path's samples may take; a slower path reports the samples it got. */
	private static final int PATH_SECONDS = Integer.getInteger("bench.path.seconds", 60);

	private static final int EDITS = Integer.getInteger("bench.edits", 10_000);

	private static final int WRITERS = 4;

	/** The most time the edits may take: past it, the run goes on with what was edited. */
	private static final int EDIT_SECONDS = Integer.getInteger("bench.edits.seconds", 600);

	private static final int WRITE_SECONDS = Integer.getInteger("bench.write.seconds", 20);

	private static final int WRK_SECONDS = Integer.getInteger("bench.wrk.seconds", 20);

	private static final int WRK_WARMUP_SECONDS = Integer.getInteger("bench.wrk.warmup.seconds", 10);

	private static final String APP_JAVA_HOME = System.getProperty("bench.java.home", System.getProperty("java.home"));

	private static final boolean JFR = Boolean.getBoolean("bench.jfr");

	private static final String WRK = System.getProperty("bench.wrk", "/usr/bin/wrk");

	private static final String ADMIN_PASSWORD = "bench-admin-password-1";

	private static final String PASSWORD = "bench-chief-password-1";

	/** Raised whenever the generated archive changes, so an old one is made anew. */
	private static final String ARCHIVE_FORMAT = "1";

	private static final int BODY_CHARS = 600;

	private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");

	private static final ZoneOffset CST = ZoneOffset.ofHours(8);

	private static final Path BENCH = Path.of("target", "bench-data").toAbsolutePath();

	private static final Path RUN = BENCH.resolve("run");

	private static final Path STORY_RESULTS = Path.of("target", "bench-results.md").toAbsolutePath();

	private static final Path API_RESULTS = Path.of("target", "api-load-results.md").toAbsolutePath();

	/** Where this run's table goes. */
	private Path results = STORY_RESULTS;

	private static final Pattern CHANNEL_PLACEHOLDER = Pattern.compile("@CH(\\d\\d)@");

	/** The twelve channels of every center: platform, medium, and the form a version takes there. */
	private static final String[][] CHANNELS = { { "TV", "BROADCAST", "TV_SEGMENT" },
			{ "RADIO", "BROADCAST", "RADIO_SEGMENT" }, { "NEWSPAPER", "PRINT", "PRINT_ARTICLE" },
			{ "WEBSITE", "WEB", "WEB_ARTICLE" }, { "APP", "WEB", "WEB_ARTICLE" },
			{ "WECHAT_OFFICIAL_ACCOUNT", "SOCIAL", "SOCIAL_POST" }, { "WEIBO", "SOCIAL", "SOCIAL_POST" },
			{ "DOUYIN", "SHORT_VIDEO", "SHORT_VIDEO" }, { "KUAISHOU", "SHORT_VIDEO", "SHORT_VIDEO" },
			{ "XUEXI_QIANGGUO", "SOCIAL", "SOCIAL_POST" }, { "OUTDOOR_SCREEN", "OUTDOOR", "SCREEN_SPOT" },
			{ "SMS", "DIRECT", "SMS_MESSAGE" } };

	private static final String[] BYLINES = { "记者 张明", "记者 李娜", "通讯员 王强", "记者 赵磊", "见习记者 刘洋", "记者 马兰" };

	private static final String NODE_FIELDS = "id title status createdAt versions { format channel { id name platform } }";

	private static final String ARGS = "first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy";

	private static final String VARS = "$first: Int, $after: String, $last: Int, $before: String, $filter: StoryFilter, $orderBy: StoryOrder";

	/** The newsroom list: a page of stories with their versions and the channels they run on. */
	private static final String LIST = "query(" + VARS + ") { stories(" + ARGS + ") { "
			+ "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { " + NODE_FIELDS + " } } } }";

	/** The same with the passages where a search matched. */
	private static final String SEARCH = "query(" + VARS + ") { stories(" + ARGS + ") { "
			+ "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor "
			+ "highlight { field text ranges { start length } } node { " + NODE_FIELDS + " } } } }";

	private static final String COUNTED = LIST.replace("stories(" + ARGS + ") { ", "stories(" + ARGS + ") { totalCount ");

	private static final String FACETED = LIST.replace("stories(" + ARGS + ") { ", "stories(" + ARGS + ") { "
			+ "facets { status { value count } channel { value count } tag { value count } region { value count } "
			+ "language { value count } } ");

	private static final String DETAIL = "query($id: ID!) { story(id: $id) { id externalId title summary body language tags "
			+ "region bylines status revision createdAt updatedAt "
			+ "versions { format medium title body durationSeconds channel { id name platform } } } }";

	/** What wrk sends: the first page of the newsroom list, without variables. */
	private static final String WRK_QUERY = "{ stories(first: 20) { pageInfo { hasNextPage endCursor } "
			+ "edges { cursor node { " + NODE_FIELDS + " } } } }";

	private static final String CREATE = "mutation($input: CreateStoryInput!) { createStory(input: $input) { "
			+ "story { id revision } userErrors { field code message } } }";

	private static final String UPDATE = "mutation($input: UpdateStoryInput!) { updateStory(input: $input) { "
			+ "story { id revision } userErrors { field code message } } }";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final List<String[]> rows = new ArrayList<>();

	private final List<App> apps = new ArrayList<>();

	private final Random random = new Random(42);

	private String classpath;

	/** Writes that failed, by kind and first message; the test fails on them at the end, after every measurement. */
	private final Map<String, AtomicInteger> failures = new java.util.concurrent.ConcurrentHashMap<>();

	/** Runs a write; a failure is counted (not thrown) so that one bad answer does not end the run. */
	private <T> T attempt(String kind, Callable<T> write) {
		try {
			return write.call();
		}
		catch (Exception | AssertionError ex) {
			String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
			failures.computeIfAbsent(kind + ": " + message.substring(0, Math.min(300, message.length())),
					key -> new AtomicInteger()).incrementAndGet();
			return null;
		}
	}

	private static final int API_WARMUP_SECONDS = Integer.getInteger("bench.api.warmup.seconds", 240);

	/** The story detail as a front end asks for it. */
	private static final String DETAIL_QUERY = "query($id: ID!) { story(id: $id) { id title summary body status revision "
			+ "createdAt tags region versions { format title channel { id name platform } } } }";

	/**
	 * The API under load (issue "harden the API"): with a realistic archive (10,000 stories by
	 * default, {@code -Dbench.api.stories}), requests per second and p50/p99 with 16 connections
	 * for the newsroom list, a story detail, and beside them the same list from a plain REST
	 * endpoint through the same stack ({@code /reference/stories}) as the reference ratio; on
	 * Java 21+ ({@code -Dbench.java.home}) once with virtual threads and once without. Results
	 * in {@code target/api-load-results.md}.
	 */
	@Test
	void apiUnderLoad() throws Exception {
		results = API_RESULTS;
		Files.createDirectories(BENCH);
		pinThisJvmToCore0();
		int count = Integer.getInteger("bench.api.stories", 10_000);
		List<Center> centers = centers(count);
		Path archive = archive(centers);
		deleteRecursively(RUN);
		Files.createDirectories(RUN);
		classpath = snapshotClasspath();
		Path data = RUN.resolve("data");
		String javaVersion = appJavaVersion();
		note("# API under load, " + String.format(Locale.ROOT, "%,d", count) + " stories");
		note("");
		note(String.format(Locale.ROOT, "%s; app on JDK %s (`taskset -c 1`, -Xmx512m), wrk on core 0 (-t1 -c16, %d s after %d s of warm-up).",
				OffsetDateTime.now(CST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), javaVersion, WRK_SECONDS,
				WRK_WARMUP_SECONDS));
		note("Load average at the start (the machine is shared): " + loadAverage());
		note("");
		try {
			App app = start("api-import", data);
			List<Made> made = new ArrayList<>();
			for (Center center : centers) {
				made.add(makeCenter(app, center));
			}
			importArchives(app, archive, made);
			ingestReachHistory(app, made.get(0));
			stopCleanly(app, "after the import");
			boolean loom = Runtime.version().feature() >= 21 || !javaVersion.startsWith("17");
			for (String virtual : loom ? List.of("true", "false") : List.of("n/a")) {
				String label = virtual.equals("n/a") ? "" : virtual.equals("true") ? " [virtual threads]" : " [platform threads]";
				app = start("api-" + virtual.replace("/", ""), data, "--mediagraph.reference-endpoint.enabled=true",
						"--spring.threads.virtual.enabled=" + virtual.equals("true"));
				underLoad(app, made.get(0), label);
				stopCleanly(app, "after the load" + label);
			}
		}
		finally {
			note("");
			note("Load average at the end: " + loadAverage());
			for (App app : apps) {
				app.kill();
			}
			if (Files.exists(results)) {
				System.out.println();
				System.out.println(Files.readString(results));
			}
		}
	}

	private void underLoad(App app, Made center, String label) throws Exception {
		Path script = RUN.resolve("newsroom-list.lua");
		try (InputStream in = StoryBenchmark.class.getResourceAsStream("/bench/newsroom-list.lua")) {
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		String list = json.writeValueAsString(Map.of("query", WRK_QUERY));
		String id = app.gql(center.token(), WRK_QUERY, Map.of()).path("stories").path("edges").path(7).path("node").path("id")
			.asString();
		String detail = json.writeValueAsString(Map.of("query", DETAIL_QUERY, "variables", Map.of("id", id)));
		// a fresh JVM on one core compiles for minutes: measured after 10 s, the list ran at a third of its speed
		runWrk(script, list, center.token(), app, API_WARMUP_SECONDS / 2);
		runWrk(script, detail, center.token(), app, API_WARMUP_SECONDS / 4);
		runWrkGet("/reference/stories?first=20", center.token(), app, API_WARMUP_SECONDS / 4);
		assertThat(app.gql(center.token(), DETAIL_QUERY, Map.of("id", id)).path("story").path("body").asString()).isNotEmpty();

		double graphQl = loadRow("GraphQL newsroom list (20 newest, versions, channels)" + label, app,
				() -> runWrk(script, list, center.token(), app, WRK_WARMUP_SECONDS),
				() -> runWrk(script, list, center.token(), app, WRK_SECONDS), "p99 ≤ 20 ms");
		loadRow("GraphQL story detail" + label, app, () -> runWrk(script, detail, center.token(), app, WRK_WARMUP_SECONDS),
				() -> runWrk(script, detail, center.token(), app, WRK_SECONDS), "—");
		String series = json.writeValueAsString(Map.of("query", SERIES_QUERY, "variables", seriesRange()));
		JsonNode points = app.gql(center.token(), SERIES_QUERY, seriesRange()).path("tenantReach").path("series");
		assertThat(points.size()).as("30 daily points: %s", points).isEqualTo(SERIES_DAYS);
		assertThat(points.path(SERIES_DAYS - 1).path("value").asDouble()).as("the last day's views").isPositive();
		loadRow("GraphQL 30-day reach series of the center (daily VIEWS)" + label, app,
				() -> runWrk(script, series, center.token(), app, WRK_WARMUP_SECONDS),
				() -> runWrk(script, series, center.token(), app, WRK_SECONDS), "—");
		double rest = loadRow("REST reference list, same data and stack (/reference/stories?first=20)" + label, app,
				() -> runWrkGet("/reference/stories?first=20", center.token(), app, WRK_WARMUP_SECONDS),
				() -> runWrkGet("/reference/stories?first=20", center.token(), app, WRK_SECONDS), "—");
		row("GraphQL list ÷ REST list, the runs above" + label, String.format(Locale.ROOT, "%.2f", graphQl / rest), "—");
		List<Double> ratios = new ArrayList<>();
		List<String> rounds = new ArrayList<>();
		for (int round = 0; round < RATIO_ROUNDS; round++) {
			double roundList = requestsPerSecond(runWrk(script, list, center.token(), app, RATIO_ROUND_SECONDS));
			double roundRest = requestsPerSecond(runWrkGet("/reference/stories?first=20", center.token(), app, RATIO_ROUND_SECONDS));
			ratios.add(roundList / roundRest);
			rounds.add(String.format(Locale.ROOT, "%,.0f/%,.0f = %.2f", roundList, roundRest, roundList / roundRest));
		}
		double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
		row(String.format(Locale.ROOT, "GraphQL list ÷ REST list, median of %d alternating %d s rounds%s", RATIO_ROUNDS,
				RATIO_ROUND_SECONDS, label),
				String.format(Locale.ROOT, "%.2f (list/REST req/s by round: %s)", median, String.join("; ", rounds)),
				target(median >= 0.6, "≥ 0.6"));
	}

	/**
	 * Alternating rounds of the list and the REST reference for their ratio: one run of each,
	 * twenty seconds apart on this shared machine, gave ratios from 0.37 to 0.73 for one build.
	 */
	private static final int RATIO_ROUNDS = Integer.getInteger("bench.api.ratio.rounds", 5);

	private static final int RATIO_ROUND_SECONDS = Integer.getInteger("bench.api.ratio.seconds", 10);

	/** A wrk run's requests/s, after checking that every answer was a success. */
	private static double requestsPerSecond(String out) {
		assertThat(out).as("wrk: non-2xx answers").doesNotContain("Non-2xx");
		if (out.contains("GraphQL errors:")) {
			assertThat(find(out, "GraphQL errors: (\\d+)")).as("GraphQL errors under wrk").isEqualTo("0");
		}
		return Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)"));
	}

	/** Days of reach history the API benchmark ingests and queries. */
	private static final int SERIES_DAYS = 30;

	/** A center's daily views over a range, as a big screen or an analyst's chart asks for them. */
	private static final String SERIES_QUERY = "query($from: DateTime!, $to: DateTime!) { tenantReach(range: {from: $from, "
			+ "to: $to}) { series(metric: VIEWS, granularity: DAY) { start value } } }";

	/** The 30 local days (Asia/Shanghai) up to and including today. */
	private static Map<String, Object> seriesRange() {
		java.time.LocalDate today = java.time.LocalDate.now(CST);
		return Map.of("from", today.minusDays(SERIES_DAYS - 1).atStartOfDay(CST).toInstant().toString(), "to",
				today.plusDays(1).atStartOfDay(CST).toInstant().toString());
	}

	/**
	 * Gives a center 30 days of hourly reach snapshots (views, likes, shares) on each of its
	 * channels, through the bulk endpoint, so that its daily series has something to add up.
	 */
	private void ingestReachHistory(App app, Made center) throws Exception {
		Path file = RUN.resolve("reach-history.ndjson");
		java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		int hours = SERIES_DAYS * 24;
		long samples = 0;
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (int c = 0; c < center.channelIds().size(); c++) {
				double views = 0;
				for (int h = hours; h >= 0; h--) {
					views += 200 + random.nextInt(800) * (c + 1);
					java.time.Instant at = now.minus(java.time.Duration.ofHours(h));
					for (String[] metric : new String[][] { { "VIEWS", "1" }, { "LIKES", "0.03" }, { "SHARES", "0.005" } }) {
						out.write(json.writeValueAsString(Map.of("channelId", center.channelIds().get(c), "metric", metric[0],
								"value", Math.floor(views * Double.parseDouble(metric[1])), "observedAt", at.toString(), "mode",
								"CUMULATIVE", "source", "EXPORT")));
						out.write('\n');
						samples++;
					}
				}
			}
		}
		HttpRequest request = postNdjson(app, "/ingest/metrics", center.token(), file, Duration.ofMinutes(30));
		long started = System.nanoTime();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		double seconds = (System.nanoTime() - started) / 1e9;
		assertThat(response.statusCode()).as("reach history: %s", response.body()).isEqualTo(200);
		JsonNode summary = json.readTree(response.body());
		assertThat(summary.path("accepted").asLong()).as("reach history: %s", response.body()).isEqualTo(samples);
		row(String.format(Locale.ROOT, "reach history: %,d hourly snapshots, %d channels × %d days", samples,
				center.channelIds().size(), SERIES_DAYS), String.format(Locale.ROOT, "%.1f s", seconds), "—");
	}

	private interface WrkRun {

		String run() throws Exception;

	}

	/** One measured wrk run after a warm-up; its requests/s. */
	private double loadRow(String name, App app, WrkRun warmUp, WrkRun measured, String p99Target) throws Exception {
		warmUp.run();
		Phase phase = app.phase();
		String out = measured.run();
		String share = cpu(app, phase);
		double rps = requestsPerSecond(out);
		double p50 = wrkMillis(find(out, "\\n\\s+50%\\s+([\\d.]+\\w+)"));
		double p99 = wrkMillis(find(out, "\\n\\s+99%\\s+([\\d.]+\\w+)"));
		row(name, String.format(Locale.ROOT, "%,.0f req/s, p50 %.1f ms, p99 %.1f ms; %s", rps, p50, p99, share),
				p99Target.equals("—") ? "—" : target(p99 <= 20, p99Target));
		return rps;
	}

	private String runWrkGet(String path, String token, App app, int seconds) throws Exception {
		Process wrk = new ProcessBuilder("taskset", "-c", "0", WRK, "-t1", "-c16", "-d" + seconds + "s", "--latency", "-H",
				"Authorization: Bearer " + token, app.base() + path).redirectErrorStream(true).start();
		String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(wrk.waitFor()).as("wrk exit: %s", out).isZero();
		return out;
	}

	private record Center(String slug, long seed, int stories) {
	}

	/** A center as the run made it: its chief editor's token and its channels' global ids. */
	private record Made(Center center, String token, List<String> channelIds) {
	}

	@Test
	void storiesAtScale() throws Exception {
		Files.createDirectories(BENCH);
		pinThisJvmToCore0();
		List<Center> centers = centers(STORIES);
		Path archive = archive(centers);
		deleteRecursively(RUN);
		Files.createDirectories(RUN);
		classpath = snapshotClasspath();
		Path data = RUN.resolve("data");
		note("# StoryBenchmark, " + String.format(Locale.ROOT, "%,d", STORIES) + " stories");
		note("");
		note(String.format(Locale.ROOT, "%s; app on JDK %s (`taskset -c 1`, -Xmx512m), clients and wrk on core 0; %s.",
				OffsetDateTime.now(CST).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), appJavaVersion(),
				centers.stream().map(c -> c.slug() + " " + c.stories()).toList()));
		note("Load average at the start (the machine is shared): " + loadAverage());
		note("");
		try {
			// 1-3: centers, channels, import
			App app = start("import", data);
			row("start-up on an empty store (child JVM to first GraphQL answer)", up(app), "—");
			List<Made> made = new ArrayList<>();
			for (Center center : centers) {
				made.add(makeCenter(app, center));
			}
			long ndjsonBytes = importArchives(app, archive, made);
			Made big = made.get(0);

			// 4: saves
			AtomicInteger created = new AtomicInteger();
			saves(app, big, created);

			// 5: edits, then disk use after a clean stop
			Paged paged = pageAll(app, big.token(), big.center().stories() + created.get());
			edits(app, big, paged);
			// the store also holds the stories the saves made: the issue's ratio is to the stories it holds
			long exported = 0;
			int exportedStories = 0;
			for (Made center : made) {
				long[] export = export(app, center);
				exported += export[0];
				exportedStories += (int) export[1];
			}
			stopCleanly(app, "after the edits");
			long mvDb = Files.size(data.resolve("mediagraph.mv.db"));
			long index = sizeOf(data.resolve("index"));
			row("disk: mediagraph.mv.db", mb(mvDb) + String.format(Locale.ROOT, " (%.2f× NDJSON)", (double) mvDb / ndjsonBytes), "—");
			row("disk: index/", mb(index) + String.format(Locale.ROOT, " (%.2f× NDJSON)", (double) index / ndjsonBytes), "—");
			double ratio = (double) (mvDb + index) / ndjsonBytes;
			row("disk: store + index vs the imported NDJSON " + mb(ndjsonBytes),
					String.format(Locale.ROOT, "%s = %.2f×", mb(mvDb + index), ratio), "—");
			double stored = (double) (mvDb + index) / exported;
			row(String.format(Locale.ROOT, "disk: store + index vs the %,d stories it holds exported as NDJSON %s", exportedStories,
					mb(exported)), String.format(Locale.ROOT, "%s = %.2f×", mb(mvDb + index), stored), target(stored <= 4, "≤ 4×"));

			// 6: start-up on the existing store, read paths
			app = start("both-cores", "0,1", data);
			row("start-up on the existing store, the app on both cores (no `taskset`)", up(app), target(app.upMillis <= 10_000, "≤ 10 s"));
			stopCleanly(app, "after the start on both cores");
			String classData = "-XX:SharedArchiveFile=" + classDataArchive();
			app = start("both-cores-cds", "0,1", data, classData);
			row("start-up on the existing store, both cores, the packaged launch (class-data archive, README Operations)",
					up(app), target(app.upMillis <= 10_000, "≤ 10 s"));
			stopCleanly(app, "after the start with the archive on both cores");
			app = start("one-core-cds", "1", data, classData);
			row("start-up on the existing store, one core, the packaged launch", up(app), target(app.upMillis <= 10_000, "≤ 10 s"));
			stopCleanly(app, "after the start with the archive on one core");
			app = start("reads", data, jfrAtLaunch("reads"));
			row("start-up on the existing store, the app on one core", up(app), target(app.upMillis <= 10_000, "≤ 10 s"));
			int expected = big.center().stories() + created.get();
			assertThat(totalCount(app, big.token())).as("stories of %s after the restart", big.center().slug()).isEqualTo(expected);
			reads(app, big, paged);

			// 7: throughput of the newsroom list
			wrk(app, big);
			stopCleanly(app, "after the reads");

			// 8: rebuilds
			app = start("rebuild", data, "--mediagraph.index.rebuild=true");
			row("start-up with --mediagraph.index.rebuild=true (rebuild from MongoDB)", up(app),
					target(app.upMillis <= 90_000, "≤ 90 s"));
			assertThat(totalCount(app, big.token())).as("stories after the rebuild").isEqualTo(expected);
			stopCleanly(app, "after the rebuild");
			deleteRecursively(data.resolve("index"));
			app = start("missing-index", data);
			row("start-up with the index directory deleted (rebuild)", up(app),
					target(app.upMillis <= 90_000, "≤ 90 s"));
			assertThat(totalCount(app, big.token())).as("stories after the missing index was rebuilt").isEqualTo(expected);
			assertThat(stories(app, big.token(), Map.of("first", 20, "filter", Map.of("text", "铜川"))).path("edges").size())
				.isEqualTo(20);
			stopCleanly(app, "after the missing-index rebuild");
			// the same on both cores: on one, the JIT compilers took 40 % of the core in a rebuild's first minute
			app = start("rebuild-both-cores", "0,1", data, "--mediagraph.index.rebuild=true");
			row("start-up with --mediagraph.index.rebuild=true, the app on both cores", up(app),
					target(app.upMillis <= 90_000, "≤ 90 s"));
			assertThat(totalCount(app, big.token())).as("stories after the rebuild on both cores").isEqualTo(expected);
			stopCleanly(app, "after the rebuild on both cores");
			deleteRecursively(data.resolve("index"));
			app = start("missing-index-both-cores", "0,1", data);
			row("start-up with the index directory deleted, the app on both cores", up(app),
					target(app.upMillis <= 90_000, "≤ 90 s"));
			assertThat(totalCount(app, big.token())).as("stories after the rebuild on both cores").isEqualTo(expected);
			stopCleanly(app, "after the missing-index rebuild on both cores");

			// 9: the demo center on a fresh store
			demo();

			row("failed writes", failures.isEmpty() ? "0" : failures.toString().replace("|", "/"), "0");
			assertThat(failures).as("failed writes").isEmpty();
		}
		finally {
			note("");
			note("Load average at the end: " + loadAverage());
			if (!failures.isEmpty()) {
				note("");
				note("Failed writes: " + failures);
			}
			for (App app : apps) {
				app.kill();
			}
			if (Files.exists(results)) {
				System.out.println();
				System.out.println(Files.readString(results));
			}
		}
	}

	// ------------------------------------------------------------------ 1. the archive

	private static List<Center> centers(int stories) {
		int a = stories * 7 / 10;
		int b = stories * 2 / 10;
		return List.of(new Center("bench-a", 1, a), new Center("bench-b", 2, b), new Center("bench-c", 3, stories - a - b));
	}

	/**
	 * The archive of each center as NDJSON, with {@code @CHnn@} where a channel's global id goes
	 * (channels exist only once the run made them). Deterministic; kept and reused per size.
	 */
	private Path archive(List<Center> centers) throws IOException {
		int total = centers.stream().mapToInt(Center::stories).sum();
		Path dir = BENCH.resolve("archive-" + total);
		Path marker = dir.resolve("complete");
		if (Files.exists(marker) && Files.readString(marker).equals(ARCHIVE_FORMAT)) {
			System.out.println("Reusing the archive in " + dir);
			return dir;
		}
		deleteRecursively(dir);
		Files.createDirectories(dir);
		long started = System.nanoTime();
		for (Center center : centers) {
			StoryGenerator generator = new StoryGenerator(center.seed(), center.stories(), END, CHANNELS.length, BODY_CHARS);
			Random extra = new Random(center.seed() * 31);
			try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(center.slug() + ".ndjson"), StandardCharsets.UTF_8)) {
				for (int i = 0; i < center.stories(); i++) {
					out.write(json.writeValueAsString(line(center, i, generator.next(), extra)));
					out.write('\n');
				}
			}
		}
		Files.writeString(marker, ARCHIVE_FORMAT);
		System.out.printf(Locale.ROOT, "Generated the archive of %,d stories in %.1f s%n", total, (System.nanoTime() - started) / 1e9);
		return dir;
	}

	private static Map<String, Object> line(Center center, int i, StoryGenerator.Generated g, Random extra) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("externalId", String.format(Locale.ROOT, "%s-%07d", center.slug(), i));
		line.put("title", g.title());
		line.put("summary", g.summary());
		line.put("body", g.body());
		line.put("language", g.language());
		line.put("tags", g.tags());
		line.put("region", g.region());
		line.put("bylines", List.of(BYLINES[extra.nextInt(BYLINES.length)]));
		List<Map<String, Object>> versions = new ArrayList<>();
		for (int channel : g.channels()) {
			Map<String, Object> version = new LinkedHashMap<>();
			version.put("channelId", String.format(Locale.ROOT, "@CH%02d@", channel));
			version.put("format", CHANNELS[channel][2]);
			version.put("title", g.title());
			version.put("body", g.summary());
			versions.add(version);
		}
		line.put("versions", versions);
		line.put("status", g.status());
		line.put("createdAt", g.createdAt().atOffset(CST).toString());
		return line;
	}

	// ------------------------------------------------------------------ 2-3. centers, channels, import

	private Made makeCenter(App app, Center center) throws Exception {
		String token = new RunningApp(app.port).newCenterWithChiefEditor(ADMIN_PASSWORD, center.slug(), PASSWORD);
		assertThat(token).as("chief editor token of " + center.slug()).isNotBlank();
		List<String> channelIds = new ArrayList<>();
		for (String[] channel : CHANNELS) {
			JsonNode payload = app.gql(token, "mutation($input: CreateChannelInput!) { createChannel(input: $input) { "
					+ "channel { id } userErrors { field code message } } }",
					Map.of("input", Map.of("name", center.slug() + " " + channel[0], "platform", channel[0], "medium", channel[1])))
				.path("createChannel");
			assertThat(payload.path("userErrors").size()).as("createChannel %s", payload).isZero();
			channelIds.add(payload.path("channel").path("id").asString());
		}
		return new Made(center, token, channelIds);
	}

	/** Imports each center's archive, its channel ids put in, streamed from a file. */
	private long importArchives(App app, Path archive, List<Made> made) throws Exception {
		long bytes = 0;
		double totalSeconds = 0;
		double cpuSeconds = 0;
		for (Made center : made) {
			Path file = RUN.resolve(center.center().slug() + ".ndjson");
			try (BufferedReader in = Files.newBufferedReader(archive.resolve(center.center().slug() + ".ndjson"), StandardCharsets.UTF_8);
					BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					Matcher m = CHANNEL_PLACEHOLDER.matcher(line);
					out.write(m.replaceAll(r -> center.channelIds().get(Integer.parseInt(r.group(1)))));
					out.write('\n');
				}
			}
			long size = Files.size(file);
			bytes += size;
			HttpRequest request = postNdjson(app, "/import/stories", center.token(), file, Duration.ofHours(2));
			Phase phase = app.phase();
			long started = System.nanoTime();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			double seconds = (System.nanoTime() - started) / 1e9;
			totalSeconds += seconds;
			cpuSeconds += app.cpuSeconds() - phase.cpu();
			assertThat(response.statusCode()).as("import of %s: %s", file, response.body()).isEqualTo(200);
			JsonNode summary = json.readTree(response.body());
			assertThat(summary.path("rejectedLines").asLong()).as("rejected lines: %s", summary.path("rejected")).isZero();
			assertThat(summary.path("accepted").asLong()).isEqualTo(center.center().stories());
			row(String.format(Locale.ROOT, "import %s: %,d stories, NDJSON %s", center.center().slug(), center.center().stories(),
					mb(size)), String.format(Locale.ROOT, "%.1f s = %,.0f stories/s; %s", seconds, center.center().stories() / seconds,
							cpu(app, phase)), "—");
		}
		long imported = made.stream().mapToLong(center -> center.center().stories()).sum();
		row(String.format(Locale.ROOT, "import overall: %,d stories, NDJSON %s", imported, mb(bytes)),
				String.format(Locale.ROOT, "%.1f s = %,.0f stories/s; app CPU %.0f%%", totalSeconds, imported / totalSeconds,
						100 * cpuSeconds / totalSeconds), "—");
		for (Made center : made) {
			assertThat(totalCount(app, center.token())).as("stories of %s", center.center().slug())
				.isEqualTo(center.center().stories());
		}
		return bytes;
	}

	// ------------------------------------------------------------------ 4. saves

	private void saves(App app, Made center, AtomicInteger created) throws Exception {
		StoryGenerator generator = new StoryGenerator(100, 1000, END, CHANNELS.length, BODY_CHARS);
		// warm the write path first: right after the import, a fresh JVM on one core still gives
		// the C2 compiler 40% of the core, and saves measured then were twice their steady state
		long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(SAVES_WARMUP_SECONDS);
		concurrently(WRITERS, writer -> {
			StoryGenerator own = new StoryGenerator(500 + writer, 1000, END, CHANNELS.length, BODY_CHARS);
			while (System.nanoTime() < warmUntil) {
				JsonNode story = create(app, center, own, created);
				update(app, center, story.path("id").asString(), story.path("revision").asInt(), own.nextBody());
			}
			return null;
		});
		for (int i = 0; i < 50; i++) {
			JsonNode story = create(app, center, generator, created);
			update(app, center, story.path("id").asString(), story.path("revision").asInt(), generator.nextBody());
		}
		double[] creates = new double[300];
		List<JsonNode> fresh = new ArrayList<>();
		for (int i = 0; i < creates.length; i++) {
			long started = System.nanoTime();
			fresh.add(create(app, center, generator, created));
			creates[i] = (System.nanoTime() - started) / 1e6;
		}
		double[] updates = new double[300];
		for (int i = 0; i < updates.length; i++) {
			String body = generator.nextBody();
			long started = System.nanoTime();
			update(app, center, fresh.get(i).path("id").asString(), fresh.get(i).path("revision").asInt(), body);
			updates[i] = (System.nanoTime() - started) / 1e6;
		}
		row("save: createStory (600-char body, 2 versions), sequential, p50 / p99", percentiles(creates), "—");
		row("save: updateStory (600-char body), sequential, p50 / p99", percentiles(updates), "—");

		AtomicInteger saves = new AtomicInteger();
		Phase phase = app.phase();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WRITE_SECONDS);
		long started = System.nanoTime();
		concurrently(WRITERS, writer -> {
			StoryGenerator own = new StoryGenerator(200 + writer, 1000, END, CHANNELS.length, BODY_CHARS);
			while (System.nanoTime() < deadline) {
				JsonNode story = attempt("concurrent createStory", () -> create(app, center, own, created));
				if (story == null) {
					continue;
				}
				saves.incrementAndGet();
				String body = own.nextBody();
				if (attempt("concurrent updateStory", () -> update(app, center, story.path("id").asString(),
						story.path("revision").asInt(), body)) != null) {
					saves.incrementAndGet();
				}
			}
			return null;
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		row(WRITERS + " concurrent writers (create + update loops, " + WRITE_SECONDS + " s)",
				String.format(Locale.ROOT, "%,.1f saves/s (%,d saves); %s", saves.get() / seconds, saves.get(), cpu(app, phase)), "—");
	}

	/** A streaming endpoint's request: the file as NDJSON, with the caller's token. */
	private static HttpRequest postNdjson(App app, String path, String token, Path file, Duration timeout)
			throws IOException {
		return HttpRequest.newBuilder(URI.create(app.base() + path))
			.timeout(timeout)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofFile(file))
			.build();
	}

	private JsonNode create(App app, Made center, StoryGenerator generator, AtomicInteger created) throws Exception {
		StoryGenerator.Generated g;
		synchronized (generator) {
			g = generator.next();
		}
		List<Map<String, Object>> versions = new ArrayList<>();
		int first = g.channels().get(0);
		for (int channel : List.of(first, (first + 5) % CHANNELS.length)) {
			versions.add(Map.of("channelId", center.channelIds().get(channel), "format", CHANNELS[channel][2], "title", g.title(),
					"body", g.summary()));
		}
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("title", g.title());
		input.put("summary", g.summary());
		input.put("body", g.body());
		input.put("language", "zh-Hans");
		input.put("tags", g.tags());
		input.put("region", g.region());
		input.put("bylines", List.of("记者 张明"));
		input.put("versions", versions);
		JsonNode payload = app.gql(center.token(), CREATE, Map.of("input", input)).path("createStory");
		assertThat(payload.path("userErrors").size()).as("createStory: %s", payload).isZero();
		created.incrementAndGet();
		return payload.path("story");
	}

	private int update(App app, Made center, String id, int revision, String body) throws Exception {
		JsonNode payload = app.gql(center.token(), UPDATE,
				Map.of("input", Map.of("id", id, "expectedRevision", revision, "body", body))).path("updateStory");
		assertThat(payload.path("userErrors").size()).as("updateStory: %s", payload).isZero();
		return payload.path("story").path("revision").asInt();
	}

	// ------------------------------------------------------------------ 5. edits

	/**
	 * The imported stories of a center (id and revision), cursors spread through its list, and
	 * which of the stories may be edited in place (not out in public or retired: those are
	 * corrected through review instead, and an edit of one is refused).
	 */
	private record Paged(List<String> ids, List<Integer> revisions, List<String> cursors, List<Integer> editable) {
	}

	private static final java.util.Set<String> NOT_EDITABLE = java.util.Set.of("PUBLISHED", "CORRECTED", "WITHDRAWN",
			"ARCHIVED");

	private Paged pageAll(App app, String token, int expected) throws Exception {
		List<String> ids = new ArrayList<>();
		List<Integer> revisions = new ArrayList<>();
		List<String> cursors = new ArrayList<>();
		List<Integer> editable = new ArrayList<>();
		String after = null;
		int seen = 0;
		long started = System.nanoTime();
		while (true) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("first", 100);
			if (after != null) {
				variables.put("after", after);
			}
			JsonNode page = app.gql(token, "query($first: Int, $after: String) { stories(first: $first, after: $after) { "
					+ "pageInfo { hasNextPage endCursor } nodes { id revision externalId status } } }", variables).path("stories");
			for (JsonNode node : page.path("nodes")) {
				seen++;
				if (!node.path("externalId").isNull() && !node.path("externalId").isMissingNode()) {
					if (!NOT_EDITABLE.contains(node.path("status").asString())) {
						editable.add(ids.size());
					}
					ids.add(node.path("id").asString());
					revisions.add(node.path("revision").asInt());
				}
			}
			after = page.path("pageInfo").path("endCursor").asString();
			if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
				break;
			}
			cursors.add(after);
		}
		System.out.printf(Locale.ROOT, "Paged through %,d stories in %.1f s%n", seen, (System.nanoTime() - started) / 1e9);
		assertThat(seen).as("stories seen paging forward").isEqualTo(expected);
		assertThat(editable).as("imported stories that may be edited in place").isNotEmpty();
		return new Paged(ids, revisions, cursors, editable);
	}

	/**
	 * A center's stories as they are now, written as import lines (the archive's fields, channels
	 * by id): the NDJSON export the disk target compares with. Returns its bytes and stories.
	 */
	private long[] export(App app, Made center) throws Exception {
		long bytes = 0;
		long stories = 0;
		String after = null;
		while (true) {
			Map<String, Object> variables = new HashMap<>();
			variables.put("first", 100);
			if (after != null) {
				variables.put("after", after);
			}
			JsonNode page = app.gql(center.token(), "query($first: Int, $after: String) { stories(first: $first, after: $after) { "
					+ "pageInfo { hasNextPage endCursor } nodes { id } } }", variables).path("stories");
			List<String> ids = new ArrayList<>();
			page.path("nodes").forEach(node -> ids.add(node.path("id").asString()));
			JsonNode nodes = app.gql(center.token(), "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Story { externalId title "
					+ "summary body language tags region bylines status createdAt versions { channel { id } format title body "
					+ "durationSeconds } } } }", Map.of("ids", ids)).path("nodes");
			for (JsonNode node : nodes) {
				Map<String, Object> line = new LinkedHashMap<>();
				for (String field : List.of("externalId", "title", "summary", "body", "language", "tags", "region", "bylines")) {
					if (!node.path(field).isNull()) {
						line.put(field, node.path(field));
					}
				}
				List<Map<String, Object>> versions = new ArrayList<>();
				for (JsonNode version : node.path("versions")) {
					Map<String, Object> out = new LinkedHashMap<>();
					out.put("channelId", version.path("channel").path("id").asString());
					for (String field : List.of("format", "title", "body", "durationSeconds")) {
						if (!version.path(field).isNull()) {
							out.put(field, version.path(field));
						}
					}
					versions.add(out);
				}
				line.put("versions", versions);
				line.put("status", node.path("status").asString());
				line.put("createdAt", node.path("createdAt").asString());
				bytes += json.writeValueAsString(line).getBytes(StandardCharsets.UTF_8).length + 1;
				stories++;
			}
			after = page.path("pageInfo").path("endCursor").asString();
			if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
				return new long[] { bytes, stories };
			}
		}
	}

	/** Edits spread over random imported stories; each writer owns every fourth, so none conflict. */
	private void edits(App app, Made center, Paged paged) throws Exception {
		List<double[]> timings = new ArrayList<>();
		Phase phase = app.phase();
		long started = System.nanoTime();
		long deadline = started + TimeUnit.SECONDS.toNanos(EDIT_SECONDS);
		concurrently(WRITERS, writer -> {
			List<Integer> own = new ArrayList<>();
			for (int i = writer; i < paged.editable().size(); i += WRITERS) {
				own.add(paged.editable().get(i));
			}
			Map<Integer, Integer> revisions = new HashMap<>();
			StoryGenerator generator = new StoryGenerator(300 + writer, 1000, END, CHANNELS.length, BODY_CHARS);
			Random pick = new Random(400 + writer);
			double[] millis = new double[EDITS / WRITERS];
			int done = 0;
			while (done < millis.length && System.nanoTime() < deadline && !own.isEmpty()) {
				int slot = pick.nextInt(own.size());
				int story = own.get(slot);
				String body = generator.nextBody();
				int expected = revisions.getOrDefault(story, paged.revisions().get(story));
				long t = System.nanoTime();
				Integer revision = attempt("edit (updateStory)", () -> update(app, center, paged.ids().get(story), expected, body));
				if (revision == null) {
					// its revision is unknown now: leave the story alone
					own.remove(slot);
					continue;
				}
				millis[done++] = (System.nanoTime() - t) / 1e6;
				revisions.put(story, revision);
			}
			synchronized (timings) {
				timings.add(Arrays.copyOf(millis, done));
			}
			return null;
		});
		double seconds = (System.nanoTime() - started) / 1e9;
		double[] all = timings.stream().flatMapToDouble(Arrays::stream).toArray();
		String stopped = all.length < EDITS / WRITERS * WRITERS
				? String.format(Locale.ROOT, " — stopped by the %d s budget (-Dbench.edits.seconds) after %,d of %,d", EDIT_SECONDS,
						all.length, EDITS / WRITERS * WRITERS)
				: "";
		row(String.format(Locale.ROOT, "%,d edits (updateStory, %d writers, random imported stories in editable statuses)%s", all.length, WRITERS, stopped),
				String.format(Locale.ROOT, "%.1f s = %,.1f edits/s; p50 / p99 %s; %s", seconds, all.length / seconds,
						percentiles(all), cpu(app, phase)), "—");
	}

	// ------------------------------------------------------------------ 6. reads

	private void reads(App app, Made center, Paged paged) throws Exception {
		String token = center.token();
		List<String> cursors = paged.cursors().isEmpty() ? List.of() : paged.cursors();
		String[] tags = StoryGenerator.TAGS;
		String[] towns = StoryGenerator.TOWNS;
		Map<String, Read> paths = new LinkedHashMap<>();
		paths.put("list: first page (20 newest, versions + channels)", new Read(LIST, () -> Map.of("first", 20)));
		if (!cursors.isEmpty()) {
			paths.put("list: a deep page via cursor", new Read(LIST, () -> Map.of("first", 20, "after", pick(cursors))));
			paths.put("list: a page backward via cursor", new Read(LIST, () -> Map.of("last", 20, "before", pick(cursors))));
		}
		paths.put("filter: status", new Read(LIST, () -> filter(Map.of("status", "IN_REVIEW"))));
		paths.put("filter: channel", new Read(LIST, () -> filter(Map.of("channelId", pick(center.channelIds())))));
		paths.put("filter: tag", new Read(LIST, () -> filter(Map.of("tag", pick(tags)))));
		paths.put("filter: region", new Read(LIST, () -> filter(Map.of("region", pick(towns)))));
		paths.put("filter: one month", new Read(LIST, () -> filter(Map.of("createdAfter", "2025-03-01T00:00:00+08:00",
				"createdBefore", "2025-04-01T00:00:00+08:00"))));
		paths.put("filter: tag + status + region", new Read(LIST,
				() -> filter(Map.of("tag", pick(tags), "status", "PUBLISHED", "region", pick(towns)))));
		paths.put("search: 2 chars, place (铜川)", new Read(SEARCH, () -> filter(Map.of("text", "铜川"))));
		paths.put("search: 2 chars, common (群众)", new Read(SEARCH, () -> filter(Map.of("text", "群众"))));
		paths.put("search: 5 chars (山地越野赛)", new Read(SEARCH, () -> filter(Map.of("text", "山地越野赛"))));
		paths.put("search: rare phrase (宜君彭镇举办了夜间集市)", new Read(SEARCH, () -> filter(Map.of("text", "宜君彭镇举办了夜间集市"))));
		paths.put("search: orderBy RELEVANCE (铜川)", new Read(SEARCH,
				() -> Map.of("first", 20, "filter", Map.of("text", "铜川"), "orderBy", "RELEVANCE")));
		paths.put("facets (5 fields) + first page, whole list", new Read(FACETED, () -> Map.of("first", 20)));
		paths.put("facets (5 fields) + first page, search (铜川)", new Read(FACETED, () -> filter(Map.of("text", "铜川"))));
		paths.put("totalCount + first page", new Read(COUNTED, () -> Map.of("first", 20)));
		paths.put("story detail by id", new Read(DETAIL, () -> Map.of("id", pick(paged.ids()))));

		// sanity: the paths answer what they should
		assertThat(stories(app, token, Map.of("first", 20)).path("edges").size()).isEqualTo(20);
		assertThat(stories(app, token, filter(Map.of("text", "铜川"))).path("edges").size()).isEqualTo(20);
		assertThat(app.gql(token, DETAIL, Map.of("id", paged.ids().get(0))).path("story").path("body").asString()).isNotEmpty();

		// warm the JIT on every shape before any path is timed: a fresh JVM on one core compiles
		// for minutes, and a few dozen requests a path left single-client latencies several times
		// their steady state (a story detail: 8-10 ms after 200 requests, 1.8 ms after 30 s of load)
		List<Read> all = List.copyOf(paths.values());
		long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(READS_WARMUP_SECONDS);
		concurrently(WRITERS, client -> {
			for (int i = client; System.nanoTime() < warmUntil; i++) {
				Read read = all.get(i % all.size());
				app.gql(token, read.query(), read.variables().get());
			}
			return null;
		});
		for (var path : paths.entrySet()) {
			Read read = path.getValue();
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATH_SECONDS / 4);
			for (int i = 0; i < WARMUP && System.nanoTime() < until; i++) {
				app.gql(token, read.query(), read.variables().get());
			}
			double[] millis = new double[SAMPLES];
			int taken = 0;
			until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATH_SECONDS);
			while (taken < SAMPLES && (taken < 10 || System.nanoTime() < until)) {
				Map<String, Object> variables = read.variables().get();
				long started = System.nanoTime();
				app.gql(token, read.query(), variables);
				millis[taken++] = (System.nanoTime() - started) / 1e6;
			}
			String capped = taken < SAMPLES
					? String.format(Locale.ROOT, " (only %d samples: %d s budget, -Dbench.path.seconds)", taken, PATH_SECONDS) : "";
			row("read: " + path.getKey() + ", p50 / p99", percentiles(Arrays.copyOf(millis, taken)) + capped, "—");
		}
	}

	private record Read(String query, Supplier<Map<String, Object>> variables) {
	}

	private static Map<String, Object> filter(Map<String, Object> filter) {
		return Map.of("first", 20, "filter", filter);
	}

	private JsonNode stories(App app, String token, Map<String, Object> variables) throws Exception {
		return app.gql(token, LIST, variables).path("stories");
	}

	private int totalCount(App app, String token) throws Exception {
		return app.gql(token, "{ stories(first: 1) { totalCount } }", Map.of()).path("stories").path("totalCount").asInt();
	}

	// ------------------------------------------------------------------ 7. wrk

	private void wrk(App app, Made center) throws Exception {
		if (!Files.isExecutable(Path.of(WRK))) {
			row("wrk", "not run: " + WRK + " is missing (apt-get install -y wrk)", "≥ 1,100 req/s");
			return;
		}
		Path script = RUN.resolve("newsroom-list.lua");
		try (InputStream in = StoryBenchmark.class.getResourceAsStream("/bench/newsroom-list.lua")) {
			assertThat(in).as("bench/newsroom-list.lua on the test classpath").isNotNull();
			Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
		}
		String body = json.writeValueAsString(Map.of("query", WRK_QUERY));
		assertThat(app.gql(center.token(), WRK_QUERY, Map.of()).path("stories").path("edges").size()).isEqualTo(20);
		runWrk(script, body, center.token(), app, WRK_WARMUP_SECONDS);
		Phase phase = app.phase();
		String out = runWrk(script, body, center.token(), app, WRK_SECONDS);
		String share = cpu(app, phase);
		System.out.println(out);
		double rps = Double.parseDouble(find(out, "Requests/sec:\\s+([\\d.]+)"));
		double p50 = wrkMillis(find(out, "\\n\\s+50%\\s+([\\d.]+\\w+)"));
		double p99 = wrkMillis(find(out, "\\n\\s+99%\\s+([\\d.]+\\w+)"));
		String errors = find(out, "GraphQL errors: (\\d+)");
		assertThat(errors).as("GraphQL errors under wrk").isEqualTo("0");
		assertThat(out).as("wrk: non-2xx answers").doesNotContain("Non-2xx");
		String socketErrors = out.contains("Socket errors") ? "; " + find(out, "(Socket errors:[^\\n]*)") : "";
		row("wrk newsroom list (-t1 -c16, " + WRK_SECONDS + " s): requests/s", String.format(Locale.ROOT, "%,.0f%s; %s", rps,
				socketErrors, share),
				target(rps >= 1100, "≥ 1,100 req/s"));
		row("wrk newsroom list: p50 / p99", String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p99), target(p99 <= 30, "p99 ≤ 30 ms"));
		if (JFR) {
			// a further run, recorded alone; the recording since launch keeps the classes instrumented
			Path recording = RUN.resolve("wrk.jfr");
			Process jcmd = new ProcessBuilder(Path.of(APP_JAVA_HOME, "bin", "jcmd").toString(), Long.toString(app.process.pid()),
					"JFR.start", "name=wrk", "settings=profile", "filename=" + recording).redirectErrorStream(true).start();
			System.out.println(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			jcmd.waitFor();
			String profiled = runWrk(script, body, center.token(), app, WRK_SECONDS);
			jcmd = new ProcessBuilder(Path.of(APP_JAVA_HOME, "bin", "jcmd").toString(), Long.toString(app.process.pid()),
					"JFR.stop", "name=wrk").redirectErrorStream(true).start();
			System.out.println(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			jcmd.waitFor();
			System.out.println("Profiled wrk run: " + find(profiled, "(Requests/sec:\\s+[\\d.]+)"));
			Path hotspots = RUN.resolve("wrk-hotspots.txt");
			Files.writeString(hotspots, hotspots(recording));
			note("");
			note("JFR recording of the app during a further wrk run (" + find(profiled, "Requests/sec:\\s+([\\d.]+)")
					+ " req/s): `" + recording + "`, hot spots in `" + hotspots + "`");
		}
	}

	/**
	 * The hottest methods of a recording's execution samples: on top of the stack (self) and
	 * anywhere in it (inclusive, once per sample), as {@code jfr print} gives them.
	 */
	private static String hotspots(Path recording) throws Exception {
		Process print = new ProcessBuilder(Path.of(APP_JAVA_HOME, "bin", "jfr").toString(), "print", "--stack-depth", "256",
				"--events", "jdk.ExecutionSample", recording.toString()).redirectErrorStream(true).start();
		String out = new String(print.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		print.waitFor();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> inclusive = new HashMap<>();
		int samples = 0;
		for (String event : out.split("jdk\\.ExecutionSample \\{")) {
			int stack = event.indexOf("stackTrace = [");
			if (stack < 0) {
				continue;
			}
			samples++;
			List<String> frames = event.substring(stack + "stackTrace = [".length())
				.lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("]") && !line.equals("...") && !line.startsWith("truncated"))
				.map(line -> line.replaceAll("\\s+line:.*", ""))
				.toList();
			if (!frames.isEmpty()) {
				self.merge(frames.get(0), 1, Integer::sum);
			}
			frames.stream().map(frame -> frame.replaceAll("\\(.*", "")).distinct()
				.forEach(method -> inclusive.merge(method, 1, Integer::sum));
		}
		StringBuilder text = new StringBuilder("execution samples: " + samples + "\n\nself (top of stack):\n");
		self.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
			.forEach(e -> text.append(String.format(Locale.ROOT, "%6d  %s%n", e.getValue(), e.getKey())));
		text.append("\ninclusive (anywhere in the stack):\n");
		inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(150)
			.forEach(e -> text.append(String.format(Locale.ROOT, "%6d  %s%n", e.getValue(), e.getKey())));
		return text.toString();
	}

	private String runWrk(Path script, String body, String token, App app, int seconds) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("taskset", "-c", "0", WRK, "-t1", "-c16", "-d" + seconds + "s", "--latency",
				"-s", script.toString(), app.base() + "/graphql").redirectErrorStream(true);
		builder.environment().put("BENCH_TOKEN", token);
		builder.environment().put("BENCH_BODY", body);
		Process wrk = builder.start();
		String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(wrk.waitFor()).as("wrk exit: %s", out).isZero();
		return out;
	}

	private static double wrkMillis(String value) {
		Matcher m = Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(value);
		assertThat(m.matches()).as("a wrk duration: " + value).isTrue();
		double number = Double.parseDouble(m.group(1));
		return switch (m.group(2)) {
			case "us" -> number / 1000;
			case "ms" -> number;
			case "s" -> number * 1000;
			default -> number * 60_000;
		};
	}

	private static String find(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
		return m.group(1);
	}

	// ------------------------------------------------------------------ 9. demo

	private void demo() throws Exception {
		Path data = RUN.resolve("demo");
		long launched = System.nanoTime();
		List<String> arguments = new ArrayList<>(List.of(jfrAtLaunch("demo")));
		arguments.addAll(List.of("--mediagraph.demo.enabled=true", "--logging.level.cn.mediagraph.demo=INFO"));
		App app = launch("demo", data, arguments.toArray(String[]::new));
		app.awaitUp(Duration.ofMinutes(2));
		row("demo: start-up on an empty store until GraphQL answers", up(app), "—");
		String loaded = null;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (loaded == null && System.nanoTime() < deadline) {
			loaded = Files.readAllLines(app.log, StandardCharsets.UTF_8).stream()
				.filter(line -> line.contains("Loaded the demo media center"))
				.findFirst()
				.orElse(null);
			if (loaded == null) {
				Thread.sleep(20);
			}
		}
		double millis = (System.nanoTime() - launched) / 1e6;
		String share = cpu(app, new Phase(0, launched));
		assertThat(loaded).as("'Loaded the demo media center' in %s", app.log).isNotNull();
		String own = find(loaded, " in (\\d+) ms");
		row("demo: JVM launch until the log says \"Loaded the demo media center\"",
				String.format(Locale.ROOT, "%s (loader itself: %s ms; %s)", seconds(millis), own, share), "—");
		double afterStart = millis - app.upMillis;
		row("demo: ready after the start (first GraphQL answer until the log says it is loaded)", seconds(afterStart),
				target(afterStart <= 5000, "≤ 5 s"));
		stopCleanly(app, "demo");
	}

	// ------------------------------------------------------------------ the child app

	/** An app in a child JVM pinned to core 1. */
	private final class App {

		final Process process;

		final int port;

		final Path log;

		final long launched;

		double upMillis;

		/** The app's share of its core until it answered. */
		String upCpu = "";

		App(Process process, int port, Path log, long launched) {
			this.process = process;
			this.port = port;
			this.log = log;
			this.launched = launched;
		}

		String base() {
			return "http://127.0.0.1:" + port;
		}

		/** CPU seconds the app's JVM has used (all threads), from /proc. */
		double cpuSeconds() {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
			}
			catch (IOException | RuntimeException ex) {
				return Double.NaN;
			}
		}

		/** Marks the start of a phase whose CPU share is wanted. */
		Phase phase() {
			return new Phase(cpuSeconds(), System.nanoTime());
		}

		void awaitUp(Duration limit) throws Exception {
			long deadline = launched + limit.toNanos();
			HttpRequest probe = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
				.build();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The app exited with " + process.exitValue() + ":\n" + tail());
				}
				try {
					HttpResponse<String> response = http.send(probe, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() == 200 && response.body().contains("__typename")) {
						upMillis = (System.nanoTime() - launched) / 1e6;
						upCpu = cpu(this, new Phase(0, launched));
						return;
					}
				}
				catch (ConnectException ex) {
					// not listening yet
				}
				catch (IOException ex) {
					// listening, not answering yet
				}
				Thread.sleep(20);
			}
			throw new IllegalStateException("The app did not answer within " + limit + ":\n" + tail());
		}

		JsonNode gql(String token, String query, Map<String, Object> variables) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query, "variables", variables))));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode body = json.readTree(response.body());
			if (response.statusCode() != 200 || body.has("errors")) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ", GraphQL errors: " + body.path("errors")
						+ "\nfor " + query + " " + variables);
			}
			return body.path("data");
		}

		/** SIGTERM, then waits; returns the exit code. */
		int stop() throws Exception {
			process.destroy();
			if (!process.waitFor(3, TimeUnit.MINUTES)) {
				process.destroyForcibly().waitFor();
				throw new IllegalStateException("The app did not stop within 3 minutes of SIGTERM:\n" + tail());
			}
			return process.exitValue();
		}

		void kill() {
			if (process.isAlive()) {
				process.destroyForcibly();
			}
		}

		String tail() throws IOException {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}

	}

	/** A stretch of time and the app's CPU time at its start. */
	private record Phase(double cpu, long nanos) {
	}

	/**
	 * How much of its one core the app got since the phase began: well under 100 % while it was
	 * busy means others' processes held the core (the machine is shared).
	 */
	private static String cpu(App app, Phase phase) {
		double wall = (System.nanoTime() - phase.nanos()) / 1e9;
		return String.format(Locale.ROOT, "app CPU %.0f%%", 100 * (app.cpuSeconds() - phase.cpu()) / wall);
	}

	/**
	 * With {@code -Dbench.jfr=true}, a recording from launch: JFR instruments classes as they load
	 * then, whereas starting it later on a warm app deoptimizes and recompiles much of it (on one
	 * core, throughput fell from about 140 to 5 requests/s for half a minute).
	 */
	private static String jfrAtLaunch(String name) {
		if (!JFR) {
			return "";
		}
		return "-XX:StartFlightRecording:name=" + name + ",settings=profile,maxage=10m,dumponexit=true,filename="
				+ RUN.resolve(name + ".jfr");
	}

	private App start(String name, Path data, String... extra) throws Exception {
		return start(name, "1", data, extra);
	}

	/** Starts the app on the given cores ({@code taskset -c}) and waits until it answers. */
	private App start(String name, String cores, Path data, String... extra) throws Exception {
		App app = launch(name, cores, data, extra);
		app.awaitUp(Duration.ofMinutes(40));
		System.out.printf(Locale.ROOT, "App '%s' answers after %.2f s%n", name, app.upMillis / 1000);
		return app;
	}

	private App launch(String name, Path data, String... extra) throws Exception {
		return launch(name, "1", data, extra);
	}

	private App launch(String name, String cores, Path data, String... extra) throws Exception {
		int port = RunningApp.freePort();
		Path log = RUN.resolve("app-" + name + ".log");
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String argument : List.of("--server.port=" + port, "--mediagraph.embedded.data-dir=" + data,
				"--mediagraph.mongodb.uri=", "--mediagraph.demo.enabled=false",
				"--mediagraph.security.admin-password=" + ADMIN_PASSWORD, "--logging.level.root=WARN",
				// one benchmark user does the work of hundreds of editors: its budget must not be the limit measured
				"--mediagraph.graphql.budget.capacity=1000000000", "--mediagraph.graphql.budget.refill-per-second=1000000000",
				"--mediagraph.graphql.max-concurrent-per-user=64")) {
			arguments.put(argument.substring(0, argument.indexOf('=')), argument);
		}
		List<String> jvm = new ArrayList<>();
		for (String argument : extra) {
			if (argument.startsWith("-X")) {
				jvm.add(argument);
			}
			else if (!argument.isEmpty()) {
				// a repeated option would reach Spring as "false,true"
				arguments.put(argument.substring(0, argument.indexOf('=')), argument);
			}
		}
		List<String> command = new ArrayList<>(List.of("taskset", "-c", cores, Path.of(APP_JAVA_HOME, "bin", "java").toString(),
				"-Xmx512m"));
		if (jvm.stream().anyMatch(option -> option.startsWith("-XX:StartFlightRecording"))) {
			jvm.add("-XX:FlightRecorderOptions:stackdepth=256");
		}
		command.addAll(jvm);
		boolean archived = jvm.stream().anyMatch(option -> option.startsWith("-XX:SharedArchiveFile="));
		command.addAll(List.of("-cp", archived ? jarClasspath() : classpath, MediaGraphApplication.class.getName()));
		command.addAll(arguments.values());
		long launched = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		App app = new App(process, port, log, launched);
		apps.add(app);
		return app;
	}

	private void stopCleanly(App app, String when) throws Exception {
		long started = System.nanoTime();
		int exit = app.stop();
		System.out.printf(Locale.ROOT, "App stopped %s in %.1f s (exit %d)%n", when, (System.nanoTime() - started) / 1e9, exit);
		assertThat(exit).as("exit code after SIGTERM %s:%n%s", when, app.tail()).isIn(0, 143);
	}

	/**
	 * A class-data archive made the way the build makes {@code target/app/mediagraph.jsa}: one
	 * training start on a throwaway store that stops once the context is refreshed, with the
	 * app's classes in a jar (the JVM archives classes from jars only). Made once per run.
	 */
	private String classDataArchive() throws Exception {
		Path archive = RUN.resolve("mediagraph.jsa");
		if (Files.exists(archive)) {
			return archive.toString();
		}
		Path training = RUN.resolve("cds-training");
		deleteRecursively(training);
		List<String> command = List.of(Path.of(APP_JAVA_HOME, "bin", "java").toString(), "-Xmx512m",
				"-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=error", "-Dspring.context.exit=onRefresh", "-cp",
				jarClasspath(), MediaGraphApplication.class.getName(), "--mediagraph.mongodb.uri=",
				"--mediagraph.embedded.data-dir=" + training, "--mediagraph.demo.enabled=false",
				"--mediagraph.security.admin-password=" + ADMIN_PASSWORD, "--server.port=0");
		Path log = RUN.resolve("app-cds-training.log");
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the training start ends").isTrue();
		assertThat(process.exitValue()).as("the training start, see %s", log).isZero();
		assertThat(archive).exists();
		System.out.printf(Locale.ROOT, "Class-data archive made in %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
				mb(Files.size(archive)));
		return archive.toString();
	}

	/** The child JVMs' classpath with the app's classes (the run's copy) in a jar. */
	private String jarClasspath() throws IOException {
		Path classes = RUN.resolve("classes");
		Path jar = RUN.resolve("mediagraph-classes.jar");
		if (!Files.exists(jar)) {
			try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
					Stream<Path> paths = Files.walk(classes)) {
				for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
					String name = classes.relativize(path).toString().replace(java.io.File.separatorChar, '/');
					if (name.isEmpty()) {
						continue;
					}
					// directory entries too: component scanning asks the class loader for packages
					boolean directory = Files.isDirectory(path);
					out.putNextEntry(new java.util.jar.JarEntry(directory ? name + "/" : name));
					if (!directory) {
						Files.copy(path, out);
					}
					out.closeEntry();
				}
			}
		}
		List<String> entries = new ArrayList<>();
		for (String entry : classpath.split(java.io.File.pathSeparator)) {
			entries.add(Path.of(entry).equals(classes) ? jar.toString() : entry);
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	/**
	 * The test classpath for the child JVMs, with the app's classes copied aside: others may
	 * rebuild {@code target/classes} while a long run goes on.
	 */
	private static String snapshotClasspath() throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (path.endsWith(Path.of("target", "test-classes"))) {
				continue;
			}
			if (path.endsWith(Path.of("target", "classes"))) {
				Path copy = RUN.resolve("classes");
				copyTree(path, copy);
				// made from these classes when first asked for, never from an earlier run's
				Files.deleteIfExists(RUN.resolve("mediagraph-classes.jar"));
				Files.deleteIfExists(RUN.resolve("mediagraph.jsa"));
				entries.add(copy.toString());
			}
			else {
				entries.add(path.toString());
			}
		}
		assertThat(entries).as("the app's classes on the test classpath").contains(RUN.resolve("classes").toString());
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static String appJavaVersion() throws Exception {
		Process version = new ProcessBuilder(Path.of(APP_JAVA_HOME, "bin", "java").toString(), "-version")
			.redirectErrorStream(true).start();
		String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		version.waitFor();
		Matcher m = Pattern.compile("version \"([^\"]+)\"").matcher(out);
		return m.find() ? m.group(1) : out.lines().findFirst().orElse("?");
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** Keeps this JVM (the clients) off the app's core. */
	private static void pinThisJvmToCore0() throws Exception {
		Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(ProcessHandle.current().pid()))
			.redirectErrorStream(true).start();
		taskset.getInputStream().readAllBytes();
		taskset.waitFor();
	}

	// ------------------------------------------------------------------ helpers

	@FunctionalInterface
	private interface Writer {

		Void run(int writer) throws Exception;

	}

	private static void concurrently(int writers, Writer body) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<Void>> futures = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				futures.add(pool.submit((Callable<Void>) () -> body.run(writer)));
			}
			for (Future<Void> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static String percentiles(double[] millis) {
		double[] sorted = millis.clone();
		Arrays.sort(sorted);
		double p50 = sorted[(int) Math.ceil(sorted.length * 0.50) - 1];
		double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
		return String.format(Locale.ROOT, "%.1f / %.1f ms", p50, p99);
	}

	private synchronized <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private synchronized <T> T pick(T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static String up(App app) {
		return seconds(app.upMillis) + " (" + app.upCpu + ")";
	}

	private static String seconds(double millis) {
		return String.format(Locale.ROOT, "%.2f s", millis / 1000);
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

	private static String target(boolean met, String target) {
		return target + (met ? " ✅" : " ❌ missed");
	}

	private void row(String metric, String measured, String target) throws IOException {
		rows.add(new String[] { metric, measured, target });
		System.out.printf("%s | %s | %s%n", metric, measured, target);
		writeResults();
	}

	private final List<String> notes = new ArrayList<>();

	private void note(String line) throws IOException {
		notes.add(line);
		writeResults();
	}

	private void writeResults() throws IOException {
		StringBuilder md = new StringBuilder();
		notes.forEach(line -> md.append(line).append('\n'));
		md.append("| metric | measured | target |\n|---|---|---|\n");
		for (String[] row : rows) {
			md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
		}
		Files.createDirectories(results.getParent());
		Files.writeString(results, md.toString(), StandardCharsets.UTF_8);
	}

	private static long sizeOf(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return 0;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		deleteRecursively(to);
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
