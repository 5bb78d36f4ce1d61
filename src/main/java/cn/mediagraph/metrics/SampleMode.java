package cn.mediagraph.metrics;

/** How a sample's value relates to earlier ones. */
public enum SampleMode {
	/** A running total as the platform reports it; the latest observation wins. */
	CUMULATIVE,
	/** An increase since the last report (counters only). */
	DELTA
}
