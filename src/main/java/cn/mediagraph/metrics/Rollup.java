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

	/** The top-level parts of a rollup document, each read only by those who need it. */
	static final String TOTALS = "t", HOURS = "h", CHANNELS = "c", HOUR_CHANNELS = "hc", STORIES = "s";

	/**
	 * The center's days and months also keep, per counter or peak and story, its figure over all
	 * platforms ({@code r.<metric>.<storyId>}): what {@code topStories} reads, a few hundred
	 * numbers where {@link #STORIES} holds every metric of every platform. Not mapped.
	 */
	static final String RANKS = "r";

	/**
	 * Set on a document whose {@link #RANKS} are whole. A document written before they were kept
	 * lacks it (its rankings are read from {@link #STORIES}) until a write derives them.
	 */
	static final String RANKED = "rk";

	/**
	 * A document as stored (perhaps with only some of its parts read), without the mapping
	 * machinery: the parts are plain nested maps of numbers.
	 */
	static Rollup of(org.bson.Document document) {
		return new Rollup(document.getString("_id"), document.getString(TENANT_FIELD), numbers(document.get(TOTALS)),
				nested(document.get(HOURS)), nested(document.get(CHANNELS)), nested2(document.get(HOUR_CHANNELS)),
				nested2(document.get(STORIES)));
	}

	/** This document's parts, with those this one lacks taken from {@code other} (the same document, other parts read). */
	Rollup with(Rollup other) {
		return new Rollup(id, tenantId, t != null ? t : other.t, h != null ? h : other.h, c != null ? c : other.c,
				hc != null ? hc : other.hc, s != null ? s : other.s);
	}

	private static @Nullable Map<String, Double> numbers(@Nullable Object value) {
		return byKey(value, number -> number instanceof Number n ? n.doubleValue() : null);
	}

	private static @Nullable Map<String, Map<String, Double>> nested(@Nullable Object value) {
		return byKey(value, Rollup::numbers);
	}

	private static @Nullable Map<String, Map<String, Map<String, Double>>> nested2(@Nullable Object value) {
		return byKey(value, Rollup::nested);
	}

	/** A stored map's entries, each value read by {@code inner} (those it cannot read left out). */
	private static <T> @Nullable Map<String, T> byKey(@Nullable Object value,
			java.util.function.Function<@Nullable Object, @Nullable T> inner) {
		if (!(value instanceof Map<?, ?> map)) {
			return null;
		}
		Map<String, T> read = new java.util.HashMap<>(Math.max(4, map.size() * 2));
		map.forEach((key, child) -> {
			T one = inner.apply(child);
			if (one != null) {
				read.put((String) key, one);
			}
		});
		return read;
	}

}
