package cn.mediagraph.story;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.GraphQlWebSocket;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code storyEvents} over a real WebSocket (graphql-ws): a newsroom screen sees a story filed,
 * submitted, decided on and saved as it happens; only its own center's; and the door is shut to
 * callers without a valid token or with too many subscriptions open.
 */
@IntegrationTest
class StoryEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration QUIET = Duration.ofMillis(700);

	@Autowired
	GraphQlClients clients;

	@LocalServerPort
	int port;

	TestCenter center;

	@BeforeEach
	void newCenter() {
		center = clients.newCenter();
	}

	@Test
	void aSubscriberSeesStatusAndReviewChangesOfItsCenterAsTheyHappen() throws Exception {
		try (GraphQlWebSocket screen = GraphQlWebSocket.connect(port, center.token(Role.ANALYST))) {
			screen.subscribe("1", document());
			awaitSubscribed(screen);

			String id = draft(Role.REPORTER, "直播 状态");
			JsonNode created = event(screen);
			assertThat(created.path("kind").asString()).isEqualTo("CREATED");
			assertThat(created.path("storyId").asString()).isEqualTo(id);
			assertThat(created.path("status").asString()).isEqualTo("DRAFT");
			assertThat(created.path("actor").path("username").asString()).isEqualTo("reporter");

			long revision = center.as(Role.REPORTER).documentName("submitStory")
				.variable("input", Map.of("id", id))
				.execute()
				.path("submitStory.story.revision")
				.entity(Long.class)
				.get();
			JsonNode submitted = event(screen);
			assertThat(submitted.path("kind").asString()).isEqualTo("MOVED");
			assertThat(submitted.path("status").asString()).isEqualTo("IN_REVIEW");
			assertThat(submitted.path("reviewLevel").asString()).isEqualTo("FIRST");
			assertThat(submitted.path("revision").asLong()).isEqualTo(revision);

			center.as(Role.EDITOR).documentName("reviewStory")
				.variable("input", Map.of("storyId", id, "revision", revision, "decision", "REJECT", "opinion", "补充数据"))
				.execute();
			JsonNode rejected = event(screen);
			assertThat(rejected.path("kind").asString()).isEqualTo("REVIEWED");
			assertThat(rejected.path("decision").asString()).isEqualTo("REJECT");
			assertThat(rejected.path("status").asString()).isEqualTo("DRAFT");
			assertThat(rejected.path("actor").path("username").asString()).isEqualTo("editor");

			center.as(Role.REPORTER).documentName("updateStory")
				.variable("input", Map.of("id", id, "expectedRevision", revision + 1, "title", "直播 改后"))
				.execute();
			JsonNode saved = event(screen);
			assertThat(saved.path("kind").asString()).isEqualTo("SAVED");
			assertThat(saved.path("title").asString()).isEqualTo("直播 改后");
		}
	}

	@Test
	void aSubscriberSeesNothingOfAnotherCenter() throws Exception {
		TestCenter other = clients.newCenter();
		try (GraphQlWebSocket screen = GraphQlWebSocket.connect(port, other.token(Role.EDITOR))) {
			screen.subscribe("1", document());
			awaitSubscribed(screen);
			draft(Role.REPORTER, "别的中心");
			assertThat(screen.nextData("1", QUIET)).as("another center's story").isNull();
			String own = other.as(Role.REPORTER).documentName("createStory")
				.variable("input", Map.of("title", "本中心", "language", "zh-Hans"))
				.execute()
				.path("createStory.story.id")
				.entity(String.class)
				.get();
			assertThat(event(screen).path("storyId").asString()).isEqualTo(own);
		}
	}

	@Test
	void aConnectionWithAForgedTokenIsClosedAndOneWithoutATokenGetsNoEvents() throws Exception {
		try (GraphQlWebSocket forged = GraphQlWebSocket.open(port, center.token(Role.EDITOR) + "x")) {
			assertThat(forged.closedWithin(WAIT)).as("closed with 4401 Unauthorized").isEqualTo(4401);
		}
		try (GraphQlWebSocket anonymous = GraphQlWebSocket.open(port, null)) {
			assertThat(anonymous.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			anonymous.subscribe("1", document());
			JsonNode refused = anonymous.next(WAIT);
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("payload").get(0).path("extensions").path("classification").asString())
				.isEqualTo("UNAUTHORIZED");
		}
	}

	@Test
	void aUserHoldsAtMostFiveSubscriptionsAtOnce() throws Exception {
		List<GraphQlWebSocket> open = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				GraphQlWebSocket screen = GraphQlWebSocket.connect(port, center.token(Role.EDITOR));
				open.add(screen);
				screen.subscribe("s" + i, document());
			}
			for (GraphQlWebSocket screen : open) {
				awaitSubscribed(screen);
			}
			try (GraphQlWebSocket sixth = GraphQlWebSocket.connect(port, center.token(Role.EDITOR))) {
				sixth.subscribe("6", document());
				JsonNode refused = sixth.next(WAIT);
				assertThat(refused.path("type").asString()).isEqualTo("error");
				assertThat(refused.path("payload").get(0).path("extensions").path("classification").asString())
					.isEqualTo("BAD_REQUEST");
			}
			// another user of the center is not held back by this one
			try (GraphQlWebSocket chief = GraphQlWebSocket.connect(port, center.token(Role.CHIEF_EDITOR))) {
				chief.subscribe("1", document());
				awaitSubscribed(chief);
				String id = draft(Role.REPORTER, "第六个");
				assertThat(event(chief).path("storyId").asString()).isEqualTo(id);
			}
			// one closed, another may open
			open.remove(0).close();
			try (GraphQlWebSocket again = subscribedOnceASlotIsFree()) {
				String id = draft(Role.REPORTER, "又一个");
				assertThat(event(again).path("storyId").asString()).isEqualTo(id);
			}
		}
		finally {
			open.forEach(GraphQlWebSocket::close);
		}
	}

	/**
	 * A fifth subscription of the editor, once the server has let go of the one closed: the
	 * close reaches it asynchronously, so a subscription refused meanwhile is tried again.
	 */
	private GraphQlWebSocket subscribedOnceASlotIsFree() throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			GraphQlWebSocket screen = GraphQlWebSocket.connect(port, center.token(Role.EDITOR));
			screen.subscribe("7", document());
			JsonNode answer = screen.next(Duration.ofSeconds(1));
			if (answer == null) {
				return screen;
			}
			screen.close();
			assertThat(answer.path("type").asString()).as("the only answer before an event: the limit").isEqualTo("error");
			assertThat(System.nanoTime()).as("a slot freed within " + WAIT).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/** The subscription is set up asynchronously after the subscribe message: a short quiet lets it settle. */
	private static void awaitSubscribed(GraphQlWebSocket screen) throws InterruptedException {
		Thread.sleep(300);
		assertThat(screen.next(Duration.ofMillis(50))).as("nothing before anything happened").isNull();
	}

	private static JsonNode event(GraphQlWebSocket screen) throws InterruptedException {
		JsonNode data = screen.nextData(screen.lastSubscribed(), WAIT);
		assertThat(data).as("an event within " + WAIT).isNotNull();
		return data.path("storyEvents");
	}

	private String draft(Role role, String title) {
		return center.as(role).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans"))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	static String document() throws IOException {
		return new ClassPathResource("graphql-test/storyEvents.graphql").getContentAsString(StandardCharsets.UTF_8);
	}

}
