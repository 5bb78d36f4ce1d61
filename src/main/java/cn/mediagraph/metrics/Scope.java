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

	String docId(String tenantId, String period) {
		return tenantId + "|" + kind + id + "|" + period;
	}

}
