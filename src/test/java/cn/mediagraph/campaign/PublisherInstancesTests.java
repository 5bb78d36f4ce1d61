package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.DeliveryMode;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.time.MovableClock;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryService;
import cn.mediagraph.story.StoryStatus;
import cn.mediagraph.tenant.TenantService;
import cn.mediagraph.testing.InstancesOnOneStore;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several app instances on one database, each with its own publisher: with many posts due at
 * once and every publisher pass started together on both instances, each post reaches the
 * receiver exactly once; an instance stopped in the middle of delivering loses nothing, the
 * posts it held are delivered again (with the same idempotency key) after their lease.
 */
class PublisherInstancesTests {

	private static final String ADMIN_PASSWORD = "publisher-instances-admin";

	private static final String PASSWORD = "publisher instances password";

	private static final String SHARED_SECRET = "publisher instances share this signing secret";

	private static final String HOOK_SECRET = "instances-webhook-secret";

	private static final int CHANNELS = 6;

	private static final int POSTS = 120;

	@Test
	void twoInstancesDeliverEveryDuePostExactlyOnce() throws Exception {
		InstancesOnOneStore instances = instances();
		try (WebhookReceiver receiver = new WebhookReceiver(HOOK_SECRET);
				ConfigurableApplicationContext a = instances.startHost(ADMIN_PASSWORD);
				ConfigurableApplicationContext b = instances.startAnother()) {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
			List.of(a, b).forEach(app -> app.getBean(MovableClock.class).freezeAt(now));
			Scenario scenario = schedule(a, b, receiver, now, "twins");
			List.of(a, b).forEach(app -> app.getBean(MovableClock.class).advance(Duration.ofMinutes(30)));

			race(List.of(a, a, b, b));
			race(List.of(a, b));

			assertThat(scenario.statuses(a)).as("every post").hasSize(POSTS).containsOnly("PUBLISHED");
			List<String> keys = receiver.received().stream().map(WebhookReceiver.Received::idempotencyKey).toList();
			assertThat(keys).as("each post reached the receiver once").hasSize(POSTS).doesNotHaveDuplicates();
			assertThat(receiver.received()).allMatch(WebhookReceiver.Received::signatureValid);
		}
	}

