package cn.mediagraph.metrics;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sample as received, its ids already decoded (still unchecked against the store).
 *
 * @param line its line in a bulk file, or its position (from 1) in a mutation's list
 * @param channelId the channel's document id; may be left out when a post is given
 * @param postId the post it measures
 * @param externalId the platform's id of the content, linked to a post later
 * @param weight a rate's weight (plays, audience); 1 when not given
 */
record Sample(long line, @Nullable String channelId, @Nullable String postId, @Nullable String externalId,
		MetricName metric, double value, @Nullable Double weight, Instant observedAt, SampleMode mode,
		SampleSource source) {

	String contentKey() {
		if (postId != null) {
			return "p:" + postId;
		}
		return externalId != null ? "x:" + externalId : "-";
	}

}
