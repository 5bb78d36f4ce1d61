package cn.mediagraph.story;

/** What a reviewer decided about a revision of a story. */
public enum ReviewDecision {

	/** Passed at this level: on to the next level, or approved (签发) after the final one. */
	APPROVE,
	/** Sent back to its author as a draft, with the reviewer's opinion. */
	REJECT

}
