package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import org.jspecify.annotations.Nullable;

/** Prepared stories for {@link StoryService#importStories}: tests that need set times and statuses. */
final class StoryFixtures {

	private static final Instant SOME_DAY = Instant.parse("2026-08-29T02:00:00Z");

	private StoryFixtures() {
	}

	static Story story(String title, StoryStatus status, Instant createdAt) {
		return story(title, status, createdAt, List.of(), null, "zh-Hans", versionFor(Medium.WEB));
	}

	static Story story(String title, StoryStatus status, Instant createdAt, List<String> tags,
			@Nullable String region, String language, StoryVersion version) {
		return new Story("", "", 0, fixtureId(), title, "", "", language, tags, region, List.of(), List.of(), List.of(version),
				List.of(), status, Story.FIRST_REVISION, "demo", createdAt, createdAt);
	}

	static Story text(String title, String summary, String body) {
		return new Story("", "", 0, fixtureId(), title, summary, body, "zh-Hans", List.of(), null, List.of(), List.of(), List.of(),
				List.of(), StoryStatus.DRAFT, Story.FIRST_REVISION, "demo", SOME_DAY, SOME_DAY);
	}

	private static String fixtureId() {
		return "fixture-" + java.util.UUID.randomUUID();
	}

	static StoryVersion versionOn(Channel channel) {
		return new StoryVersion(StoryFormat.WEB_ARTICLE, channel.id(), channel.medium(), "版本", "正文", null);
	}

	static StoryVersion versionFor(Medium medium) {
		return new StoryVersion(StoryFormat.PRINT_ARTICLE, null, medium, "版本", "正文", null);
	}

	/**
	 * A story document as MongoDB holds it, written straight to the store (as an older version
	 * or a hand would): every list field empty, no title, status or dates yet.
	 */
	static org.bson.Document storedStory(String tenantId, int seq) {
		return new org.bson.Document("_id", tenantId + "-" + seq).append("tenantId", tenantId)
			.append("seq", seq)
			.append("summary", "")
			.append("body", "")
			.append("language", "zh-Hans")
			.append("tags", List.of())
			.append("bylines", List.of())
			.append("assets", List.of())
			.append("versions", List.of())
			.append("channelIds", List.of())
			.append("createdBy", "someone");
	}

}
