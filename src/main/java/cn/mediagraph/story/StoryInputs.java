package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.channel.Medium;
import cn.mediagraph.platform.graphql.UserError;
import org.jspecify.annotations.Nullable;

/**
 * The inputs and payloads of the story fields. Input fields are nullable here even where the
 * schema requires them, because the validator, not a null pointer, reports what is missing.
 */
final class StoryInputs {

	private StoryInputs() {
	}

	/** The editable fields, shared by create (all given) and update (null: unchanged). */
	interface StoryFields {

		@Nullable String title();

		@Nullable String summary();

		@Nullable String body();

		@Nullable String language();

		@Nullable List<String> tags();

		@Nullable String region();

		@Nullable List<String> bylines();

		@Nullable List<MediaAssetInput> assets();

		@Nullable List<StoryVersionInput> versions();

	}

	record MediaAssetInput(@Nullable AssetKind kind, @Nullable String url, @Nullable Integer durationSeconds,
			@Nullable String caption) {
	}

	record StoryVersionInput(@Nullable String channelId, @Nullable Medium medium, @Nullable StoryFormat format,
			@Nullable String title, @Nullable String body, @Nullable Integer durationSeconds) {
	}

	record CreateStoryInput(@Nullable String title, @Nullable String summary, @Nullable String body,
			@Nullable String language, @Nullable List<String> tags, @Nullable String region,
			@Nullable List<String> bylines, @Nullable List<MediaAssetInput> assets,
			@Nullable List<StoryVersionInput> versions) implements StoryFields {
	}

	record CreateStoryPayload(@Nullable Story story, List<UserError> userErrors) {

		static CreateStoryPayload failed(List<UserError> errors) {
			return new CreateStoryPayload(null, errors);
		}

	}

	record UpdateStoryInput(@Nullable String id, @Nullable Long expectedRevision, @Nullable String title,
			@Nullable String summary, @Nullable String body, @Nullable String language, @Nullable List<String> tags,
			@Nullable String region, @Nullable List<String> bylines, @Nullable List<MediaAssetInput> assets,
			@Nullable List<StoryVersionInput> versions) implements StoryFields {
	}

	record UpdateStoryPayload(@Nullable Story story, List<UserError> userErrors) {

		static UpdateStoryPayload failed(UserError error) {
			return new UpdateStoryPayload(null, List.of(error));
		}

		static UpdateStoryPayload failed(List<UserError> errors) {
			return new UpdateStoryPayload(null, errors);
		}

	}

	record DeleteStoryInput(@Nullable String id, @Nullable Long expectedRevision) {
	}

	record DeleteStoryPayload(@Nullable String deletedStoryId, List<UserError> userErrors) {

		static DeleteStoryPayload failed(UserError error) {
			return new DeleteStoryPayload(null, List.of(error));
		}

	}

	/** {@code stories(filter:)}: every given field must match. */
	record StoryFilter(@Nullable String text, @Nullable StoryStatus status, @Nullable String channelId,
			@Nullable String tag, @Nullable String region, @Nullable String language, @Nullable Instant createdAfter,
			@Nullable Instant createdBefore) {
	}

	record RebuildStoryIndexInput(@Nullable String tenantId) {
	}

	/**
	 * @param indexedStories how many stories the rebuild indexed, once it has finished
	 * @param rebuild the rebuild this request started, or the one already running
	 */
	record RebuildStoryIndexPayload(@Nullable Long indexedStories, StoryIndexRebuilds.@Nullable Rebuild rebuild,
			List<UserError> userErrors) {
	}

}
