package cn.mediagraph.metrics;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The raw samples one ingestion call took, with their provenance: who sent them, when, how,
 * and the line each came from. One document per batch (not per sample) keeps ingestion fast on
 * stores that write slowly per document; queries never read these, the rollups answer them.
 *
 * @param via {@code graphql}, {@code bulk} or {@code demo}
 * @param samples the samples that were new (duplicates are not kept twice)
 */
@Document(MetricBatch.COLLECTION)
record MetricBatch(@Id String id, String tenantId, Instant receivedAt, String receivedBy, String via,
		List<RawSample> samples) implements TenantOwned {

	static final String COLLECTION = "metric_samples";

	/** One sample as it was received, resolved to the channel it counts for. */
	record RawSample(long line, String channelId, @Nullable String postId, @Nullable String externalId, String metric,
			double value, @Nullable Double weight, Instant observedAt, SampleMode mode, SampleSource source) {
	}

}
