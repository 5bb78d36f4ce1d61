package cn.mediagraph.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.GraphQlWebSocket;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reachTotals} over a real WebSocket: a big screen gets a story's totals at once and
 * again as samples move them, and nothing when another story or center moves.
 */
@IntegrationTest
class ReachTotalsSubscriptionTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	TenantStore store;

	@LocalServerPort
	int port;

	@Test
	void aBigScreenSeesAStorysTotalsMoveAsSamplesArrive() throws Exception {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String story = story(center, "县运会开幕式直播");
		String other = story(center, "另一篇");
		String post = post(center, story, douyin);
		String otherPost = post(center, other, douyin);
		try (GraphQlWebSocket screen = GraphQlWebSocket.connect(port, center.token(Role.ANALYST))) {
			screen.subscribe("1", "subscription { reachTotals(storyId: \"" + story
					+ "\", range: {from: \"2026-08-10T00:00:00+08:00\", to: \"2026-08-11T00:00:00+08:00\"}) { totals { metric value } at } }");
			JsonNode first = screen.nextData("1", WAIT);
			assertThat(first).isNotNull();
			assertThat(first.path("reachTotals").path("totals").size()).isZero();

			record(center, otherPost, 999);
			assertThat(screen.nextData("1", Duration.ofMillis(1500))).as("another story moved").isNull();

			record(center, post, 1_010_000);
			JsonNode moved = screen.nextData("1", WAIT);
			assertThat(moved).as("the story's totals within " + WAIT).isNotNull();
			assertThat(moved.path("reachTotals").path("totals").get(0).path("metric").asString()).isEqualTo("LIVE_VIEWERS");
			assertThat(moved.path("reachTotals").path("totals").get(0).path("value").asDouble()).isEqualTo(1_010_000.0);
		}
	}

	private void record(TestCenter center, String post, double viewers) {
		center.as(Role.EDITOR).documentName("recordMetrics")
			.variable("input", Map.of("samples", List.of(Map.of("postId", post, "metric", "LIVE_VIEWERS", "value", viewers,
					"observedAt", "2026-08-10T21:00:00+08:00"))))
			.execute().path("recordMetrics.accepted").entity(Long.class).isEqualTo(1L);
	}

	private String story(TestCenter center, String title) {
		return center.as(Role.EDITOR).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans")).execute()
			.path("createStory.story.id").entity(String.class).get();
	}

	private String post(TestCenter center, String story, Channel channel) {
		return TestPosts.post(store, TestChannels.tenantIdOf(center), GlobalId.decode(story, "Story").orElseThrow(),
				channel.id(), null);
	}

}
