package cn.mediagraph.metrics;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A write of a center's figures in progress: a batch between its state write and its rollup
 * write, or a rebuild of the rollups. Written before and deleted after; one left behind (the
 * process died in between) makes the rollups doubtful, and {@link MetricRollupRebuilds} rebuilds
 * them. Normally the collection is empty or holds the few batches being written right now.
 *
 * @param id a batch's id, or {@code rebuild-…} for a rebuild
 * @param startedAt when the write began
 * @param claimedAt when a rebuild last claimed it (a rebuild renews its claim as it goes), or null
 */
@Document(IngestMarker.COLLECTION)
record IngestMarker(@Id String id, String tenantId, Instant startedAt, @Nullable Instant claimedAt) implements TenantOwned {

	static final String COLLECTION = "metric_ingest_markers";

}
