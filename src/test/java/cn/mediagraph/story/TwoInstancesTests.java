package cn.mediagraph.story;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.mediagraph.testing.InstancesOnOneStore;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one database, each with its own index: a save on either is found by
 * search on the other within two seconds, because each follows the other's writes through the
 * MongoDB change stream. (The embedded store serves change streams here from its test-only
 * oplog; in production this is a replica set.)
 */
class TwoInstancesTests {

	private static final String ADMIN_PASSWORD = "two-instances-admin-secret";

	private static final String PASSWORD = "two instances password";

	private static final Duration WITHIN = Duration.ofSeconds(2);

	private static final String SHARED_SECRET = "two instances share this signing secret";

	@Test
	void aSaveOnOneInstanceIsFoundOnTheOtherWithinTwoSeconds() throws Exception {
		InstancesOnOneStore instances = InstancesOnOneStore.following(SHARED_SECRET);
		try (ConfigurableApplicationContext first = instances.startHost(ADMIN_PASSWORD);
				ConfigurableApplicationContext second = instances.startAnother()) {
			RunningApp a = RunningApp.of(first);
			RunningApp b = RunningApp.of(second);
			String token = a.newCenterWithChiefEditor(ADMIN_PASSWORD, "twins", PASSWORD);

			JsonNode created = a.graphql(token, """
					mutation { createStory(input: {title: "alpha1 双实例测试", language: "zh-Hans"}) { story { id revision } } }""",
					Map.of()).path("createStory").path("story");
			String id = created.path("id").asString();
			assertThat(foundWithin(b, token, "alpha1")).as("created on A, found on B").containsExactly(id);

			b.graphql(token, """
					mutation($id: ID!) { updateStory(input: {id: $id, expectedRevision: 1, title: "beta2 改在乙实例"}) { story { id } } }""",
					Map.of("id", id));
			assertThat(foundWithin(a, token, "beta2")).as("retitled on B, found on A").containsExactly(id);
			assertThat(ids(a, token, "alpha1")).as("the old title is gone from A's index").isEmpty();

			a.graphql(token, """
					mutation($id: ID!) { deleteStory(input: {id: $id, expectedRevision: 2}) { deletedStoryId } }""",
					Map.of("id", id));
			long deadline = System.nanoTime() + WITHIN.toNanos();
			while (!ids(b, token, "beta2").isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(ids(b, token, "beta2")).as("deleted on A, gone from B").isEmpty();
		}
	}

	private static List<String> foundWithin(RunningApp app, String token, String words) throws Exception {
		long deadline = System.nanoTime() + WITHIN.toNanos();
		List<String> found = ids(app, token, words);
		while (found.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
			found = ids(app, token, words);
		}
		return found;
	}

	private static List<String> ids(RunningApp app, String token, String words) throws Exception {
		return app.graphql(token, "query($text: String) { stories(filter: {text: $text}) { nodes { id } } }",
				Map.of("text", words))
			.path("stories")
			.path("nodes")
			.valueStream()
			.map(node -> node.path("id").asString())
			.toList();
	}

}
