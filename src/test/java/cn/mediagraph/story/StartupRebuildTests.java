package cn.mediagraph.story;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.testing.RunningApp;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --mediagraph.index.rebuild=true} rebuilds every kind from MongoDB at start-up: an index
 * that has drifted from the store (a story changed and one removed behind the app's back) lists
 * and finds exactly what MongoDB holds afterwards, channels included. Without the flag, a clean
 * restart trusts its index: the changed title is not found.
 */
class StartupRebuildTests {

	private static final String ADMIN_PASSWORD = "startup-rebuild-admin";

	private static final String PASSWORD = "startup rebuild password";

	private static final String SECRET = "startup rebuild signing secret, 32+ bytes";

	@TempDir
	Path dataDir;

	@Test
	void aStartWithTheRebuildFlagListsAndFindsExactlyWhatMongoDbHolds() throws Exception {
		List<String> ids;
		String channel;
		try (ConfigurableApplicationContext first = start()) {
			RunningApp app = RunningApp.of(first);
			String chief = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "rebuilt", PASSWORD);
			channel = app.graphql(chief, "mutation { createChannel(input: {name: \"县台新闻频道\", platform: TV, medium: BROADCAST}) "
					+ "{ channel { id } } }", Map.of()).path("createChannel").path("channel").path("id").asString();
			ids = List.of(create(app, chief, "春耕 现场会"), create(app, chief, "夏收 进度"), create(app, chief, "秋种 准备"));
			MongoTemplate mongo = first.getBean(MongoTemplate.class);
			mongo.getCollection(Story.COLLECTION).deleteOne(Filters.eq("_id", storyKey(ids.get(0))));
			mongo.getCollection(Story.COLLECTION)
				.updateOne(Filters.eq("_id", storyKey(ids.get(1))), Updates.set("title", "冬藏 安排"));
		}

		try (ConfigurableApplicationContext trusting = start()) {
			RunningApp app = RunningApp.of(trusting);
			String chief = app.login("rebuilt", "chief", PASSWORD);
			assertThat(found(app, chief, "冬藏")).as("a clean restart keeps its index, drift and all").isEmpty();
		}

		try (ConfigurableApplicationContext rebuilt = start("--mediagraph.index.rebuild=true")) {
			RunningApp app = RunningApp.of(rebuilt);
			String chief = app.login("rebuilt", "chief", PASSWORD);
			assertThat(listed(app, chief)).containsExactly(ids.get(2), ids.get(1));
			assertThat(found(app, chief, "冬藏")).containsExactly(ids.get(1));
			assertThat(found(app, chief, "夏收")).isEmpty();
			assertThat(found(app, chief, "春耕")).isEmpty();
			assertThat(app.graphql(chief, "{ channels(first: 10) { nodes { id } } }", Map.of())
				.path("channels").path("nodes").valueStream().map(node -> node.path("id").asString()).toList())
				.containsExactly(channel);
		}
	}

	/** An app in this JVM with its store and its index on disk under the test's directory. */
	private ConfigurableApplicationContext start(String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--mediagraph.demo.enabled=false",
				"--logging.level.root=WARN", "--mediagraph.security.jwt-secret=" + SECRET,
				"--mediagraph.embedded.storage=file", "--mediagraph.embedded.data-dir=" + dataDir,
				"--mediagraph.security.admin-password=" + ADMIN_PASSWORD));
		arguments.addAll(List.of(extra));
		return SpringApplication.run(MediaGraphApplication.class, arguments.toArray(String[]::new));
	}

	private static String storyKey(String globalId) {
		return GlobalId.decode(globalId, "Story").orElseThrow();
	}

	private static String create(RunningApp app, String token, String title) throws Exception {
		return app.graphql(token, "mutation($title: String!) { createStory(input: {title: $title, language: \"zh-Hans\"}) "
				+ "{ story { id } } }", Map.of("title", title)).path("createStory").path("story").path("id").asString();
	}

	private static List<String> listed(RunningApp app, String token) throws Exception {
		return ids(app.graphql(token, "{ stories(first: 50) { nodes { id } } }", Map.of()));
	}

	private static List<String> found(RunningApp app, String token, String text) throws Exception {
		return ids(app.graphql(token, "query($text: String!) { stories(first: 50, filter: {text: $text}) { nodes { id } } }",
				Map.of("text", text)));
	}

	private static List<String> ids(JsonNode data) {
		return data.path("stories").path("nodes").valueStream().map(node -> node.path("id").asString()).toList();
	}

}
