package cn.mediagraph.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.metrics.Observations.Effect;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The rollup changes of a batch, merged in memory by document and field, so a batch costs one
 * upsert per rollup document however many samples it carries.
 */
final class RollupWrites {

	/** Where a content's figures count. */
	record Target(String channelId, @Nullable String postId, @Nullable String storyId, @Nullable String campaignId,
			String platform) {

		List<Scope> scopes() {
			List<Scope> scopes = new ArrayList<>(5);
			if (postId != null) {
				scopes.add(new Scope(Scope.POST, postId));
			}
			if (storyId != null) {
				scopes.add(new Scope(Scope.STORY, storyId));
			}
			if (campaignId != null) {
				scopes.add(new Scope(Scope.CAMPAIGN, campaignId));
			}
			scopes.add(new Scope(Scope.CHANNEL, channelId));
			scopes.add(Scope.tenant());
			return scopes;
		}

	}

	private final String tenantId;

	private final LocalCalendar calendar;

	private final Map<String, Map<String, Double>> increments = new LinkedHashMap<>();

	private final Map<String, Map<String, Double>> maxima = new LinkedHashMap<>();

	/** The center's days and months: documents that carry rankings ({@link Rollup#RANKED}). */
	private final java.util.Set<String> rankable = new java.util.HashSet<>();

	RollupWrites(String tenantId, LocalCalendar calendar) {
		this.tenantId = tenantId;
		this.calendar = calendar;
	}

	/** Per hour: its local day's and month's period keys, then the lifetime's. */
	private final Map<Long, String[]> periodsOfHour = new HashMap<>();

	/** Per target: where its figures count. */
	private final Map<Target, List<Scope>> scopesOf = new HashMap<>();

	/** Per scope: its documents' ids by period. */
	private final Map<Scope, Map<String, String>> docIds = new HashMap<>();

	/**
	 * Adds one effect to every document it changes. A batch applies tens of thousands, each to
	 * some fifteen documents: the paths are built once per effect and the documents' ids once
	 * per batch.
	 */
	void apply(Target target, Effect effect) {
		String[] periods = periodsOfHour.computeIfAbsent(effect.hour(), hour -> {
			LocalDate day = calendar.dayOf(hour);
			return new String[] { LocalCalendar.dayKey(day), LocalCalendar.monthKey(YearMonth.from(day)), Rollup.LIFETIME };
		});
		String dayId = periods[0];
		String metric = effect.metric().name();
		String totalPath = TOTAL_PATHS.get(effect.metric());
		String hourPath = Rollup.HOURS + "." + effect.hour() + "." + metric;
		if (effect.metric().aggregation() == Aggregation.UNIQUE) {
			if (target.postId() != null) {
				String doc = docId(new Scope(Scope.POST, target.postId()), dayId);
				put(doc, totalPath, effect);
				put(doc, hourPath, effect);
			}
			return;
		}
		String channelPath = Rollup.CHANNELS + "." + target.channelId() + "." + metric;
		String hourChannelPath = Rollup.HOUR_CHANNELS + "." + effect.hour() + "." + target.channelId() + "." + metric;
		boolean ranked = target.storyId() != null && !effect.metric().aggregation().asOfEnd();
		String storyPath = ranked ? Rollup.STORIES + "." + target.storyId() + "." + target.platform() + "." + metric : null;
		String rankPath = ranked ? Rollup.RANKS + "." + metric + "." + target.storyId() : null;
		for (Scope scope : scopesOf.computeIfAbsent(target, Target::scopes)) {
			for (int p = 0; p < periods.length; p++) {
				String doc = docId(scope, periods[p]);
				boolean isDay = p == 0;
				put(doc, totalPath, effect);
				if (isDay) {
					put(doc, hourPath, effect);
				}
				if (scope.byChannel()) {
					put(doc, channelPath, effect);
					if (isDay) {
						put(doc, hourChannelPath, effect);
					}
				}
				if (scope.kind() == Scope.TENANT && p < 2) {
					rankable.add(doc);
					if (storyPath != null) {
						put(doc, storyPath, effect);
						put(doc, rankPath, effect);
					}
				}
			}
		}
	}

