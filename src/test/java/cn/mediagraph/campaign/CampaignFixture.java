package cn.mediagraph.campaign;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.DeliveryMode;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.TestChannels;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/** Channels, approved stories, campaigns and posts of a test center, made over HTTP as people would. */
final class CampaignFixture {

	record Err(List<String> field, String code, String message) {
	}

	record Transition(String status, Instant at, String reason) {
	}

	record PostView(String id, String status, @Nullable Instant scheduledAt, @Nullable String localDay, @Nullable Integer attempts,
			@Nullable String idempotencyKey, @Nullable String externalUrl, @Nullable Instant publishedAt,
			@Nullable String reason, @Nullable List<Transition> transitions) {
	}

	record PostPayload(@Nullable PostView post, List<Err> userErrors) {

		PostView ok() {
			assertThat(userErrors).as("user errors").isEmpty();
			assertThat(post).isNotNull();
			return post;
		}

		Err error() {
			assertThat(userErrors).as("exactly one user error").hasSize(1);
			assertThat(post).isNull();
			return userErrors.get(0);
		}

	}

	private final TestCenter center;

	private final ChannelService channels;

	CampaignFixture(TestCenter center, ChannelService channels) {
		this.center = center;
		this.channels = channels;
	}

	String tenantId() {
		return TestChannels.tenantIdOf(center);
	}

	/** A new channel, with a daily limit when given; its global id. */
	String channel(String name, Platform platform, Medium medium, @Nullable Integer maxPostsPerDay) {
		Channel channel = channels.createForBootstrap(tenantId(), name, platform, medium, null, maxPostsPerDay, true);
		return TestChannels.globalId(channel);
	}

	/** A channel whose posts go to this webhook. */
	String webhookChannel(String name, String url, String secret) {
		String id = channel(name, Platform.WEBSITE, Medium.WEB, null);
		delivery(id, DeliveryMode.WEBHOOK, url, secret);
		return id;
	}

	Map<String, Object> delivery(String channelId, DeliveryMode mode, @Nullable String url, @Nullable String secret) {
		Map<String, Object> delivery = new HashMap<>();
		delivery.put("mode", mode.name());
		delivery.put("webhookUrl", url);
		delivery.put("secret", secret);
		List<Err> errors = center.as(Role.CHIEF_EDITOR)
			.documentName("channelDelivery")
			.variable("input", Map.of("id", channelId, "delivery", delivery))
			.execute()
			.path("updateChannel.userErrors")
			.entityList(Err.class)
			.get();
		assertThat(errors).isEmpty();
		return delivery;
	}

	String draft(String title) {
		return center.as(Role.REPORTER)
			.documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans", "body", title + "：正文。"))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	/** A story through the three-level review, approved now. */
	String approved(String title) {
		String id = draft(title);
		approve(id);
		return id;
	}

	void approve(String id) {
		long revision = center.as(Role.REPORTER)
			.documentName("submitStory")
			.variable("input", Map.of("id", id))
			.execute()
			.path("submitStory.story.revision")
			.entity(Long.class)
			.get();
		for (Role role : List.of(Role.EDITOR, Role.SENIOR_EDITOR, Role.CHIEF_EDITOR)) {
			revision = center.as(role)
				.documentName("reviewStory")
				.variable("input", Map.of("storyId", id, "revision", revision, "decision", "APPROVE"))
				.execute()
				.path("reviewStory.story.revision")
				.entity(Long.class)
				.get();
		}
	}

	String campaign(String name, Instant startsAt, Instant endsAt, String... channelIds) {
		return center.as(Role.EDITOR)
			.documentName("createCampaign")
			.variable("input", Map.of("name", name, "theme", "主题", "startsAt", startsAt.toString(), "endsAt",
					endsAt.toString(), "channelIds", List.of(channelIds), "goals",
					List.of(Map.of("metric", "PLAYS", "target", 1.0e7)), "tags", List.of("七夕")))
			.execute()
			// the campaign's channels come back as named, in order
			.path("createCampaign.campaign.channels[*].id")
			.entityList(String.class)
			.containsExactly(channelIds)
			.path("createCampaign.campaign.id")
			.entity(String.class)
			.get();
	}

	PostPayload schedule(String campaignId, String storyId, String channelId, Instant at, @Nullable String key) {
		Map<String, Object> input = new HashMap<>();
		input.put("campaignId", campaignId);
		input.put("storyId", storyId);
		input.put("channelId", channelId);
		input.put("scheduledAt", at.toString());
		input.put("idempotencyKey", key);
		return center.as(Role.EDITOR)
			.documentName("schedulePost")
			.variable("input", input)
			.execute()
			.path("schedulePost")
			.entity(PostPayload.class)
			.get();
	}

	PostPayload mutate(String document, Map<String, Object> input) {
		return center.as(Role.EDITOR)
			.documentName(document)
			.variable("input", input)
			.execute()
			.path(document)
			.entity(PostPayload.class)
			.get();
	}

	PostView post(String id) {
		return center.as(Role.ANALYST)
			.documentName("post")
			.variable("id", id)
			.execute()
			.path("node")
			.entity(PostView.class)
			.get();
	}

	static String rawId(String globalId) {
		return GlobalId.decode(globalId).orElseThrow().rawId();
	}

}
