package cn.mediagraph.review;

import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.story.ReviewDecision;
import cn.mediagraph.story.Story;
import org.jspecify.annotations.Nullable;

/** The inputs and payloads of the review workflow's mutations. */
final class ReviewInputs {

	private ReviewInputs() {
	}

	/** {@code submitStory}: which story. */
	record SubmitStoryInput(String id) {
	}

	/** {@code reviewStory}: a decision on the revision the reviewer read. */
	record ReviewStoryInput(String storyId, @Nullable Long revision, ReviewDecision decision, @Nullable String opinion) {
	}

	/** {@code publishStory}, {@code withdrawStory}, {@code archiveStory}: which story, at which revision. */
	record StoryMoveInput(String id, @Nullable Long revision) {
	}

	/** Every workflow mutation's result: the story as moved, or why it was not. */
	record WorkflowPayload(@Nullable Story story, List<UserError> userErrors) {

		static WorkflowPayload moved(Story story) {
			return new WorkflowPayload(story, List.of());
		}

		static WorkflowPayload failed(UserError error) {
			return new WorkflowPayload(null, List.of(error));
		}

	}

}
