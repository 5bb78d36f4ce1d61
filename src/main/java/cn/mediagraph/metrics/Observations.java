package cn.mediagraph.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Delta;
import cn.mediagraph.metrics.MetricState.Peak;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.MetricState.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * One metric's observations of one content on one channel, being changed by a batch: the pure
 * core of idempotent, order-tolerant ingestion.
 * <p>
 * For cumulative snapshots the figure of an hour is "the latest snapshot up to the end of the
 * hour minus the latest one before the hour", so the hours sum to the latest snapshot whatever
 * the order samples come in. A snapshot that becomes the latest of its hour changes exactly two
 * hours: its own by {@code d} and the next hour holding a snapshot by {@code -d}. A lower later
 * snapshot is a correction: it lowers its own hour, and the total is the latest observation.
 * <p>
 * Only the <em>open</em> local days are kept hour by hour: the day of the latest sample and the
 * day before ({@value #OPEN_DAYS} days). Older days are <em>closed</em> into one {@link Day}
 * each: its first hour with a snapshot, its latest snapshot, the sum of its deltas and its
 * peak. That keeps a state small whatever the history, and loses nothing a day or longer period
 * shows: a late snapshot in a closed day that becomes the day's latest moves its hour and the
 * next hour holding a snapshot exactly as above; one that does not (an earlier hour of that day)
 * cannot change the day's figure (the day's latest and the previous day's latest are unchanged),
 * so it is taken without moving figures between the day's hours. A late peak in a closed day is
 * compared with the day's peak. A late delta in a closed day cannot be told from one already
 * counted and is refused ({@link Outcome#TOO_LATE}).
 */
final class Observations {

	/** Local days kept hour by hour: the latest sample's day and the day before. */
	static final int OPEN_DAYS = 2;

	/** What became of a sample. */
	enum Outcome {
		/** Taken: it changed the figures, or was superseded by a later snapshot of its hour or closed day. */
		ACCEPTED,
		/** Already known: the same observation was recorded before. */
		DUPLICATE,
		/** A delta in a closed day: it cannot be told from one already counted. */
		TOO_LATE
	}

	/**
	 * A change to the rollups: in {@code hour}, add {@code value} (and {@code weight}) for an
	 * additive metric, or raise to {@code value} for a peak.
	 */
	record Effect(MetricName metric, long hour, double value, double weight, boolean peak) {
	}

	private final MetricName metric;

	/** Local days, to close them; null: nothing is ever closed (every hour stays open). */
	private final @Nullable LocalCalendar calendar;

	private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();

	private final Set<Delta> deltas = new LinkedHashSet<>();

	private final TreeMap<Long, Double> peaks = new TreeMap<>();

	private final ClosedDays days;

	private long openFrom = Long.MIN_VALUE;

	private boolean changed;

	Observations(MetricName metric, Series series) {
		this(metric, series, null);
	}

	Observations(MetricName metric, Series series, @Nullable LocalCalendar calendar) {
		this(metric, series, calendar, Archived.NONE);
	}

	/**
	 * @param archived the state's closed days kept apart from it ({@link DayArchive}), for this
	 * metric: which segments exist, and their days if they were read
	 */
	Observations(MetricName metric, Series series, @Nullable LocalCalendar calendar, Archived archived) {
		this.metric = metric;
		this.calendar = calendar;
		series.snapshots().forEach(snapshot -> snapshots.put(snapshot.hour(), snapshot));
		deltas.addAll(series.deltas());
		series.peaks().forEach(peak -> peaks.put(peak.hour(), peak.value()));
		if (series.openFrom() != null) {
			openFrom = series.openFrom();
		}
		days = new ClosedDays(series.days(), archived);
	}

	/**
	 * A state's archived closed days as one metric sees them: the segments that exist, and
	 * their days (this metric's, by segment) once read, or null when they were not.
	 */
	record Archived(Set<Long> segments, @Nullable Map<Long, PackedDays> loaded) {

		static final Archived NONE = new Archived(Set.of(), Map.of());

		boolean readable() {
			return loaded != null || segments.isEmpty();
		}

		/** Whether an archived segment lies from {@code from} to {@code to} (segments, inclusive). */
		boolean anyBetween(long from, long to) {
			for (long segment : segments) {
				if (segment >= from && segment <= to) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * Thrown when a sample needs closed days kept in archived segments that were not read: the
	 * caller reads them and computes the state again. Rare (a sample older than the days kept
	 * in the state, or a content linked after the fact), so the common batch reads none.
	 */
	static final class ArchiveNeeded extends RuntimeException {

		ArchiveNeeded() {
			super("archived days needed", null, false, false);
		}

	}

	static Observations empty(MetricName metric) {
		return empty(metric, null);
	}

	static Observations empty(MetricName metric, @Nullable LocalCalendar calendar) {
		return new Observations(metric, new Series(List.of(), List.of(), List.of(), null, null), calendar);
	}

	/** Whether a sample changed these observations (a duplicate or superseded one does not). */
	boolean changed() {
		return changed;
	}

	/** The observations to store, with the days before the open ones closed. */
	Series toSeries() {
		close();
		return new Series(List.copyOf(snapshots.values()), List.copyOf(deltas),
				peaks.entrySet().stream().map(entry -> new Peak(entry.getKey(), entry.getValue())).toList(),
				openFrom == Long.MIN_VALUE ? null : openFrom, days.toList());
	}

	/** A cumulative snapshot observed at {@code at} (epoch millis). */
	Outcome snapshot(long at, double value, double weight, List<Effect> effects) {
		long hour = Math.floorDiv(at, 3_600_000L);
		Snapshot taken = new Snapshot(hour, at, value, weight);
		if (hour < openFrom) {
			return closedSnapshot(taken, effects);
		}
		Snapshot seen = snapshots.get(hour);
		if (seen != null) {
			if (seen.equals(taken)) {
				return Outcome.DUPLICATE;
			}
			if (!supersedes(taken, seen)) {
				return Outcome.ACCEPTED;
			}
		}
		Map.Entry<Long, Snapshot> before = snapshots.lowerEntry(hour);
		Snapshot old = seen != null ? seen : before != null ? before.getValue() : lastClosedBefore(Long.MAX_VALUE);
		snapshots.put(hour, taken);
		changed = true;
		Map.Entry<Long, Snapshot> next = snapshots.higherEntry(hour);
		move(effects, taken, old, hour, next == null ? null : next.getKey());
		return Outcome.ACCEPTED;
	}

	/** A snapshot in a closed day: it counts only if it becomes the day's latest. */
	private Outcome closedSnapshot(Snapshot taken, List<Effect> effects) {
		long start = dayStart(taken.hour());
		Day day = days.get(start);
		Snapshot old;
		if (day != null && day.last() != null) {
			if (day.last().equals(taken)) {
				return Outcome.DUPLICATE;
			}
			if (!supersedes(taken, day.last())) {
				return Outcome.ACCEPTED;
			}
			old = day.last();
		}
		else {
			old = lastClosedBefore(start);
		}
		Long first = day == null || day.first() == null ? taken.hour() : Math.min(day.first(), taken.hour());
		days.put(start, day == null ? new Day(start, first, taken, 0, null)
				: new Day(start, first, taken, day.deltas(), day.peak()));
		changed = true;
		move(effects, taken, old, taken.hour(), nextSnapshotHourAfterDay(start));
		return Outcome.ACCEPTED;
	}

	/** {@code taken} replaces {@code old} as the latest up to {@code hour}: that hour gains, the next one with a snapshot loses. */
	private void move(List<Effect> effects, Snapshot taken, @Nullable Snapshot old, long hour, @Nullable Long next) {
		double dValue = amount(taken) - amount(old);
		double dWeight = weightOf(taken) - weightOf(old);
		add(effects, hour, dValue, dWeight);
		if (next != null) {
			add(effects, next, -dValue, -dWeight);
		}
	}

	/** The latest snapshot of the closed days that start before {@code start}. */
	private @Nullable Snapshot lastClosedBefore(long start) {
		if (!days.archived.readable()) {
			Day found = null;
			for (Day day : days.kept().headMap(start, false).descendingMap().values()) {
				if (day.last() != null) {
					found = day;
					break;
				}
			}
			long from = found == null ? Long.MIN_VALUE : DayArchive.segmentOf(found.start());
			if (days.archived.anyBetween(from, DayArchive.segmentOf(start))) {
				throw new ArchiveNeeded();
			}
			return found == null ? null : found.last();
		}
		for (Day day : days.all().headMap(start, false).descendingMap().values()) {
			if (day.last() != null) {
				return day.last();
			}
		}
		return null;
	}

	/** The first hour holding a snapshot after the closed day starting at {@code start}. */
	private @Nullable Long nextSnapshotHourAfterDay(long start) {
		if (!days.archived.readable()) {
			Day found = null;
			for (Day day : days.kept().tailMap(start, false).values()) {
				if (day.first() != null) {
					found = day;
					break;
				}
			}
			long to = found == null ? Long.MAX_VALUE : DayArchive.segmentOf(found.start());
			if (days.archived.anyBetween(DayArchive.segmentOf(start), to)) {
				throw new ArchiveNeeded();
			}
			if (found != null) {
				return found.first();
			}
			return snapshots.isEmpty() ? null : snapshots.firstKey();
		}
		for (Day day : days.all().tailMap(start, false).values()) {
			if (day.first() != null) {
				return day.first();
			}
		}
		return snapshots.isEmpty() ? null : snapshots.firstKey();
	}

	/** A delta observed at {@code at}: the same time and value again is the same delta. */
	Outcome delta(long at, double value, List<Effect> effects) {
		long hour = Math.floorDiv(at, 3_600_000L);
		if (hour < openFrom) {
			return Outcome.TOO_LATE;
		}
		if (!deltas.add(new Delta(at, value))) {
			return Outcome.DUPLICATE;
		}
		changed = true;
		add(effects, hour, value, 0);
		return Outcome.ACCEPTED;
	}

	/** A peak (or a platform's unique count so far) observed at {@code at}. */
	Outcome peak(long at, double value, List<Effect> effects) {
		long hour = Math.floorDiv(at, 3_600_000L);
		if (hour < openFrom) {
			long start = dayStart(hour);
			Day day = days.get(start);
			if (day != null && day.peak() != null && day.peak().value() >= value) {
				return day.peak().value() == value ? Outcome.DUPLICATE : Outcome.ACCEPTED;
			}
			days.put(start, day == null ? new Day(start, null, null, 0, new Peak(hour, value))
					: new Day(start, day.first(), day.last(), day.deltas(), new Peak(hour, value)));
		}
		else {
			Double seen = peaks.get(hour);
			if (seen != null && seen >= value) {
				return seen == value ? Outcome.DUPLICATE : Outcome.ACCEPTED;
			}
			peaks.put(hour, value);
		}
		changed = true;
		effects.add(new Effect(metric, hour, value, 0, true));
		return Outcome.ACCEPTED;
	}

	/**
	 * Everything these observations contribute, as from nothing: for a content linked after the
	 * fact, and for rebuilding the rollups. A closed day's figures land in one hour of that day
	 * (its latest snapshot's, its first for deltas, its peak's).
	 */
	List<Effect> contribution() {
		List<Effect> effects = new ArrayList<>();
		Snapshot previous = null;
		for (Day day : days.all().values()) {
			if (day.last() != null) {
				add(effects, day.last().hour(), amount(day.last()) - amount(previous), weightOf(day.last()) - weightOf(previous));
				previous = day.last();
			}
			add(effects, day.start(), day.deltas(), 0);
			if (day.peak() != null) {
				effects.add(new Effect(metric, day.peak().hour(), day.peak().value(), 0, true));
			}
		}
		for (Snapshot snapshot : snapshots.values()) {
			add(effects, snapshot.hour(), amount(snapshot) - amount(previous), weightOf(snapshot) - weightOf(previous));
			previous = snapshot;
		}
		deltas.forEach(delta -> add(effects, Math.floorDiv(delta.at(), 3_600_000L), delta.value(), 0));
		peaks.forEach((hour, value) -> effects.add(new Effect(metric, hour, value, 0, true)));
		return effects;
	}

	/**
	 * Closes the days before the open ones: each becomes one {@link Day}. Figures do not move;
	 * only what is kept to place later samples is made smaller.
	 */
	private void close() {
		if (calendar == null) {
			return;
		}
		long latest = Long.MIN_VALUE;
		if (!snapshots.isEmpty()) {
			latest = snapshots.lastKey();
		}
		if (!peaks.isEmpty()) {
			latest = Math.max(latest, peaks.lastKey());
		}
		for (Delta delta : deltas) {
			latest = Math.max(latest, Math.floorDiv(delta.at(), 3_600_000L));
		}
		if (latest == Long.MIN_VALUE) {
			return;
		}
		long from = calendar.firstHour(calendar.dayOf(latest).minusDays(OPEN_DAYS - 1));
		if (from <= openFrom) {
			return;
		}
		Map<Long, Snapshot> closing = snapshots.headMap(from, false);
		for (Snapshot snapshot : closing.values()) {
			long start = dayStart(snapshot.hour());
			Day day = days.get(start);
			if (day == null) {
				days.put(start, new Day(start, snapshot.hour(), snapshot, 0, null));
			}
			else {
				Long first = day.first() == null ? snapshot.hour() : Math.min(day.first(), snapshot.hour());
				Snapshot last = day.last() == null || supersedes(snapshot, day.last()) ? snapshot : day.last();
				days.put(start, new Day(start, first, last, day.deltas(), day.peak()));
			}
		}
		closing.clear();
		for (var it = deltas.iterator(); it.hasNext();) {
			Delta delta = it.next();
			long hour = Math.floorDiv(delta.at(), 3_600_000L);
			if (hour < from) {
				long start = dayStart(hour);
				Day day = days.get(start);
				days.put(start, day == null ? new Day(start, null, null, delta.value(), null)
						: new Day(start, day.first(), day.last(), day.deltas() + delta.value(), day.peak()));
				it.remove();
			}
		}
		Map<Long, Double> closingPeaks = peaks.headMap(from, false);
		closingPeaks.forEach((hour, value) -> {
			long start = dayStart(hour);
			Day day = days.get(start);
			if (day == null) {
				days.put(start, new Day(start, null, null, 0, new Peak(hour, value)));
			}
			else if (day.peak() == null || day.peak().value() < value) {
				days.put(start, new Day(start, day.first(), day.last(), day.deltas(), new Peak(hour, value)));
			}
		});
		closingPeaks.clear();
		openFrom = from;
	}

	private long dayStart(long hour) {
		return calendar == null ? hour : calendar.firstHour(calendar.dayOf(hour));
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

	/**
	 * The closed days: those kept in the state as stored ({@link PackedDays}, found one at a
	 * time), those of archived segments (read only when needed; a day kept in the state wins over
	 * the same day archived), and those changed since. Only a late sample needs them all in
	 * order; then they are decoded once.
	 */
	private static final class ClosedDays {

		private final PackedDays stored;

		private final Archived archived;

		private final TreeMap<Long, Day> changed = new TreeMap<>();

		private @Nullable TreeMap<Long, Day> all;

		ClosedDays(@Nullable List<Day> days, Archived archived) {
			stored = PackedDays.of(days == null ? List.of() : days);
			this.archived = archived;
		}

		@Nullable Day get(long start) {
			if (all != null) {
				return all.get(start);
			}
			Day day = changed.get(start);
			if (day == null) {
				day = stored.find(start);
			}
			long segment = DayArchive.segmentOf(start);
			if (day != null || !archived.segments().contains(segment)) {
				return day;
			}
			if (archived.loaded() == null) {
				throw new ArchiveNeeded();
			}
			PackedDays segmentDays = archived.loaded().get(segment);
			return segmentDays == null ? null : segmentDays.find(start);
		}

		void put(long start, Day day) {
			changed.put(start, day);
			if (all != null) {
				all.put(start, day);
			}
		}

		/** The days kept in the state (and changed), without the archived ones. */
		TreeMap<Long, Day> kept() {
			if (all != null && archived.segments().isEmpty()) {
				return all;
			}
			TreeMap<Long, Day> kept = new TreeMap<>();
			stored.forEach(day -> kept.put(day.start(), day));
			kept.putAll(changed);
			return kept;
		}

		TreeMap<Long, Day> all() {
			if (all == null) {
				if (!archived.readable()) {
					throw new ArchiveNeeded();
				}
				all = new TreeMap<>();
				if (archived.loaded() != null) {
					archived.loaded().values().forEach(segment -> segment.forEach(day -> all.put(day.start(), day)));
				}
				stored.forEach(day -> all.put(day.start(), day));
				all.putAll(changed);
			}
			return all;
		}

		/** What to store: the days as read, with the changed ones in place; null when none. */
		@Nullable List<Day> toList() {
			return stored.isEmpty() && changed.isEmpty() ? null : stored.with(changed);
		}

	}

}
