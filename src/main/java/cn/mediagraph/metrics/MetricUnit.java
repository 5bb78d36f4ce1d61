package cn.mediagraph.metrics;

/** What a metric's value counts. */
public enum MetricUnit {

	/** Person-visits, plays, clicks: events, one person counted as often as they came (人次). */
	EVENTS,
	/** People: each counted once per content and day. */
	PEOPLE,
	/** Times a spot ran on a screen or channel (播出次数). */
	AIRINGS,
	/** Stories placed in higher-level media (上稿, 篇). */
	STORIES,
	/** A fraction between 0 and 1. */
	RATIO,
	/** Percentage points (收视率 %). */
	PERCENT

}
