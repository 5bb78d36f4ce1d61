package cn.mediagraph.review;

import java.util.Arrays;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryStatus;

/**
 * The user errors of the review workflow, one per broken rule. Codes beyond the common ones:
 * {@code WRONG_STATUS} (the story is not where the move starts), {@code OWN_STORY} (nobody
 * reviews what they wrote), {@code ALREADY_REVIEWED} (one person, one level of a revision).
 */
final class ReviewErrors {

	static final String WRONG_STATUS = "WRONG_STATUS";

	static final String OWN_STORY = "OWN_STORY";

	static final String ALREADY_REVIEWED = "ALREADY_REVIEWED";

	private ReviewErrors() {
	}

	static UserError notFound(String field) {
		return UserError.of(UserError.NOT_FOUND, "No such story in this media center", "input", field);
	}

	static UserError wrongStatus(Story story, String action, StoryStatus... from) {
		return UserError.of(WRONG_STATUS, "The story is " + story.status() + "; only a story "
				+ Arrays.toString(from) + " can be " + action, "input");
	}

	static UserError conflict(Story current, long revision) {
		return UserError.of(UserError.CONFLICT, "The story is at revision " + current.revision() + ", not " + revision
				+ ": it changed since you read it (another decision or an edit). Reload it and decide again", "input",
				"revision");
	}

	static UserError roleTooLow(ReviewLevel level) {
		return UserError.of(UserError.FORBIDDEN,
				"The story waits at the " + level + " level, where a " + level.role() + " or higher decides", "input");
	}

	static UserError forbidden(String message) {
		return UserError.of(UserError.FORBIDDEN, message, "input");
	}

	static UserError ownStory() {
		return UserError.of(OWN_STORY, "Nobody reviews a story they wrote", "input", "storyId");
	}

	static UserError alreadyReviewed(ReviewLevel earlier) {
		return UserError.of(ALREADY_REVIEWED, "You decided on this revision at the " + earlier
				+ " level already; another person decides at each level", "input", "storyId");
	}

}
