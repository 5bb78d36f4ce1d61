package cn.mediagraph.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a story stands in its review (三审), kept on the story document.
 *
 * @param level the level it waits at while {@link StoryStatus#IN_REVIEW}, else null
 * @param submittedAt when it was last submitted: the review queue's order, oldest first
 * @param submittedRevision the revision its last submission gave it; decisions recorded at or
 * after it belong to the current review of the current text (an edit sends the story back to
 * draft, so a new text needs a new submission)
 * @param trail every decision ever recorded on it, oldest first; edits and rejections keep it
 */
public record StoryReview(@Nullable ReviewLevel level, @Nullable Instant submittedAt, long submittedRevision,
		List<ReviewMark> trail) {

	/** A story never submitted. */
	public static final StoryReview NONE = new StoryReview(null, null, 0, List.of());

	public StoryReview {
		trail = trail == null ? List.of() : List.copyOf(trail);
	}

	/** Submitted now, waiting at the first level. */
	StoryReview submitted(Instant at, long revision) {
		return new StoryReview(ReviewLevel.FIRST, at, revision, trail);
	}

	/** Out of review (approved, rejected, edited, published …): the trail stays. */
	StoryReview closed() {
		return level == null ? this : new StoryReview(null, submittedAt, submittedRevision, trail);
	}

	/** A decision recorded, the story now waiting at {@code nextLevel} (null: out of review). */
	StoryReview decided(ReviewMark mark, @Nullable ReviewLevel nextLevel) {
		List<ReviewMark> longer = new ArrayList<>(trail);
		longer.add(mark);
		return new StoryReview(nextLevel, submittedAt, submittedRevision, longer);
	}

	/** The decisions on the current submission: the rule "one person, one level" looks at these. */
	public List<ReviewMark> currentRound() {
		return trail.stream().filter(mark -> mark.revision() >= submittedRevision && submittedRevision > 0).toList();
	}

}
