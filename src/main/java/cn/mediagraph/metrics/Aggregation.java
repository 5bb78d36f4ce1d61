package cn.mediagraph.metrics;

/** How the values of a metric add up over time, channels and contents. */
public enum Aggregation {

	/** Counters: the figures of periods, channels and contents sum. */
	SUM,
	/** Peaks: the maximum over periods, channels and contents. */
	MAX,
	/** Gauges (followers): the latest value as of the end of the range, summed over contents. */
	LATEST,
	/** Rates: the average weighted by each sample's weight (plays, audience), as of the end of the range. */
	WEIGHTED_AVERAGE,
	/**
	 * Unique users: a platform's own count for one content on one local day. Never summed across
	 * days or channels, so only a post's figure over at most one day is given.
	 */
	UNIQUE;

	/** Whether a change of the value in an hour is carried in the rollups as a difference ($inc). */
	boolean additive() {
		return this == SUM || this == LATEST || this == WEIGHTED_AVERAGE;
	}

	/** Whether the value over a range is the state as of its end rather than what happened in it. */
	boolean asOfEnd() {
		return this == LATEST || this == WEIGHTED_AVERAGE;
	}

}
