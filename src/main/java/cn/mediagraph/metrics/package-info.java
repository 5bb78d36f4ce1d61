/**
 * Reach metrics: a catalogue of metric kinds and how they add up, idempotent ingestion of
 * platform samples (cumulative snapshots or deltas), hourly and daily rollups by the center's
 * local day kept as {@code _id}-keyed documents at ingestion, and the reach figures of posts,
 * stories, campaigns, channels and centers read from those rollups alone.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.metrics;
