package cn.mediagraph.story;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.mediagraph.testing.GraphQlWebSocket;
import cn.mediagraph.testing.InstancesOnOneStore;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app instances on one database: a story changed through one is told to the subscribers
 * of the other within two seconds (through the change stream of the {@code events}
 * collection; the embedded store serves it from its test-only oplog), and exactly once to the
 * subscribers of the instance it was changed on.
 */
class StoryEventsAcrossInstancesTests {

	private static final String ADMIN_PASSWORD = "events-instances-admin-secret";

	private static final String PASSWORD = "events instances password";

	private static final String SHARED_SECRET = "two instances share this signing secret for events";

	private static final Duration WITHIN = Duration.ofSeconds(2);

	@Test
	void anEventRaisedOnOneInstanceReachesSubscribersOnTheOther() throws Exception {
		InstancesOnOneStore instances = InstancesOnOneStore.following(SHARED_SECRET);
		try (ConfigurableApplicationContext first = instances.startHost(ADMIN_PASSWORD);
				ConfigurableApplicationContext second = instances.startAnother()) {
			RunningApp a = RunningApp.of(first);
			RunningApp b = RunningApp.of(second);
			String token = a.newCenterWithChiefEditor(ADMIN_PASSWORD, "eventtwins", PASSWORD);
			try (GraphQlWebSocket onA = GraphQlWebSocket.connect(a.port(), token);
					GraphQlWebSocket onB = GraphQlWebSocket.connect(b.port(), token)) {
				onA.subscribe("a", StoryEventsTests.document());
				onB.subscribe("b", StoryEventsTests.document());
				Thread.sleep(500);

				JsonNode created = a.graphql(token, """
						mutation { createStory(input: {title: "跨实例 事件", language: "zh-Hans"}) { story { id revision } } }""",
						Map.of()).path("createStory").path("story");
				String id = created.path("id").asString();

				JsonNode onOther = onB.nextData("b", WITHIN);
				assertThat(onOther).as("told on B within " + WITHIN).isNotNull();
				assertThat(onOther.path("storyEvents").path("storyId").asString()).isEqualTo(id);
				assertThat(onOther.path("storyEvents").path("kind").asString()).isEqualTo("CREATED");

				b.graphql(token, """
						mutation($id: ID!) { submitStory(input: {id: $id}) { story { status } } }""", Map.of("id", id));
				JsonNode back = onA.nextData("a", WITHIN);
				JsonNode submitted = onA.nextData("a", WITHIN);
				assertThat(List.of(back.path("storyEvents").path("kind").asString(),
						submitted.path("storyEvents").path("kind").asString()))
					.as("A's own event once, then B's submission").containsExactly("CREATED", "MOVED");
				assertThat(submitted.path("storyEvents").path("status").asString()).isEqualTo("IN_REVIEW");
				assertThat(onA.nextData("a", Duration.ofMillis(800))).as("nothing told twice").isNull();
				assertThat(onB.nextData("b", WITHIN).path("storyEvents").path("kind").asString()).isEqualTo("MOVED");
			}
		}
	}

}
