package cn.mediagraph.story;

/**
 * Where a story stands: DRAFT → IN_REVIEW (first, second, final level; see {@link ReviewLevel})
 * → APPROVED (签发) → PUBLISHED → CORRECTED or WITHDRAWN (撤稿); ARCHIVED at the end. A
 * rejection at any level, and an edit while in review or approved, send it back to DRAFT.
 */
public enum StoryStatus {

	/** Being written. */
	DRAFT,
	/** Waiting for a decision at its review level. */
	IN_REVIEW,
	/** Passed the three-level review (签发), ready to publish. */
	APPROVED,
	/** Out on at least one channel. */
	PUBLISHED,
	/** Published, then corrected. */
	CORRECTED,
	/** Withdrawn from circulation (撤稿); kept for the record. */
	WITHDRAWN,
	/** Kept for the record only. */
	ARCHIVED,
	/**
	 * Stores written before the review workflow: read as {@link #IN_REVIEW} at the first level
	 * and rewritten so at start-up. Never written, never shown.
	 *
	 * @deprecated only for reading old stores
	 */
	@Deprecated
	SUBMITTED

}