	@Test
	void anInstanceStoppedWhileDeliveringLosesNothing() throws Exception {
		InstancesOnOneStore instances = instances();
		try (WebhookReceiver receiver = new WebhookReceiver(HOOK_SECRET);
				ConfigurableApplicationContext a = instances.startHost(ADMIN_PASSWORD)) {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
			a.getBean(MovableClock.class).freezeAt(now);
			ConfigurableApplicationContext b = instances.startAnother();
			b.getBean(MovableClock.class).freezeAt(now);
			Scenario scenario = schedule(a, b, receiver, now, "restart");
			a.getBean(MovableClock.class).advance(Duration.ofMinutes(30));
			b.getBean(MovableClock.class).advance(Duration.ofMinutes(30));

			receiver.hold();
			ExecutorService runner = Executors.newSingleThreadExecutor();
			runner.submit(() -> b.getBean(Publisher.class).publishDue());
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (receiver.received().size() < 8 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			b.close();
			runner.shutdownNow();
			int inFlight = receiver.received().size();
			assertThat(inFlight).as("deliveries under way when the instance stopped").isGreaterThanOrEqualTo(8);
			receiver.open();

			assertThat(scenario.statuses(a)).as("held, not lost").contains("PUBLISHING");
			try (ConfigurableApplicationContext restarted = instances.startAnother()) {
				MovableClock clock = restarted.getBean(MovableClock.class);
				clock.freezeAt(now.plus(Duration.ofMinutes(30)));
				restarted.getBean(Publisher.class).publishDue();
				assertThat(scenario.statuses(a)).as("before the lease ends, claimed posts wait").contains("PUBLISHING");
				clock.advance(Duration.ofMinutes(2));
				restarted.getBean(Publisher.class).publishDue();
				assertThat(scenario.statuses(a)).as("every post, after the restart").hasSize(POSTS).containsOnly("PUBLISHED");
			}
			Map<String, Long> perKey = receiver.received()
				.stream()
				.collect(Collectors.groupingBy(WebhookReceiver.Received::idempotencyKey, Collectors.counting()));
			assertThat(perKey).as("every post reached the receiver").hasSize(POSTS);
			long repeated = perKey.values().stream().filter(count -> count > 1).count();
			assertThat(repeated).as("only posts in flight at the stop came twice, with the same key").isLessThanOrEqualTo(inFlight);
			assertThat(perKey.values()).allMatch(count -> count <= 2);
		}
	}

	/** The center's posts, by global id. */
	record Scenario(String token, List<String> postIds) {

		List<String> statuses(ConfigurableApplicationContext app) throws Exception {
			RunningApp running = RunningApp.of(app);
			List<String> statuses = new ArrayList<>();
			for (int from = 0; from < postIds.size(); from += 100) {
				JsonNode nodes = running.graphql(token, "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Post { status } } }",
						Map.of("ids", postIds.subList(from, Math.min(postIds.size(), from + 100)))).path("nodes");
				nodes.forEach(node -> statuses.add(node.path("status").asString()));
			}
			return statuses;
		}

	}

	/** A center with webhook channels and an approved story, and {@value #POSTS} posts due within a minute, scheduled half on each instance. */
	private static Scenario schedule(ConfigurableApplicationContext a, ConfigurableApplicationContext b,
			WebhookReceiver receiver, Instant now, String slug) throws Exception {
		RunningApp appA = RunningApp.of(a);
		RunningApp appB = RunningApp.of(b);
		String token = appA.newCenterWithChiefEditor(ADMIN_PASSWORD, slug, PASSWORD);
		String tenantId = a.getBean(TenantService.class).findBySlug(slug).orElseThrow().id();
		ChannelService channels = a.getBean(ChannelService.class);
		List<String> channelIds = new ArrayList<>();
		for (int i = 0; i < CHANNELS; i++) {
			Channel channel = channels.createForBootstrap(tenantId, "网站 " + i, Platform.WEBSITE, Medium.WEB, null, null, true);
			channels.setDeliveryForBootstrap(tenantId, channel.id(), DeliveryMode.WEBHOOK, receiver.url(), HOOK_SECRET);
			channelIds.add(GlobalId.encode("Channel", channel.id()));
		}
		Story approved = a.getBean(StoryService.class)
			.importStories(tenantId, List.of(new Story("", "", 0, "instances-1", "七夕 双实例发布", "", "正文", "zh-Hans",
					List.of(), null, List.of(), List.of(), List.of(), List.of(), StoryStatus.APPROVED, Story.FIRST_REVISION,
					"demo", now, now)))
			.get(0);
		String storyId = GlobalId.encode("Story", approved.id());
		String campaign = appA.graphql(token, """
				mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } } }""",
				Map.of("input", Map.of("name", "七夕 双实例", "startsAt", now.minus(Duration.ofDays(1)).toString(), "endsAt",
						now.plus(Duration.ofDays(1)).toString(), "channelIds", channelIds)))
			.path("createCampaign").path("campaign").path("id").asString();
		List<String> postIds = new ArrayList<>();
		for (int i = 0; i < POSTS; i++) {
			RunningApp app = i % 2 == 0 ? appA : appB;
			Instant at = now.plus(Duration.ofMinutes(20)).plusMillis(i * 400L);
			JsonNode payload = app.graphql(token, """
					mutation($input: SchedulePostInput!) { schedulePost(input: $input) { post { id } userErrors { code message } } }""",
					Map.of("input", Map.of("campaignId", campaign, "storyId", storyId, "channelId",
							channelIds.get(i % CHANNELS), "scheduledAt", at.toString(), "idempotencyKey", slug + "-" + i)))
				.path("schedulePost");
			assertThat(payload.path("userErrors").size()).as(payload.toString()).isZero();
			postIds.add(payload.path("post").path("id").asString());
		}
		return new Scenario(token, postIds);
	}

	/** Runs one publisher pass on each of these instances, all started at once. */
	private static void race(List<ConfigurableApplicationContext> apps) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(apps.size());
		try {
			List<Future<Publisher.Pass>> passes = new ArrayList<>();
			for (ConfigurableApplicationContext app : apps) {
				passes.add(threads.submit(() -> {
					start.await();
					return app.getBean(Publisher.class).publishDue();
				}));
			}
			start.countDown();
			for (Future<Publisher.Pass> pass : passes) {
				pass.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Instances whose publishers run only when a test says so, with budgets no test spends. */
	private static InstancesOnOneStore instances() {
		return InstancesOnOneStore.withoutChangeStreams(SHARED_SECRET, "--mediagraph.publisher.enabled=false",
				"--mediagraph.publisher.allowed-hosts=127.0.0.1", "--mediagraph.publisher.min-gap=1ms",
				"--mediagraph.publisher.lease=60s", "--mediagraph.graphql.budget.capacity=1000000000",
				"--mediagraph.graphql.budget.refill-per-second=1000000000");
	}

}
