package cn.mediagraph.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A center's communication-influence index (传播力指数): how much an event on each platform
 * and each metric weighs. The index of a story or channel over a range is
 * {@code 100 × log10(1 + Σ platformWeight × metricWeight × value)} over its counters, so a
 * hundredfold reach adds 200 points, and a share on Xuexi Qiangguo can outweigh many reads.
 *
 * @param id the tenant id (one document per center)
 * @param platforms weight per platform name
 * @param metrics weight per metric name (counters only)
 */
@Document(InfluenceWeights.COLLECTION)
public record InfluenceWeights(@Id String id, String tenantId, Map<String, Double> platforms,
		Map<String, Double> metrics, Instant updatedAt) implements TenantOwned {

	static final String COLLECTION = "metric_settings";

	/** Weights before a center sets its own: engagement above exposure, national platforms above local ones. */
	static InfluenceWeights defaults(String tenantId) {
		Map<String, Double> platforms = new LinkedHashMap<>();
		for (Platform platform : Platform.values()) {
			platforms.put(platform.name(), 1.0);
		}
		platforms.put(Platform.XUEXI_QIANGGUO.name(), 1.5);
		platforms.put(Platform.PARTNER_OUTLET.name(), 1.5);
		platforms.put(Platform.TV.name(), 1.2);
		platforms.put(Platform.OUTDOOR_SCREEN.name(), 0.5);
		platforms.put(Platform.SMS.name(), 0.3);
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put(MetricName.VIEWS.name(), 1.0);
		metrics.put(MetricName.PLAYS.name(), 1.0);
		metrics.put(MetricName.CLICKS.name(), 0.5);
		metrics.put(MetricName.LIVE_VIEWERS.name(), 1.0);
		metrics.put(MetricName.LIKES.name(), 3.0);
		metrics.put(MetricName.FAVORITES.name(), 5.0);
		metrics.put(MetricName.COMMENTS.name(), 8.0);
		metrics.put(MetricName.SHARES.name(), 10.0);
		metrics.put(MetricName.AIRINGS.name(), 20.0);
		metrics.put(MetricName.PLACEMENTS_MUNICIPAL.name(), 2_000.0);
		metrics.put(MetricName.PLACEMENTS_PROVINCIAL.name(), 5_000.0);
		metrics.put(MetricName.PLACEMENTS_CENTRAL.name(), 20_000.0);
		return new InfluenceWeights(tenantId, tenantId, platforms, metrics, Instant.EPOCH);
	}

	double platform(String platform) {
		return platforms.getOrDefault(platform, 1.0);
	}

	double metric(String metric) {
		return metrics.getOrDefault(metric, 0.0);
	}

	/** The index of a weighted sum. */
	static double index(double weightedSum) {
		return 100 * Math.log10(1 + Math.max(0, weightedSum));
	}

}
