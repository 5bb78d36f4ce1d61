package cn.mediagraph.story;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.testing.HttpProbe;
import cn.mediagraph.testing.RunningApp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A story document that this version cannot read (written by hand, or by an older version)
 * does not stop the index: the app starts, rebuilds its index around it, lists every other
 * story, names the document once in the log and counts it in readiness and in the rebuild's
 * status.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedStoryIndexingTests {

	private static final String ADMIN_PASSWORD = "malformed-stories-admin";

	private static final String PASSWORD = "malformed stories password";

	private static final String SECRET = "malformed stories signing secret, 32+ bytes";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	@Test
	void theAppStartsAndRebuildsAroundStoriesItCannotRead(CapturedOutput output) throws Exception {
		String tenantId;
		List<String> good;
		try (ConfigurableApplicationContext first = start()) {
			RunningApp app = RunningApp.of(first);
			String chief = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "malformed", PASSWORD);
			good = List.of(create(app, chief, "完好 稿件 一"), create(app, chief, "完好 稿件 二"));
			tenantId = GlobalId.decode(good.get(0), "Story").orElseThrow().replaceAll("-\\d+$", "");
			MongoTemplate mongo = first.getBean(MongoTemplate.class);
			mongo.getCollection(Story.COLLECTION).insertOne(unknownStatus(tenantId));
			mongo.getCollection(Story.COLLECTION).insertOne(withoutTitleOrDates(tenantId));
		}

		try (ConfigurableApplicationContext restarted = start()) {
			RunningApp app = RunningApp.of(restarted);
			String chief = app.login("malformed", "chief", PASSWORD);
			assertThat(listed(app, chief)).as("every story it can read, after a start that rebuilt the index")
				.containsExactlyInAnyOrderElementsOf(good);

			String admin = app.login(null, "admin", ADMIN_PASSWORD);
			JsonNode readiness = JSON.readTree(new HttpProbe(app.port())
				.get("/actuator/health/readiness", "Authorization", "Bearer " + admin)
				.body());
			assertThat(readiness.path("status").asString()).isEqualTo("UP");
			assertThat(readiness.path("components").path("searchIndex").path("details").path("skippedDocuments")
				.path("story").asInt()).isEqualTo(2);

			String center = GlobalId.encode("Tenant", tenantId);
			JsonNode rebuild = rebuild(app, admin, center);
			assertThat(rebuild.path("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(rebuild.path("indexedStories").asInt()).isEqualTo(2);
			assertThat(rebuild.path("skippedStories").asInt()).isEqualTo(2);
			assertThat(listed(app, chief)).containsExactlyInAnyOrderElementsOf(good);
		}

		for (String id : List.of(tenantId + "-9001", tenantId + "-9002")) {
			Matcher warnings = Pattern.compile("WARN .*left out the story with _id " + Pattern.quote(id) + " ")
				.matcher(output.getOut());
			int count = 0;
			while (warnings.find()) {
				count++;
			}
			assertThat(count).as("warnings about %s: once at the start-up rebuild, "
					+ "not again at the admin's rebuild", id).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start() {
		return RunningApp.startInProcess(SECRET, "--mediagraph.embedded.storage=file",
				"--mediagraph.embedded.data-dir=" + dataDir, "--mediagraph.security.admin-password=" + ADMIN_PASSWORD);
	}

	private static String create(RunningApp app, String token, String title) throws Exception {
		return app.graphql(token, "mutation($title: String!) { createStory(input: {title: $title, language: \"zh-Hans\"}) "
				+ "{ story { id } } }", Map.of("title", title)).path("createStory").path("story").path("id").asString();
	}

	private static List<String> listed(RunningApp app, String token) throws Exception {
		return app.graphql(token, "{ stories(first: 50) { nodes { id } } }", Map.of())
			.path("stories")
			.path("nodes")
			.valueStream()
			.map(node -> node.path("id").asString())
			.toList();
	}

	/** Starts a rebuild of the center's story index and waits until it is no longer running. */
	private static JsonNode rebuild(RunningApp app, String admin, String center) throws Exception {
		app.graphql(admin, "mutation($id: ID) { rebuildStoryIndex(input: {tenantId: $id}) { userErrors { message } } }",
				Map.of("id", center));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode status;
		do {
			Thread.sleep(50);
			status = app.graphql(admin, "query($id: ID) { storyIndexRebuild(tenantId: $id) { state indexedStories "
					+ "skippedStories } }", Map.of("id", center)).path("storyIndexRebuild");
		}
		while (status.path("state").asString().equals("RUNNING") && System.nanoTime() < deadline);
		return status;
	}

	/** A story whose status no version ever had: it cannot be read as a Story. */
	private static Document unknownStatus(String tenantId) {
		return StoryFixtures.storedStory(tenantId, 9001).append("revision", 1L).append("title", "状态 不明").append("status", "LOST_IN_TRANSIT")
			.append("createdAt", Date.from(Instant.parse("2025-01-01T00:00:00Z")))
			.append("updatedAt", Date.from(Instant.parse("2025-01-01T00:00:00Z")));
	}

	/** A story written by hand without a title or dates: it reads, but cannot be indexed. */
	private static Document withoutTitleOrDates(String tenantId) {
		return StoryFixtures.storedStory(tenantId, 9002).append("revision", 1L).append("status", "DRAFT");
	}

}