	private static final Map<MetricName, String> TOTAL_PATHS = new java.util.EnumMap<>(MetricName.class);

	static {
		for (MetricName metric : MetricName.values()) {
			TOTAL_PATHS.put(metric, Rollup.TOTALS + "." + metric.name());
		}
	}

	private String docId(Scope scope, String period) {
		return docIds.computeIfAbsent(scope, key -> new HashMap<>()).computeIfAbsent(period, key -> scope.docId(tenantId, key));
	}

	private void put(String doc, String path, Effect effect) {
		if (effect.peak()) {
			maxima.computeIfAbsent(doc, key -> new HashMap<>()).merge(path, effect.value(), Math::max);
			return;
		}
		Map<String, Double> fields = increments.computeIfAbsent(doc, key -> new HashMap<>());
		fields.merge(path, effect.value(), Double::sum);
		if (effect.metric().aggregation() == Aggregation.WEIGHTED_AVERAGE) {
			fields.merge(path + Rollup.WEIGHT, effect.weight(), Double::sum);
		}
	}

	/**
	 * The changes of one document: increments and maxima by dotted path.
	 */
	record Fields(Map<String, Double> increments, Map<String, Double> maxima) {

		int size() {
			return increments.size() + maxima.size();
		}

		/**
		 * The update that writes these changes over {@code current} (null: no such document)
		 * as whole top-level fields: {@code $set} of a few fields where {@code $inc} would name
		 * thousands of paths (the embedded store checks an update's paths against each other,
		 * in time growing with their square).
		 */
		Update over(org.bson.@Nullable Document current) {
			Map<String, Object> tops = new LinkedHashMap<>();
			increments.forEach((path, amount) -> change(tops, current, path, amount, false));
			maxima.forEach((path, value) -> change(tops, current, path, value, true));
			Update update = new Update();
			if (tops.containsKey(Rollup.RANKS) && tops.get(Rollup.STORIES) instanceof Map<?, ?> stories) {
				if (current != null && !current.containsKey(Rollup.RANKED)) {
					// written before rankings were kept: they are derived whole from the figures per story
					tops.put(Rollup.RANKS, ranks(stories));
				}
				update.set(Rollup.RANKED, 1);
			}
			tops.forEach(update::set);
			Object rev = current == null ? null : current.get(Rollup.REV);
			update.set(Rollup.REV, rev instanceof Number number ? number.longValue() + 1 : 1L);
			return update;
		}

		@SuppressWarnings("unchecked")
		private static void change(Map<String, Object> tops, org.bson.@Nullable Document current, String path,
				double amount, boolean max) {
			String[] keys = path.split("\\.");
			Object node = tops.computeIfAbsent(keys[0], key -> copy(current == null ? null : current.get(key)));
			if (keys.length == 1) {
				double seen = node instanceof Number number ? number.doubleValue() : max ? Double.NEGATIVE_INFINITY : 0;
				tops.put(keys[0], max ? Math.max(seen, amount) : seen + amount);
				return;
			}
			if (!(node instanceof Map)) {
				node = new LinkedHashMap<String, Object>();
				tops.put(keys[0], node);
			}
			Map<String, Object> map = (Map<String, Object>) node;
			for (int i = 1; i < keys.length - 1; i++) {
				Object child = map.get(keys[i]);
				if (!(child instanceof Map)) {
					child = new LinkedHashMap<String, Object>();
					map.put(keys[i], child);
				}
				map = (Map<String, Object>) child;
			}
			String last = keys[keys.length - 1];
			Object seen = map.get(last);
			if (seen instanceof Number number) {
				map.put(last, max ? Math.max(number.doubleValue(), amount) : number.doubleValue() + amount);
			}
			else {
				map.put(last, amount);
			}
		}

