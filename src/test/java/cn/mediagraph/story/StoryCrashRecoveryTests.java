package cn.mediagraph.story;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index is derived data committed in the background; MongoDB has every acknowledged write.
 * An app on the embedded file store is killed ({@code kill -9}) while four editors save stories
 * at once; started again on the same files, it must find every acknowledged story by list and by
 * search, as last saved, and every read path must agree with a full scan of MongoDB.
 */
class StoryCrashRecoveryTests {

	private static final String ADMIN_PASSWORD = "crash-test-admin-secret";

	private static final String PASSWORD = "crash test password";

	private static final String CREATE = """
			mutation($input: CreateStoryInput!) { createStory(input: $input) { story { id revision } userErrors { message } } }""";

	private static final String UPDATE = """
			mutation($input: UpdateStoryInput!) { updateStory(input: $input) { story { id revision title } userErrors { message } } }""";

	@TempDir
	Path dataDir;

	private Process child;

	@AfterEach
	void cleanUp() {
		if (child != null) {
			child.destroyForcibly();
		}
		SecurityContextHolder.clearContext();
	}

	@Test
	void everyAcknowledgedStoryIsListedAndFoundAfterAKillInTheMiddleOfConcurrentSaves() throws Exception {
		int port = RunningApp.freePort();
		Path log = Files.createTempFile("crash-child", ".log");
		child = startChild(arguments(port), log);
		RunningApp app = new RunningApp(port).awaitUp(Duration.ofSeconds(60));
		String token = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "crash", PASSWORD);

		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		AtomicBoolean killed = new AtomicBoolean();
		Writers writers = new Writers(4 * 25);
		writers.start(app, token, acknowledged, killed);
		writers.awaitEnough(log);
		killed.set(true);
		child.destroyForcibly().waitFor();
		writers.join();
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);

		try (ConfigurableApplicationContext restarted = SpringApplication.run(MediaGraphApplication.class,
				arguments(0).toArray(String[]::new))) {
			int newPort = restarted.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			RunningApp again = new RunningApp(newPort);
			String chief = again.login("crash", "chief", PASSWORD);
			for (Map.Entry<String, Set<String>> story : acknowledged.entrySet()) {
				List<String> foundBy = new ArrayList<>();
				for (String words : story.getValue()) {
					JsonNode found = again.graphql(chief,
							"query($text: String) { stories(filter: {text: $text}) { nodes { id } } }", Map.of("text", words));
					found.path("stories").path("nodes").valueStream().forEach(node -> {
						assertThat(node.path("id").asString()).isEqualTo(story.getKey());
						foundBy.add(words);
					});
				}
				assertThat(foundBy).as("story %s is found by the words it was last saved with, %s", story.getKey(),
						story.getValue())
					.hasSize(1);
			}
			assertEveryReadPathAgreesWithMongo(restarted, chief);
		}
	}

	/**
	 * A stop (SIGTERM) while editors save and the index commits continuously: the last commit
	 * completes and the next start finds the index clean, with nothing to reconcile. Stopping
	 * the committer by interrupting it broke Lucene's files in the middle of a commit.
	 */
	@Test
	void aGracefulStopDuringSavesLeavesACleanIndex() throws Exception {
		int port = RunningApp.freePort();
		Path firstLog = Files.createTempFile("stop-child", ".log");
		child = startChild(arguments(port, "10ms", "WARN"), firstLog);
		RunningApp app = new RunningApp(port).awaitUp(Duration.ofSeconds(60));
		String token = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "stop", PASSWORD);
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		AtomicBoolean stopped = new AtomicBoolean();
		Writers writers = new Writers(4 * 15);
		writers.start(app, token, acknowledged, stopped);
		writers.awaitEnough(firstLog);
		// a request the stop cuts off may fail: only the index's state afterwards is checked
		stopped.set(true);
		child.destroy();
		assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the app stops within a minute").isTrue();
		writers.join();
		assertThat(Files.readString(firstLog)).as("the stopping app's log").doesNotContain("commit failed")
			.doesNotContain("Failed to stop");

		Path secondLog = Files.createTempFile("stop-child", ".log");
		int again = RunningApp.freePort();
		child = startChild(arguments(again, "1s", "INFO"), secondLog);
		RunningApp restarted = new RunningApp(again).awaitUp(Duration.ofSeconds(60));
		String chief = restarted.login("stop", "chief", PASSWORD);
		JsonNode count = restarted.graphql(chief, "{ stories { totalCount } }", Map.of());
		assertThat(count.path("stories").path("totalCount").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
		assertThat(Files.readString(secondLog)).as("the next start's log").doesNotContain("unclean stop")
			.doesNotContain("building it from MongoDB");
	}

	/**
	 * Four editors saving at once until told to stop: each creates stories and retitles every
	 * other one, noting each acknowledged save. A failed save before the stop is the test's
	 * failure, reported at once rather than left to starve the count the test waits for.
	 */
	private static final class Writers {

		private final CountDownLatch enough;

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final List<Thread> threads = new ArrayList<>();

		Writers(int saves) {
			this.enough = new CountDownLatch(saves);
		}

		void start(RunningApp app, String token, Map<String, Set<String>> acknowledged, AtomicBoolean stop) {
			for (int w = 0; w < 4; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					try {
						save(app, token, writer, acknowledged, stop, enough);
					}
					catch (Exception | AssertionError ex) {
						if (!stop.get()) {
							failure.compareAndSet(null, ex);
						}
					}
					finally {
						while (failure.get() != null && enough.getCount() > 0) {
							enough.countDown();
						}
					}
				}, "writer-" + w);
				thread.start();
				threads.add(thread);
			}
		}

		/**
		 * Until enough saves were acknowledged; fails with the first writer's error, or after two
		 * minutes, quoting the app's log (where an internal error's cause is).
		 */
		void awaitEnough(Path appLog) throws Exception {
			boolean reached = enough.await(2, TimeUnit.MINUTES);
			if (failure.get() != null || !reached) {
				String log = Files.readString(appLog);
				throw new AssertionError((failure.get() != null ? "a save failed before the app was stopped"
						: enough.getCount() + " saves still missing after two minutes") + "; the app's log:\n"
						+ log.substring(Math.max(0, log.length() - 20_000)), failure.get());
			}
		}

		void join() throws InterruptedException {
			for (Thread thread : threads) {
				thread.join(TimeUnit.MINUTES.toMillis(1));
			}
		}

	}

	private static void save(RunningApp app, String token, int writer, Map<String, Set<String>> acknowledged,
			AtomicBoolean stop, CountDownLatch enough) throws Exception {
		for (int n = 0; !stop.get(); n++) {
			String title = "w" + writer + "n" + n + " 县城新闻";
			JsonNode created = app.graphql(token, CREATE,
					Map.of("input", Map.of("title", title, "language", "zh-Hans", "body", "第" + n + "篇稿件的正文")))
				.path("createStory")
				.path("story");
			String id = created.path("id").asString();
			acknowledged.put(id, Set.of("w" + writer + "n" + n));
			if (n % 2 == 0) {
				String retitled = "w" + writer + "r" + n;
				// stopped in flight, the retitling may or may not have been stored: either is right
				acknowledged.put(id, Set.of("w" + writer + "n" + n, retitled));
				JsonNode updated = app.graphql(token, UPDATE, Map.of("input", Map.of("id", id, "expectedRevision",
						created.path("revision").asLong(), "title", retitled + " 改过的标题")))
					.path("updateStory");
				assertThat(updated.path("userErrors").isEmpty()).as("retitling %s: %s", id, updated).isTrue();
				acknowledged.put(updated.path("story").path("id").asString(), Set.of(retitled));
			}
			enough.countDown();
		}
	}

	private void assertEveryReadPathAgreesWithMongo(ConfigurableApplicationContext app, String token) throws Exception {
		JsonNode claims = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
		String tenantId = claims.path("tenant").asString();
		Jwt jwt = Jwt.withTokenValue("test")
			.header("alg", "none")
			.subject(claims.path("sub").asString())
			.claim("tenant", tenantId)
			.claim("roles", List.of(Role.CHIEF_EDITOR.name()))
			.build();
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(Role.CHIEF_EDITOR.authority()))));
		List<Story> all = app.getBean(MongoTemplate.class)
			.find(Query.query(Criteria.where("tenantId").is(tenantId)), Story.class);
		StoryService stories = app.getBean(StoryService.class);
		Map<String, StoryFilter> filters = Map.of("all", new StoryFilter(null, null, null, null, null, null, null, null),
				"text 县城", new StoryFilter("县城", null, null, null, null, null, null, null), "text 改过",
				new StoryFilter("改过", null, null, null, null, null, null, null), "status DRAFT",
				new StoryFilter(null, StoryStatus.DRAFT, null, null, null, null, null, null));
		filters.forEach((name, filter) -> StoryOracle.assertAgrees("after the kill, " + name, filter, all,
				(order, page) -> stories.stories(filter, order, page)));
	}

	private static Process startChild(List<String> arguments, Path log) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", System.getProperty("java.class.path"), MediaGraphApplication.class.getName()));
		command.addAll(arguments);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private List<String> arguments(int port) {
		return arguments(port, "1s", "WARN");
	}

	private List<String> arguments(int port, String commitInterval, String searchLogLevel) {
		return List.of("--server.port=" + port, "--mediagraph.embedded.data-dir=" + dataDir,
				"--mediagraph.demo.enabled=false", "--mediagraph.security.admin-password=" + ADMIN_PASSWORD,
				"--mediagraph.index.commit-interval=" + commitInterval, "--logging.level.root=WARN",
				"--logging.level.cn.mediagraph.platform.search=" + searchLogLevel);
	}

}
