package cn.mediagraph.metrics;

/** The width of a series' points, in the center's local time. */
public enum Granularity {
	/** Hours. */
	HOUR,
	/** Local days. */
	DAY,
	/** Local weeks, Monday to Sunday. */
	WEEK,
	/** Local months. */
	MONTH
}
