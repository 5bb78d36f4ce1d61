package cn.mediagraph.metrics;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import org.jspecify.annotations.Nullable;

/** Inputs and payloads of the metrics mutations and queries. */
final class MetricInputs {

	private MetricInputs() {
	}

	/** A range of time: the hours starting in {@code [from, to)}. */
	record ReachRange(Instant from, Instant to) {
	}

	/** One sample, as the graph takes it (ids are global ids). */
	record SampleInput(@Nullable String channelId, @Nullable String postId, @Nullable String externalId,
			MetricName metric, double value, @Nullable Double weight, Instant observedAt, @Nullable SampleMode mode,
			@Nullable SampleSource source) {
	}

	record RecordMetricsInput(List<SampleInput> samples) {
	}

	/**
	 * @param accepted samples taken
	 * @param duplicates samples already known
	 * @param rejected samples refused, each with a user error at {@code input.samples.<index>.<field>}
	 */
	record RecordMetricsPayload(long accepted, long duplicates, long rejected, List<UserError> userErrors) {
	}

	record LinkContentInput(String channelId, String externalId, String postId) {
	}

	record LinkContentPayload(boolean linked, List<UserError> userErrors) {
	}

	record InfluenceWeightInput(cn.mediagraph.channel.Platform platform, double weight) {
	}

	record MetricWeightInput(MetricName metric, double weight) {
	}

	record SetInfluenceWeightsInput(List<InfluenceWeightInput> platforms, List<MetricWeightInput> metrics) {
	}

	record SetInfluenceWeightsPayload(@Nullable InfluenceWeights weights, List<UserError> userErrors) {
	}

	record RebuildMetricRollupsInput(@Nullable String tenantId) {
	}

	/** @param rebuild the rebuild started, or the one already running; null when userErrors is not empty */
	record RebuildMetricRollupsPayload(MetricRollupRebuilds.@Nullable Rebuild rebuild, List<UserError> userErrors) {
	}

}
