package cn.mediagraph.metrics;

/** Where a sample came from. */
public enum SampleSource {
	/** A platform's API, polled. */
	API,
	/** A platform back-office export (CSV, NDJSON). */
	EXPORT,
	/** Typed in by a person (placements, airings from a broadcast log). */
	MANUAL
}
