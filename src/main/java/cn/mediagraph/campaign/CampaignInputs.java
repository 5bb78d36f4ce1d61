package cn.mediagraph.campaign;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import org.jspecify.annotations.Nullable;

/** The inputs and payloads of the campaign and post mutations, and the list filter. */
final class CampaignInputs {

	private CampaignInputs() {
	}

	record GoalInput(@Nullable String metric, @Nullable Double target) {
	}

	record CreateCampaignInput(@Nullable String name, @Nullable String theme, @Nullable String description,
			@Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable List<String> channelIds,
			@Nullable List<GoalInput> goals, @Nullable List<String> tags) {
	}

	record UpdateCampaignInput(@Nullable String id, @Nullable Long revision, @Nullable String name,
			@Nullable String theme, @Nullable String description, @Nullable Instant startsAt, @Nullable Instant endsAt,
			@Nullable List<String> channelIds, @Nullable List<GoalInput> goals, @Nullable List<String> tags) {
	}

	record CancelCampaignInput(@Nullable String id) {
	}

	record CampaignPayload(@Nullable Campaign campaign, List<UserError> userErrors) {

		static CampaignPayload failed(List<UserError> errors) {
			return new CampaignPayload(null, errors);
		}

	}

	record CampaignFilter(@Nullable CampaignStatus status, @Nullable String channelId, @Nullable String tag,
			@Nullable String text, @Nullable Instant from, @Nullable Instant to) {
	}

	record SchedulePostInput(@Nullable String campaignId, @Nullable String storyId, @Nullable String channelId,
			@Nullable Instant scheduledAt, @Nullable String idempotencyKey) {
	}

	record ReschedulePostInput(@Nullable String id, @Nullable Instant scheduledAt) {
	}

	record CancelPostInput(@Nullable String id) {
	}

	record ConfirmPostInput(@Nullable String id, @Nullable String externalUrl) {
	}

	record PostPayload(@Nullable Post post, List<UserError> userErrors) {

		static PostPayload failed(List<UserError> errors) {
			return new PostPayload(null, errors);
		}

		static PostPayload failed(UserError error) {
			return new PostPayload(null, List.of(error));
		}

	}

}
