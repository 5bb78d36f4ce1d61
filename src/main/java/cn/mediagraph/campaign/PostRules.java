package cn.mediagraph.campaign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.story.ReviewDecision;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.ReviewMark;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryStatus;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling rules, as pure functions of what a write found: each broken rule is a typed
 * user error with its field.
 */
final class PostRules {

	static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private PostRules() {
	}

	/**
	 * What the rules look at for one slot.
	 *
	 * @param campaign the post's campaign
	 * @param channel the post's channel
	 * @param at the instant asked for
	 * @param now the time of the request
	 * @param onDay posts that count on the channel on the slot's local day, the post itself left out
	 * @param nearby posts of the same story on the channel within the gap, the post itself left out
	 */
	record Slot(Campaign campaign, Channel channel, Instant at, Instant now, long onDay, List<Post> nearby) {
	}

	static void check(Slot slot, Duration minGap, UserErrors errors) {
		if (slot.campaign().cancelledAt() != null || !slot.campaign().endsAt().isAfter(slot.now())) {
			errors.add(PostErrors.CAMPAIGN_CLOSED, "The campaign is " + slot.campaign().statusAt(slot.now()),
					"campaignId");
		}
		if (!slot.at().isAfter(slot.now())) {
			errors.add(PostErrors.IN_PAST, "The instant has passed", "scheduledAt");
		}
		else if (!slot.campaign().covers(slot.at())) {
			errors.add(PostErrors.OUTSIDE_WINDOW, "Outside the campaign's window " + slot.campaign().startsAt() + " – "
					+ slot.campaign().endsAt(), "scheduledAt");
		}
		if (!slot.channel().active()) {
			errors.add(PostErrors.CHANNEL_INACTIVE, "Channel '" + slot.channel().name() + "' is deactivated", "channelId");
		}
		if (!slot.campaign().channelIds().contains(slot.channel().id())) {
			errors.add(PostErrors.CHANNEL_NOT_IN_CAMPAIGN,
					"Channel '" + slot.channel().name() + "' is not one of the campaign's channels", "channelId");
		}
		Integer limit = slot.channel().maxPostsPerDay();
		if (limit != null && slot.onDay() >= limit) {
			errors.add(PostErrors.DAILY_LIMIT, "Channel '" + slot.channel().name() + "' takes " + limit
					+ " post(s) a day and has " + slot.onDay() + " that day", "scheduledAt");
		}
		if (!slot.nearby().isEmpty()) {
			errors.add(PostErrors.TOO_CLOSE, "The story is already on this channel at "
					+ slot.nearby().get(0).scheduledAt() + "; keep " + minGap.toMinutes() + " minutes between",
					"scheduledAt");
		}
	}

	/** The document id of a post scheduled with this key in this center: the same key, the same post. */
	static String idFor(String tenantId, String idempotencyKey) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((tenantId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a post was asked with, to tell a repeated request from another one with the same key. */
	static String request(String campaignId, String storyId, String channelId, Instant at) {
		return campaignId + "|" + storyId + "|" + channelId + "|" + at.toEpochMilli();
	}

	/** Whether a story may go out: approved (签发) or already out on another channel. */
	static boolean deliverable(StoryStatus status) {
		return status == StoryStatus.APPROVED || status == StoryStatus.PUBLISHED || status == StoryStatus.CORRECTED;
	}

	/**
	 * When the story's current text was approved at the final level; null when it carries no
	 * such mark (stories imported already approved or published).
	 */
	static @Nullable Instant approvedAt(Story story) {
		List<ReviewMark> trail = story.review().trail();
		for (int i = trail.size() - 1; i >= 0; i--) {
			ReviewMark mark = trail.get(i);
			if (mark.level() == ReviewLevel.FINAL && mark.decision() == ReviewDecision.APPROVE) {
				return mark.at();
			}
		}
		return null;
	}

	/**
	 * Why a post's story may not go out at {@code scheduledAt}, or null when it may: it must be
	 * approved (or out already), approved no later than the cut-off before the slot.
	 */
	static @Nullable String blocked(@Nullable Story story, Instant scheduledAt, Duration cutoff) {
		if (story == null) {
			return "The story was deleted";
		}
		if (!deliverable(story.status())) {
			return "The story is " + story.status() + ", not approved " + cutoff.toMinutes() + " minutes before the slot";
		}
		Instant approvedAt = approvedAt(story);
		if (approvedAt != null && approvedAt.isAfter(scheduledAt.minus(cutoff))) {
			return "The story was approved at " + approvedAt + ", after the cut-off " + scheduledAt.minus(cutoff);
		}
		return null;
	}

	static UserError notFound(String field) {
		return UserError.of(UserError.NOT_FOUND, "Nothing of this media center has this id", "input", field);
	}

}
