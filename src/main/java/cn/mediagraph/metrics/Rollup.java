package cn.mediagraph.metrics;

import java.util.Map;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The figures of one scope (a post, story, campaign, channel or the center) in one period: a
 * local day (with its hours), a local month, or its whole life. Kept by atomic {@code $inc} and
 * {@code $max} upserts at ingestion and read by {@code _id} alone. Values are by metric name;
 * a rate's weight sits beside it under {@code <metric>~w}.
 *
 * @param id {@code tenant|D20260823|<scope>}, {@code tenant|M202608|<scope>} or {@code tenant|L|<scope>}
 * @param t the period's figures
 * @param h a day's figures per hour (hours since 1970)
 * @param c the figures per channel (stories, campaigns and the center)
 * @param hc a day's figures per hour and channel
 * @param s the center's figures per story and platform (for rankings)
 */
@Document(Rollup.COLLECTION)
record Rollup(@Id String id, String tenantId, @Nullable Map<String, Double> t,
		@Nullable Map<String, Map<String, Double>> h, @Nullable Map<String, Map<String, Double>> c,
		@Nullable Map<String, Map<String, Map<String, Double>>> hc,
		@Nullable Map<String, Map<String, Map<String, Double>>> s) implements TenantOwned {

	static final String COLLECTION = "metric_period_rollups";

	/** Where rollups were kept before their ids began with the period; rebuilt from the states on start. */
	static final String RETIRED_COLLECTION = "metric_rollups";

	static final String WEIGHT = "~w";

	static final String LIFETIME = "L";

	/** The revision, raised by every write (not mapped: readers need only the figures). */
	static final String REV = "rev";

}
