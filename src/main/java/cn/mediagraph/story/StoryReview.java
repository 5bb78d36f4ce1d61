package cn.mediagraph.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * Where a story stands in its review (三审), kept on the story document.
 *
 * @param level the level it waits at while {@link StoryStatus#IN_REVIEW}, else null
 * @param submittedAt when it was last submitted: the review queue's order, oldest first
 * @param submittedRevision the revision its last submission gave it; decisions recorded at or
 * after it belong to the current review of the current text (an edit sends the story back to
 * draft, so a new text needs a new submission)
 * @param trail every decision ever recorded on it, oldest first; edits and rejections keep it
 * @param publishedRevision the revision it was last published (or its correction published)
 * at; 0 while never published. A story published once is corrected from then on: its next
 * publication makes it CORRECTED
 */
public record StoryReview(@Nullable ReviewLevel level, @Nullable Instant submittedAt, long submittedRevision,
		List<ReviewMark> trail, long publishedRevision) {

	/** A story never submitted. */
	public static final StoryReview NONE = new StoryReview(null, null, 0, List.of(), 0);

	public StoryReview {
		trail = trail == null ? List.of() : List.copyOf(trail);
	}

	/**
	 * Reads a stored review, whichever version wrote it: a field it did not know yet (the
	 * published revision came with corrections) reads as its default.
	 */
	@PersistenceCreator
	static StoryReview read(@Nullable ReviewLevel level, @Nullable Instant submittedAt, @Nullable Long submittedRevision,
			@Nullable List<ReviewMark> trail, @Nullable Long publishedRevision) {
		return new StoryReview(level, submittedAt, submittedRevision == null ? 0 : submittedRevision, trail,
				publishedRevision == null ? 0 : publishedRevision);
	}

	/** Where a story never published stands in review. */
	public StoryReview(@Nullable ReviewLevel level, @Nullable Instant submittedAt, long submittedRevision,
			List<ReviewMark> trail) {
		this(level, submittedAt, submittedRevision, trail, 0);
	}

	/** Submitted now, waiting at the first level. */
	StoryReview submitted(Instant at, long revision) {
		return new StoryReview(ReviewLevel.FIRST, at, revision, trail, publishedRevision);
	}

	/** Out of review (approved, rejected, edited, published …): the trail stays. */
	StoryReview closed() {
		return level == null ? this : new StoryReview(null, submittedAt, submittedRevision, trail, publishedRevision);
	}

	/** A decision recorded, the story now waiting at {@code nextLevel} (null: out of review). */
	StoryReview decided(ReviewMark mark, @Nullable ReviewLevel nextLevel) {
		List<ReviewMark> longer = new ArrayList<>(trail);
		longer.add(mark);
		return new StoryReview(nextLevel, submittedAt, submittedRevision, longer, publishedRevision);
	}

	/** Published (or its correction published) at this revision. */
	StoryReview published(long revision) {
		return new StoryReview(level, submittedAt, submittedRevision, trail, revision);
	}

	/** Whether it was published before: its next publication is a correction's. */
	public boolean publishedBefore() {
		return publishedRevision > 0;
	}

	/** The decisions on the current submission: the rule "one person, one level" looks at these. */
	public List<ReviewMark> currentRound() {
		return trail.stream().filter(mark -> mark.revision() >= submittedRevision && submittedRevision > 0).toList();
	}

}
