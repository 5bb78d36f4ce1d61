package cn.mediagraph.campaign;

/**
 * Where a post stands: SCHEDULED → PUBLISHING → PUBLISHED, or FAILED, CANCELLED, BLOCKED.
 */
public enum PostStatus {

	/** Waiting for its instant. */
	SCHEDULED,

	/** Due: claimed for delivery, waiting for a retry, or (MANUAL) for an editor's confirmation. */
	PUBLISHING,

	/** Out on its channel. */
	PUBLISHED,

	/** Delivery gave up. */
	FAILED,

	/** Called off before it went out. */
	CANCELLED,

	/** Its story was not approved by the cut-off before its instant. */
	BLOCKED;

	/** Whether the post is done with: nothing will deliver it any more. */
	public boolean settled() {
		return this == PUBLISHED || this == FAILED || this == CANCELLED || this == BLOCKED;
	}

	/** Whether it holds a place in its channel's daily limit. */
	public boolean counts() {
		return this == SCHEDULED || this == PUBLISHING || this == PUBLISHED;
	}

}
