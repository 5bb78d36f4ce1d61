package cn.mediagraph.metrics;

import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What has been observed of one content on one channel: per metric, hour by hour for the open
 * local days (the day of the latest sample and the day before: the latest cumulative snapshot of
 * each hour, the deltas received, the peak of each hour), and one entry per closed day before
 * them (see {@link Observations}) for the last one to two weeks, older ones in segments kept
 * apart ({@link DayArchive}), so a document stays small however long a content is reported.
 * The rollups are a function of these documents; ingestion changes a state only by a
 * conditional write on its revision and applies to the rollups exactly the difference between
 * the old and new state.
 *
 * @param id {@code tenant|channel|content}
 * @param contentKey {@code p:<postId>}, {@code x:<platform content id>} or {@code -} for the channel itself
 * @param attributed whether its figures count: a platform content id counts once linked to a post
 * @param rev the revision, raised by each write
 * @param series per metric name
 * @param archive the segments of older closed days kept apart ({@link DayArchive}), each with the
 * token of its current document; null when none
 */
@Document(MetricState.COLLECTION)
record MetricState(@Id String id, String tenantId, String channelId, String contentKey, @Nullable String postId,
		@Nullable String storyId, @Nullable String campaignId, boolean attributed, long rev,
		Map<String, Series> series, @Nullable Map<String, String> archive) implements TenantOwned {

	static final String COLLECTION = "metric_states";

	static String id(String tenantId, String channelId, String contentKey) {
		return tenantId + "|" + channelId + "|" + contentKey;
	}

	/**
	 * One metric's observations.
	 *
	 * @param snapshots the latest cumulative snapshot of each open hour, by hour
	 * @param deltas every delta received in the open hours (observation time and value identify it)
	 * @param peaks the highest value observed in each open hour
	 * @param openFrom the first open hour (the start of a local day); null: every hour is open
	 * (a state written before days were closed)
	 * @param days the closed local days with observations, by their first hour; null when none
	 */
	record Series(List<Snapshot> snapshots, List<Delta> deltas, List<Peak> peaks, @Nullable Long openFrom,
			@Nullable List<Day> days) {
	}

	/**
	 * A closed local day of one metric: what is needed to place a late sample's effect exactly
	 * at day level and above.
	 *
	 * @param start the day's first hour
	 * @param first the first hour of the day that held a cumulative snapshot, or null
	 * @param last the day's latest cumulative snapshot, or null
	 * @param deltas the sum of the day's deltas
	 * @param peak the day's highest peak and its hour, or null
	 */
	record Day(long start, @Nullable Long first, @Nullable Snapshot last, double deltas, @Nullable Peak peak) {
	}

	/** A cumulative snapshot: the hour it fell in, when it was observed, its value and weight. */
	record Snapshot(long hour, long at, double value, double weight) {
	}

	/** A delta: when it was observed and by how much the counter grew. */
	record Delta(long at, double value) {
	}

	/** The highest value observed in an hour. */
	record Peak(long hour, double value) {
	}

}
