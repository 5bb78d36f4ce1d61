package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import cn.mediagraph.campaign.CampaignFixture.PostView;
import cn.mediagraph.campaign.CampaignFixture.Transition;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.DeliveryMode;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.platform.time.MovableClock;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import cn.mediagraph.testing.GraphQlWebSocket;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher against a real HTTP receiver on loopback (which verifies each signature itself),
 * driven by {@link Publisher#publishDue()} with the clock frozen and moved: the approval cut-off,
 * a signed delivery with its idempotency key, retries on 5xx then success, FAILED after the last
 * attempt, targets outside the allow-list refused, manual confirmation, the secret never shown.
 * The app under test allows webhooks to 127.0.0.1 only.
 */
@IntegrationTest
class PublisherTests {

	private static final String SECRET = "qixi-webhook-secret-2026";

	@Autowired
	GraphQlClients clients;

	@Autowired
	ChannelService channelService;

	@Autowired
	MovableClock clock;

	@Autowired
	Publisher publisher;

	@LocalServerPort
	int port;

	TestCenter center;

	CampaignFixture fixture;

	WebhookReceiver receiver;

	Instant now;

	@BeforeEach
	void setUp() throws Exception {
		center = clients.newCenter();
		fixture = new CampaignFixture(center, channelService);
		receiver = new WebhookReceiver(SECRET);
		clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.MINUTES));
		now = clock.instant();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		clock.release();
	}

	private String campaignOn(String... channels) {
		return fixture.campaign("七夕节主题宣传", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5)), channels);
	}

	@Test
	void aDuePostIsDeliveredOnceSignedAndWithItsIdempotencyKey() {
		String channel = fixture.webhookChannel("共和县融媒体中心网站", receiver.url(), SECRET);
		String story = fixture.approved("七夕 青海湖畔的爱情故事");
		PostView post = fixture.schedule(campaignOn(channel), story, channel, now.plus(Duration.ofMinutes(10)), "qixi-1").ok();

		publisher.publishDue();
		clock.advance(Duration.ofMinutes(6));
		publisher.publishDue();
		assertThat(receiver.received()).as("past the cut-off, before the slot: nothing sent").isEmpty();
		assertThat(fixture.post(post.id()).status()).isEqualTo("SCHEDULED");

		clock.advance(Duration.ofMinutes(4));
		publisher.publishDue();
		publisher.publishDue();
		assertThat(receiver.received()).hasSize(1);
		WebhookReceiver.Received received = receiver.received().get(0);
		assertThat(received.signatureValid()).as("the receiver verified the HMAC-SHA256 signature").isTrue();
		assertThat(received.idempotencyKey()).isEqualTo("qixi-1");
		assertThat(received.body()).contains("七夕 青海湖畔的爱情故事").contains(post.id());

		PostView published = fixture.post(post.id());
		assertThat(published.status()).isEqualTo("PUBLISHED");
		assertThat(published.attempts()).isEqualTo(1);
		assertThat(published.publishedAt()).isEqualTo(clock.instant());
		assertThat(published.externalUrl()).isEqualTo("https://mp.example.cn/s/qixi-1");
		assertThat(published.transitions()).extracting(Transition::status).containsExactly("SCHEDULED", "PUBLISHING", "PUBLISHED");
		assertThat(fixture.mutate("cancelPost", Map.of("id", post.id())).error().code()).isEqualTo("WRONG_STATUS");
	}

	@Test
	void aWrongSecretIsRefusedByTheReceiverAndThePostFails() {
		String channel = fixture.webhookChannel("共和县融媒体中心网站", receiver.url(), "not-the-receivers-secret");
		PostView post = dueNow(channel);
		publisher.publishDue();
		assertThat(receiver.received()).singleElement().satisfies(r -> assertThat(r.signatureValid()).isFalse());
		PostView failed = fixture.post(post.id());
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.reason()).contains("HTTP 401");
	}

	@Test
	void serverErrorsAreRetriedWithBackoffUntilDelivered() {
		receiver.answer(500, 503);
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		PostView post = dueNow(channel);
		publisher.publishDue();
		PostView waiting = fixture.post(post.id());
		assertThat(waiting.status()).isEqualTo("PUBLISHING");
		assertThat(waiting.reason()).contains("HTTP 500");
		publisher.publishDue();
		assertThat(receiver.received()).as("not again before the backoff").hasSize(1);

		clock.advance(Duration.ofMinutes(11));
		publisher.publishDue();
		clock.advance(Duration.ofMinutes(11));
		publisher.publishDue();
		PostView published = fixture.post(post.id());
		assertThat(published.status()).isEqualTo("PUBLISHED");
		assertThat(published.attempts()).isEqualTo(3);
		assertThat(receiver.received()).extracting(WebhookReceiver.Received::attempt).containsExactly(1, 2, 3);
		assertThat(receiver.received()).extracting(WebhookReceiver.Received::idempotencyKey).containsOnly(post.idempotencyKey());
		assertThat(published.transitions()).extracting(Transition::reason)
			.anyMatch(reason -> reason.startsWith("Attempt 1 failed: The webhook answered HTTP 500"))
			.anyMatch(reason -> reason.startsWith("Attempt 2 failed: The webhook answered HTTP 503"));
	}

	@Test
	void aPostFailsAfterTheLastAttempt() {
		receiver.otherwise(500);
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		PostView post = dueNow(channel);
		for (int i = 0; i < 10; i++) {
			publisher.publishDue();
			clock.advance(Duration.ofMinutes(11));
		}
		PostView failed = fixture.post(post.id());
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.attempts()).isEqualTo(8);
		assertThat(failed.reason()).startsWith("Gave up after 8 attempts");
		assertThat(receiver.received()).hasSize(8);
	}

	@Test
	void targetsOutsideTheAllowListAreRefusedWithoutAConnection() {
		String byName = fixture.webhookChannel("共和县电视台", "http://localhost:" + receiver.port() + "/hook", SECRET);
		String privateAddress = fixture.webhookChannel("共和县广播", "http://10.20.30.40/hook", SECRET);
		String campaign = campaignOn(byName, privateAddress);
		String story = fixture.approved("旅游大会 开幕");
		clock.advance(Duration.ofMinutes(10));
		PostView first = fixture.schedule(campaign, story, byName, clock.instant().plus(Duration.ofMinutes(1)), null).ok();
		PostView second = fixture.schedule(campaign, story, privateAddress, clock.instant().plus(Duration.ofMinutes(1)), null).ok();
		clock.advance(Duration.ofMinutes(1));
		publisher.publishDue();
		assertThat(fixture.post(first.id()).reason()).contains("localhost is not in MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS");
		assertThat(fixture.post(second.id()).reason()).contains("10.20.30.40 is not in MEDIAGRAPH_WEBHOOK_ALLOWED_HOSTS");
		assertThat(fixture.post(first.id()).status()).isEqualTo("FAILED");
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void aStoryNotApprovedByTheCutOffBlocksItsPostUntilRescheduled() {
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		String story = fixture.draft("七夕 晚会直播预告");
		PostView post = fixture.schedule(campaignOn(channel), story, channel, now.plus(Duration.ofMinutes(30)), null).ok();
		clock.advance(Duration.ofMinutes(25));
		publisher.publishDue();
		PostView blocked = fixture.post(post.id());
		assertThat(blocked.status()).isEqualTo("BLOCKED");
		assertThat(blocked.reason()).contains("DRAFT");

		fixture.approve(story);
		clock.advance(Duration.ofMinutes(1));
		fixture.mutate("reschedulePost", Map.of("id", post.id(), "scheduledAt", now.plus(Duration.ofMinutes(40)).toString())).ok();
		clock.advance(Duration.ofMinutes(15));
		publisher.publishDue();
		assertThat(fixture.post(post.id()).status()).isEqualTo("PUBLISHED");
		assertThat(fixture.post(post.id()).transitions()).extracting(Transition::status)
			.containsExactly("SCHEDULED", "BLOCKED", "SCHEDULED", "PUBLISHING", "PUBLISHED");
	}

	@Test
	void aStoryApprovedAfterTheCutOffIsBlockedAtTheSlot() {
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		String story = fixture.draft("七夕 迟到的签发");
		PostView post = fixture.schedule(campaignOn(channel), story, channel, now.plus(Duration.ofMinutes(10)), null).ok();
		clock.advance(Duration.ofMinutes(8));
		fixture.approve(story);
		clock.advance(Duration.ofMinutes(2));
		publisher.publishDue();
		assertThat(fixture.post(post.id()).status()).isEqualTo("BLOCKED");
		assertThat(fixture.post(post.id()).reason()).contains("after the cut-off");
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void aManualPostWaitsForAnEditorToConfirmIt() {
		String channel = fixture.channel("共和县报", Platform.NEWSPAPER, Medium.PRINT, null);
		fixture.delivery(channel, DeliveryMode.MANUAL, null, null);
		PostView post = dueNow(channel);
		publisher.publishDue();
		assertThat(fixture.post(post.id()).status()).isEqualTo("PUBLISHING");
		assertThat(fixture.mutate("confirmPost", Map.of("id", post.id(), "externalUrl", "ftp://x")).error().field())
			.containsExactly("input", "externalUrl");
		PostView confirmed = fixture.mutate("confirmPost",
				Map.of("id", post.id(), "externalUrl", "https://epaper.example.cn/2026/08/29/1.html")).ok();
		assertThat(confirmed.status()).isEqualTo("PUBLISHED");
		assertThat(confirmed.externalUrl()).isEqualTo("https://epaper.example.cn/2026/08/29/1.html");
	}

	@Test
	void theWebhookSecretIsWriteOnly() {
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		Map<String, Object> delivery = center.as(Role.CHIEF_EDITOR)
			.document("query($id: ID!) { channel(id: $id) { delivery { mode webhookUrl secretSet } } }")
			.variable("id", channel)
			.execute()
			.path("channel.delivery")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(delivery).containsEntry("mode", "WEBHOOK").containsEntry("secretSet", true).doesNotContainValue(SECRET);
		center.as(Role.CHIEF_EDITOR)
			.document("query($id: ID!) { channel(id: $id) { delivery { secret } } }")
			.variable("id", channel)
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());
		assertThat(center.as(Role.EDITOR)
			.document("query($id: ID!) { channel(id: $id) { delivery { mode } } }")
			.variable("id", channel)
			.execute()
			.path("channel.delivery")
			.valueIsNull()).isNotNull();
		List<CampaignFixture.Err> errors = center.as(Role.CHIEF_EDITOR)
			.documentName("channelDelivery")
			.variable("input", Map.of("id", channel, "delivery", Map.of("mode", "WEBHOOK", "webhookUrl", "gopher://x", "secret", "short")))
			.execute()
			.path("updateChannel.userErrors")
			.entityList(CampaignFixture.Err.class)
			.get();
		assertThat(errors).extracting(e -> String.join(".", e.field()))
			.containsExactlyInAnyOrder("input.delivery.webhookUrl", "input.delivery.secret");
	}

	@Test
	void schedulersAreToldLiveOfTheirCampaignsPostStatus() throws Exception {
		String channel = fixture.webhookChannel("共和发布", receiver.url(), SECRET);
		String campaign = campaignOn(channel);
		String otherCampaign = campaignOn(channel);
		try (GraphQlWebSocket screen = GraphQlWebSocket.connect(port, center.token(Role.EDITOR))) {
			screen.subscribe("1", "subscription($c: ID!) { postStatusChanged(campaignId: $c) { postId campaignId status reason at } }"
				.replace("$c: ID!", "$c: ID! = \"" + campaign + "\""));
			Thread.sleep(300);
			String draft = fixture.draft("七夕 晚会 未签发");
			fixture.schedule(otherCampaign, fixture.approved("别的活动"), channel, now.plus(Duration.ofMinutes(20)), null).ok();
			PostView post = fixture.schedule(campaign, draft, channel, now.plus(Duration.ofMinutes(30)), null).ok();
			JsonNode scheduled = screen.nextData("1", Duration.ofSeconds(5)).path("postStatusChanged");
			assertThat(scheduled.path("postId").asString()).as("not the other campaign's post").isEqualTo(post.id());
			assertThat(scheduled.path("status").asString()).isEqualTo("SCHEDULED");
			clock.advance(Duration.ofMinutes(26));
			publisher.publishDue();
			JsonNode blocked = screen.nextData("1", Duration.ofSeconds(5)).path("postStatusChanged");
			assertThat(blocked.path("status").asString()).isEqualTo("BLOCKED");
			assertThat(blocked.path("campaignId").asString()).isEqualTo(campaign);
			assertThat(blocked.path("reason").asString()).contains("DRAFT");
		}
	}

	/** A post of an approved story due one minute from now, with the clock moved there. */
	private PostView dueNow(String channel) {
		String story = fixture.approved("七夕 " + channel.substring(0, 6));
		String campaign = campaignOn(channel);
		clock.advance(Duration.ofMinutes(10));
		PostView post = fixture.schedule(campaign, story, channel, clock.instant().plus(Duration.ofMinutes(1)), null).ok();
		clock.advance(Duration.ofMinutes(1));
		return post;
	}

}
