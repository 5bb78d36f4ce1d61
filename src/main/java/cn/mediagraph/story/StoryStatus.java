package cn.mediagraph.story;

/**
 * Where a story stands. New stories are drafts; {@code updateStory} never changes the status:
 * the review workflow (三审) will move stories on.
 */
public enum StoryStatus {

	/** Being written. */
	DRAFT,
	/** Handed in for review. */
	SUBMITTED,
	/** Passed the three-level review. */
	APPROVED,
	/** Out on at least one channel. */
	PUBLISHED,
	/** Withdrawn from circulation, kept for the record. */
	ARCHIVED

}
