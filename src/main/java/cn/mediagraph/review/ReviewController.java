package cn.mediagraph.review;

import java.util.List;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.review.ReviewInputs.ReviewStoryInput;
import cn.mediagraph.review.ReviewInputs.StoryMoveInput;
import cn.mediagraph.review.ReviewInputs.SubmitStoryInput;
import cn.mediagraph.review.ReviewInputs.WorkflowPayload;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.ReviewMark;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The review workflow's part of the graph: its mutations, the queue, and Story.reviewTrail. */
@Controller
class ReviewController {

	private final ReviewService review;

	ReviewController(ReviewService review) {
		this.review = review;
	}

	@MutationMapping
	WorkflowPayload submitStory(@Argument SubmitStoryInput input) {
		return review.submit(input);
	}

	@MutationMapping
	WorkflowPayload reviewStory(@Argument ReviewStoryInput input) {
		return review.review(input);
	}

	@MutationMapping
	WorkflowPayload publishStory(@Argument StoryMoveInput input) {
		return review.publish(input);
	}

	@MutationMapping
	WorkflowPayload withdrawStory(@Argument StoryMoveInput input) {
		return review.withdraw(input);
	}

	@MutationMapping
	WorkflowPayload archiveStory(@Argument StoryMoveInput input) {
		return review.archive(input);
	}

	@QueryMapping
	StoryConnection reviewQueue(@Argument ReviewLevel level, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return review.queue(level, PageRequest.of(first, after, null, null));
	}

	/** Read from the story itself (the trail lives on its document): no further command. */
	@SchemaMapping(typeName = "Story")
	List<ReviewMark> reviewTrail(Story story) {
		return story.review().trail();
	}

	@SchemaMapping(typeName = "ReviewMark")
	Reviewer reviewer(ReviewMark mark) {
		return new Reviewer(GlobalId.encode("User", mark.reviewerId()), mark.reviewerUsername());
	}

	/** Who decided, as recorded with the decision. */
	record Reviewer(String id, String username) {
	}

}
