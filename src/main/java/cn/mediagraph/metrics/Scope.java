package cn.mediagraph.metrics;

/**
 * What a rollup sums: a post, a story (all its posts), a campaign, a channel or the whole
 * center. Stories, campaigns and the center keep a breakdown by channel.
 */
record Scope(char kind, String id) {

	static final char POST = 'P';

	static final char STORY = 'S';

	static final char CAMPAIGN = 'C';

	static final char CHANNEL = 'H';

	static final char TENANT = 'T';

	static Scope tenant() {
		return new Scope(TENANT, "");
	}

	boolean byChannel() {
		return kind == STORY || kind == CAMPAIGN || kind == TENANT;
	}

	/**
	 * The id of this scope's document of a period: period first, so the documents of one day
	 * (or month) lie together in the store's B-tree and a batch rewrites the pages of the days it
	 * touches, not the pages of every day of every post it touches (the embedded store writes
	 * whole pages).
	 */
	String docId(String tenantId, String period) {
		return tenantId + "|" + period + "|" + kind + id;
	}

	/** The period of a document id made by {@link #docId}. */
	static String periodOf(String docId) {
		int from = docId.indexOf('|') + 1;
		return docId.substring(from, docId.indexOf('|', from));
	}

}
