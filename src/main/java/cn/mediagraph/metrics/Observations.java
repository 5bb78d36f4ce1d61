package cn.mediagraph.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.mediagraph.metrics.MetricState.Delta;
import cn.mediagraph.metrics.MetricState.Peak;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.MetricState.Snapshot;

/**
 * One metric's observations of one content on one channel, being changed by a batch: the pure
 * core of idempotent, order-tolerant ingestion.
 * <p>
 * For cumulative snapshots the figure of an hour is "the latest snapshot up to the end of the
 * hour minus the latest one before the hour", so the hours sum to the latest snapshot whatever
 * the order samples come in. A snapshot that becomes the latest of its hour changes exactly two
 * hours: its own by {@code d} and the next hour holding a snapshot by {@code -d}. A lower later
 * snapshot is a correction: it lowers its own hour, and the total is the latest observation.
 */
final class Observations {

	/** What became of a sample. */
	enum Outcome {
		/** Taken: it changed the figures, or was superseded by a later snapshot of its hour. */
		ACCEPTED,
		/** Already known: the same observation was recorded before. */
		DUPLICATE
	}

	/**
	 * A change to the rollups: in {@code hour}, add {@code value} (and {@code weight}) for an
	 * additive metric, or raise to {@code value} for a peak.
	 */
	record Effect(MetricName metric, long hour, double value, double weight, boolean peak) {
	}

	private final MetricName metric;

	private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();

	private final Set<Delta> deltas = new LinkedHashSet<>();

	private final TreeMap<Long, Double> peaks = new TreeMap<>();

	private boolean changed;

	Observations(MetricName metric, Series series) {
		this.metric = metric;
		series.snapshots().forEach(snapshot -> snapshots.put(snapshot.hour(), snapshot));
		deltas.addAll(series.deltas());
		series.peaks().forEach(peak -> peaks.put(peak.hour(), peak.value()));
	}

	static Observations empty(MetricName metric) {
		return new Observations(metric, new Series(List.of(), List.of(), List.of()));
	}

	/** Whether a sample changed these observations (a duplicate or superseded one does not). */
	boolean changed() {
		return changed;
	}

	Series toSeries() {
		return new Series(List.copyOf(snapshots.values()), List.copyOf(deltas),
				peaks.entrySet().stream().map(entry -> new Peak(entry.getKey(), entry.getValue())).toList());
	}

	/** A cumulative snapshot observed at {@code at} (epoch millis). */
	Outcome snapshot(long at, double value, double weight, List<Effect> effects) {
		long hour = Math.floorDiv(at, 3_600_000L);
		Snapshot seen = snapshots.get(hour);
		Snapshot taken = new Snapshot(hour, at, value, weight);
		if (seen != null) {
			if (seen.equals(taken)) {
				return Outcome.DUPLICATE;
			}
			if (!supersedes(taken, seen)) {
				return Outcome.ACCEPTED;
			}
		}
		Map.Entry<Long, Snapshot> before = snapshots.lowerEntry(hour);
		Snapshot old = seen != null ? seen : before == null ? null : before.getValue();
		double dValue = amount(taken) - amount(old);
		double dWeight = weightOf(taken) - weightOf(old);
		snapshots.put(hour, taken);
		changed = true;
		add(effects, hour, dValue, dWeight);
		Map.Entry<Long, Snapshot> next = snapshots.higherEntry(hour);
		if (next != null) {
			add(effects, next.getKey(), -dValue, -dWeight);
		}
		return Outcome.ACCEPTED;
	}

	/** A delta observed at {@code at}: the same time and value again is the same delta. */
	Outcome delta(long at, double value, List<Effect> effects) {
		if (!deltas.add(new Delta(at, value))) {
			return Outcome.DUPLICATE;
		}
		changed = true;
		add(effects, Math.floorDiv(at, 3_600_000L), value, 0);
		return Outcome.ACCEPTED;
	}

	/** A peak (or a platform's unique count so far) observed at {@code at}. */
	Outcome peak(long at, double value, List<Effect> effects) {
		long hour = Math.floorDiv(at, 3_600_000L);
		Double seen = peaks.get(hour);
		if (seen != null && seen >= value) {
			return seen == value ? Outcome.DUPLICATE : Outcome.ACCEPTED;
		}
		peaks.put(hour, value);
		changed = true;
		effects.add(new Effect(metric, hour, value, 0, true));
		return Outcome.ACCEPTED;
	}

	/** Everything these observations contribute, as from nothing: for a content linked after the fact. */
	List<Effect> contribution() {
		List<Effect> effects = new ArrayList<>();
		Snapshot previous = null;
		for (Snapshot snapshot : snapshots.values()) {
			add(effects, snapshot.hour(), amount(snapshot) - amount(previous), weightOf(snapshot) - weightOf(previous));
			previous = snapshot;
		}
		deltas.forEach(delta -> add(effects, Math.floorDiv(delta.at(), 3_600_000L), delta.value(), 0));
		peaks.forEach((hour, value) -> effects.add(new Effect(metric, hour, value, 0, true)));
		return effects;
	}

	/** The later observation wins; at the same instant, the higher value (so order does not matter). */
	private static boolean supersedes(Snapshot candidate, Snapshot seen) {
		if (candidate.at() != seen.at()) {
			return candidate.at() > seen.at();
		}
		if (candidate.value() != seen.value()) {
			return candidate.value() > seen.value();
		}
		return candidate.weight() > seen.weight();
	}

	private void add(List<Effect> effects, long hour, double value, double weight) {
		if (value != 0 || weight != 0) {
			effects.add(new Effect(metric, hour, value, weight, false));
		}
	}

	/** A rate's snapshot counts as value × weight, so sums divide back to a weighted average. */
	private double amount(Snapshot snapshot) {
		if (snapshot == null) {
			return 0;
		}
		return weighted() ? snapshot.value() * snapshot.weight() : snapshot.value();
	}

	private double weightOf(Snapshot snapshot) {
		return snapshot == null || !weighted() ? 0 : snapshot.weight();
	}

	private boolean weighted() {
		return metric.aggregation() == Aggregation.WEIGHTED_AVERAGE;
	}

}
