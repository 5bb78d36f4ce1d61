package cn.mediagraph.metrics;

import org.jspecify.annotations.Nullable;

/**
 * The catalogue of reach metrics, each with its unit and how it adds up. A figure is gross when
 * it counts events (one person counted as often as they came) rather than people.
 */
public enum MetricName {

	/** Reads of an article or page (阅读量). */
	VIEWS(MetricUnit.EVENTS, Aggregation.SUM),
	/** Plays of a video or audio (播放量). */
	PLAYS(MetricUnit.EVENTS, Aggregation.SUM),
	/** Clicks on a link, card or headline (点击量). */
	CLICKS(MetricUnit.EVENTS, Aggregation.SUM),
	/** Likes (点赞). */
	LIKES(MetricUnit.EVENTS, Aggregation.SUM),
	/** Shares and reposts (转发). */
	SHARES(MetricUnit.EVENTS, Aggregation.SUM),
	/** Comments (评论). */
	COMMENTS(MetricUnit.EVENTS, Aggregation.SUM),
	/** Favourites (收藏). */
	FAVORITES(MetricUnit.EVENTS, Aggregation.SUM),
	/** Airings of a spot on a screen or channel (播出次数). */
	AIRINGS(MetricUnit.AIRINGS, Aggregation.SUM),
	/** Placements in higher-level media of any level (上稿). */
	PLACEMENTS(MetricUnit.STORIES, Aggregation.SUM),
	/** Placements in central media (中央级). */
	PLACEMENTS_CENTRAL(MetricUnit.STORIES, Aggregation.SUM),
	/** Placements in provincial media (省级). */
	PLACEMENTS_PROVINCIAL(MetricUnit.STORIES, Aggregation.SUM),
	/** Placements in municipal media (市级). */
	PLACEMENTS_MUNICIPAL(MetricUnit.STORIES, Aggregation.SUM),
	/** Viewers of a live stream, counted per visit (观看人次). */
	LIVE_VIEWERS(MetricUnit.EVENTS, Aggregation.SUM),
	/** The most viewers watching a live stream at once (峰值在线). */
	PEAK_CONCURRENT_VIEWERS(MetricUnit.PEOPLE, Aggregation.MAX),
	/** Followers of an account (粉丝数): a gauge. */
	FOLLOWERS(MetricUnit.PEOPLE, Aggregation.LATEST),
	/** The share of a video watched to its end, weighted by plays (完播率). */
	COMPLETION_RATE(MetricUnit.RATIO, Aggregation.WEIGHTED_AVERAGE),
	/** A TV programme's rating, weighted by its airtime (收视率). */
	TV_RATING(MetricUnit.PERCENT, Aggregation.WEIGHTED_AVERAGE),
	/** Distinct users who saw a content on one local day, as the platform counts them (UV). */
	UNIQUE_VISITORS(MetricUnit.PEOPLE, Aggregation.UNIQUE);

	private final MetricUnit unit;

	private final Aggregation aggregation;

	MetricName(MetricUnit unit, Aggregation aggregation) {
		this.unit = unit;
		this.aggregation = aggregation;
	}

	public MetricUnit unit() {
		return unit;
	}

	public Aggregation aggregation() {
		return aggregation;
	}

	/** Counts events (person-visits), not distinct people. */
	public boolean gross() {
		return unit == MetricUnit.EVENTS || unit == MetricUnit.AIRINGS;
	}

	/** The largest value a sample may carry (rates are fractions or percentages). */
	/** The metric of this name, or null. */
	static @Nullable MetricName named(String name) {
		for (MetricName metric : values()) {
			if (metric.name().equals(name)) {
				return metric;
			}
		}
		return null;
	}

	double maxValue() {
		return switch (unit) {
			case RATIO -> 1;
			case PERCENT -> 100;
			default -> 1e15;
		};
	}

}