		/**
		 * The rankings of a day or month from its figures per story and platform: by metric and
		 * story, the sum over platforms (the highest, for peaks).
		 */
		@SuppressWarnings("unchecked")
		static Map<String, Object> ranks(Map<?, ?> stories) {
			Map<String, Object> ranks = new LinkedHashMap<>();
			stories.forEach((storyId, platforms) -> {
				if (!(platforms instanceof Map<?, ?> byPlatform)) {
					return;
				}
				byPlatform.values().forEach(values -> {
					if (!(values instanceof Map<?, ?> byMetric)) {
						return;
					}
					byMetric.forEach((metric, value) -> {
						MetricName name = MetricName.named((String) metric);
						if (name == null || name.aggregation().asOfEnd() || !(value instanceof Number number)) {
							return;
						}
						Map<String, Object> byStory = (Map<String, Object>) ranks.computeIfAbsent((String) metric,
								key -> new LinkedHashMap<String, Object>());
						double figure = number.doubleValue();
						byStory.merge((String) storyId, figure, (a, b) -> name.aggregation() == Aggregation.MAX
								? Math.max(((Number) a).doubleValue(), figure) : ((Number) a).doubleValue() + figure);
					});
				});
			});
			return ranks;
		}

		/** A deep, mutable copy of a stored value. */
		@SuppressWarnings("unchecked")
		private static @Nullable Object copy(@Nullable Object value) {
			if (value instanceof Map<?, ?> map) {
				Map<String, Object> copy = new LinkedHashMap<>();
				((Map<String, Object>) map).forEach((key, child) -> copy.put(key, copy(child)));
				return copy;
			}
			return value;
		}

	}

	/**
	 * Takes out the documents with more than {@code paths} changes, for the caller to write
	 * whole ({@link Fields#over}); the others stay for {@link #updates()}.
	 */
	Map<String, Fields> takeWide(int paths) {
		Map<String, Fields> wide = new LinkedHashMap<>();
		java.util.Set<String> docs = new java.util.LinkedHashSet<>(increments.keySet());
		docs.addAll(maxima.keySet());
		for (String doc : docs) {
			Map<String, Double> inc = increments.getOrDefault(doc, Map.of());
			Map<String, Double> max = maxima.getOrDefault(doc, Map.of());
			if (inc.size() + max.size() > paths) {
				wide.put(doc, new Fields(new HashMap<>(inc), new HashMap<>(max)));
				increments.remove(doc);
				maxima.remove(doc);
			}
		}
		return wide;
	}

	boolean isEmpty() {
		return increments.isEmpty() && maxima.isEmpty();
	}

	/** One update per document: its increments and maxima. */
	Map<String, Update> updates() {
		Map<String, Update> updates = new LinkedHashMap<>();
		increments.forEach((doc, fields) -> {
			Update update = updates.computeIfAbsent(doc, key -> new Update());
			fields.forEach((path, amount) -> {
				if (amount != 0) {
					update.inc(path, amount);
				}
			});
		});
		maxima.forEach((doc, fields) -> {
			Update update = updates.computeIfAbsent(doc, key -> new Update());
			fields.forEach(update::max);
		});
		updates.values().removeIf(update -> update.getUpdateObject().isEmpty());
		// a ranking document this write creates holds its rankings whole from the start
		updates.forEach((doc, update) -> {
			if (rankable.contains(doc)) {
				update.setOnInsert(Rollup.RANKED, 1);
			}
		});
		// every write moves the revision, so a document written whole by another batch sees it
		updates.values().forEach(update -> update.inc(Rollup.REV, 1));
		return updates;
	}

	/** Forgets what was applied, and the ids and paths remembered for it (a rebuild reuses this page after page). */
	void clear() {
		increments.clear();
		maxima.clear();
		rankable.clear();
		periodsOfHour.clear();
		scopesOf.clear();
		docIds.clear();
	}

}
