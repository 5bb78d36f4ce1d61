package cn.mediagraph.campaign;

/** The codes of the scheduling rules' user errors, beyond the shared ones in {@code UserError}. */
final class PostErrors {

	static final String OUTSIDE_WINDOW = "OUTSIDE_WINDOW";

	static final String IN_PAST = "IN_PAST";

	static final String CHANNEL_INACTIVE = "CHANNEL_INACTIVE";

	static final String CHANNEL_NOT_IN_CAMPAIGN = "CHANNEL_NOT_IN_CAMPAIGN";

	static final String DAILY_LIMIT = "DAILY_LIMIT";

	static final String TOO_CLOSE = "TOO_CLOSE";

	static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

	static final String WRONG_STATUS = "WRONG_STATUS";

	static final String CAMPAIGN_CLOSED = "CAMPAIGN_CLOSED";

	static final String STORY_UNAVAILABLE = "STORY_UNAVAILABLE";

	private PostErrors() {
	}

}
