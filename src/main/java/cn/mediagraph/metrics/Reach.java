package cn.mediagraph.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import cn.mediagraph.metrics.RollupPlan.Piece;
import cn.mediagraph.platform.graphql.BadRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The reach of one scope over a range of hours, read from rollup documents only (each fetched
 * once per request). Counters and peaks give what happened in the range; gauges and rates give
 * the state as of its end (the whole history's sum less what came after).
 */
public final class Reach {

	/** Points a series may have. */
	static final int MAX_POINTS = 1_000;

	/** A metric's figure; {@code value} is null where no figure can honestly be given. */
	public record MetricValue(MetricName metric, @Nullable Double value) {

		public MetricUnit unit() {
			return metric.unit();
		}

		public Aggregation aggregation() {
			return metric.aggregation();
		}

		public boolean gross() {
			return metric.gross();
		}

	}

	/** A point of a series: the start of its period and the figure. */
	public record Point(Instant start, @Nullable Double value) {
	}

	/** Which part of a rollup document a figure is read from: the whole scope, or one channel of it. */
	private record View(@Nullable String channelId) {

		/** The part of a document that holds a whole period's figures for this view. */
		String wholePart() {
			return channelId == null ? Rollup.TOTALS : Rollup.CHANNELS;
		}

		/** The part of a day's document that holds its hours' figures for this view. */
		String hourPart() {
			return channelId == null ? Rollup.HOURS : Rollup.HOUR_CHANNELS;
		}

		@Nullable Map<String, Double> whole(Rollup rollup) {
			if (channelId == null) {
				return rollup.t();
			}
			return rollup.c() == null ? null : rollup.c().get(channelId);
		}

		@Nullable Map<String, Double> hour(Rollup rollup, long hour) {
			if (channelId == null) {
				return rollup.h() == null ? null : rollup.h().get(Long.toString(hour));
			}
			var byChannel = rollup.hc() == null ? null : rollup.hc().get(Long.toString(hour));
			return byChannel == null ? null : byChannel.get(channelId);
		}

	}

	private final String tenantId;

	private final Scope scope;

	private final LocalCalendar calendar;

	private final long from;

	private final long to;

	private final long horizon;

	private final @Nullable String onlyChannelId;

	private final BiFunction<Collection<String>, Collection<String>, Map<String, Rollup>> loader;

	/** The documents read, by period, with the parts read of each (a part is read once, when first needed). */
	private final Map<String, @Nullable Rollup> documents = new HashMap<>();

	private final Map<String, Set<String>> partsRead = new HashMap<>();

	Reach(String tenantId, Scope scope, LocalCalendar calendar, Instant from, Instant to, Instant now,
			@Nullable String onlyChannelId, BiFunction<Collection<String>, Collection<String>, Map<String, Rollup>> loader) {
		this.tenantId = tenantId;
		this.scope = scope;
		this.calendar = calendar;
		this.from = LocalCalendar.hourAtOrAfter(from);
		this.to = Math.max(this.from, LocalCalendar.hourAtOrAfter(to));
		this.horizon = LocalCalendar.hourOf(now.plus(MetricIngestion.FUTURE_SLACK)) + 1;
		this.onlyChannelId = onlyChannelId;
		this.loader = loader;
	}

	String tenantId() {
		return tenantId;
	}

	/** Each metric the scope ever recorded, over the range. */
	public List<MetricValue> totals() {
		return totals(new View(null));
	}

	/** The channels the scope's figures came from, each with its totals. */
	public List<ChannelTotals> byChannel() {
		if (!scope.byChannel()) {
			return onlyChannelId == null ? List.of() : List.of(new ChannelTotals(onlyChannelId, totals()));
		}
		Rollup lifetime = document(Rollup.LIFETIME, Rollup.CHANNELS);
		if (lifetime == null || lifetime.c() == null) {
			return List.of();
		}
		return new TreeSet<>(lifetime.c().keySet()).stream()
			.map(channelId -> new ChannelTotals(channelId, totals(new View(channelId))))
			.toList();
	}

	/** A channel's share of a scope's reach. */
	public record ChannelTotals(String channelId, List<MetricValue> totals) {
	}

	/** The metric's figure of each period of the range. */
	public List<Point> series(MetricName metric, Granularity granularity) {
		List<long[]> periods = periods(granularity);
		if (periods.size() > MAX_POINTS) {
			throw new BadRequestException("A series has at most " + MAX_POINTS + " points: take a shorter range or wider points");
		}
		View view = new View(null);
		prefetch(periods.isEmpty() ? List.of() : piecesFor(metric, from, to), view);
		List<Point> points = new ArrayList<>(periods.size());
		if (metric.aggregation().asOfEnd()) {
			double[] asOf = asOf(metric, view, to);
			double[][] values = new double[periods.size()][];
			for (int i = periods.size() - 1; i >= 0; i--) {
				values[i] = asOf.clone();
				double[] within = sum(RollupPlan.pieces(calendar, periods.get(i)[0], periods.get(i)[1], true), view, metric);
				if (!Double.isNaN(within[0])) {
					asOf[0] -= within[0];
					asOf[1] -= within[1];
				}
			}
			for (int i = 0; i < periods.size(); i++) {
				points.add(new Point(LocalCalendar.startOfHour(periods.get(i)[0]), finish(metric, values[i])));
			}
			return points;
		}
		for (long[] period : periods) {
			points.add(new Point(LocalCalendar.startOfHour(period[0]), over(metric, view, period[0], period[1])));
		}
		return points;
	}

	/** Each recorded metric's sums over the range (as of its end for gauges and rates), with a rate's weight. */
	Map<MetricName, double[]> sums() {
		Rollup lifetime = document(Rollup.LIFETIME, Rollup.TOTALS);
		Map<String, Double> recorded = lifetime == null ? null : lifetime.t();
		Map<MetricName, double[]> sums = new java.util.EnumMap<>(MetricName.class);
		if (recorded == null) {
			return sums;
		}
		View view = new View(null);
		for (MetricName metric : MetricName.values()) {
			if (metric.aggregation() == Aggregation.UNIQUE || !recorded.containsKey(metric.name())) {
				continue;
			}
			double[] value = metric.aggregation().asOfEnd() ? asOf(metric, view, to)
					: sum(RollupPlan.pieces(calendar, from, to, true), view, metric);
			sums.put(metric, value);
		}
		return sums;
	}

	/** The figure of sums combined over several scopes (see {@link #sums()}). */
	static @Nullable Double figure(MetricName metric, double[] sums) {
		if (Double.isNaN(sums[0])) {
			return metric.aggregation() == Aggregation.SUM ? 0.0 : null;
		}
		return finish(metric, sums);
	}

	private List<MetricValue> totals(View view) {
		Rollup lifetime = document(Rollup.LIFETIME, view.wholePart());
		Map<String, Double> recorded = lifetime == null ? null : view.whole(lifetime);
		List<MetricValue> totals = new ArrayList<>();
		for (MetricName metric : MetricName.values()) {
			if (metric.aggregation() == Aggregation.UNIQUE) {
				Double unique = unique(metric, view);
				if (unique != null) {
					totals.add(new MetricValue(metric, unique));
				}
			}
			else if (recorded != null && recorded.containsKey(metric.name())) {
				totals.add(new MetricValue(metric, over(metric, view, from, to)));
			}
		}
		return totals;
	}

	/** A post's unique users over at most one local day; never summed over days or channels. */
	private @Nullable Double unique(MetricName metric, View view) {
		if (scope.kind() != Scope.POST || from >= to || !calendar.dayOf(from).equals(calendar.dayOf(to - 1))) {
			return null;
		}
		double[] value = sum(RollupPlan.pieces(calendar, from, to, false), view, metric);
		return Double.isNaN(value[0]) ? null : value[0];
	}

	private @Nullable Double over(MetricName metric, View view, long start, long end) {
		if (metric.aggregation().asOfEnd()) {
			return finish(metric, asOf(metric, view, end));
		}
		double[] value = sum(RollupPlan.pieces(calendar, start, end, true), view, metric);
		if (Double.isNaN(value[0])) {
			return metric.aggregation() == Aggregation.SUM ? 0.0 : null;
		}
		return value[0];
	}

	/** A gauge's or rate's sums as of the start of hour {@code end}: the whole history less what came after. */
	private double[] asOf(MetricName metric, View view, long end) {
		Rollup lifetime = document(Rollup.LIFETIME, view.wholePart());
		Map<String, Double> all = lifetime == null ? null : view.whole(lifetime);
		double[] value = { get(all, metric.name()), get(all, metric.name() + Rollup.WEIGHT) };
		double[] after = sum(RollupPlan.pieces(calendar, end, horizon, true), view, metric);
		if (!Double.isNaN(after[0])) {
			value[0] -= after[0];
			value[1] -= after[1];
		}
		return value;
	}

	private static @Nullable Double finish(MetricName metric, double[] value) {
		if (metric.aggregation() == Aggregation.WEIGHTED_AVERAGE) {
			return value[1] <= 1e-9 ? null : value[0] / value[1];
		}
		return withoutRoundingNoise(Math.max(0, value[0]));
	}

	/**
	 * A sum of many differences in binary floating point drifts off the whole number it counts
	 * (322800.00000000023 followers): within a billionth of it, it is that whole number.
	 */
	static double withoutRoundingNoise(double value) {
		double whole = Math.rint(value);
		return Math.abs(value - whole) <= 1e-9 * Math.max(1, Math.abs(whole)) ? whole : value;
	}

	/** Sums (or the maximum) of a metric over pieces, with a rate's weight; NaN when no piece holds it. */
	private double[] sum(List<Piece> pieces, View view, MetricName metric) {
		prefetch(pieces, view);
		boolean max = !metric.aggregation().additive();
		String name = metric.name();
		String weight = name + Rollup.WEIGHT;
		double[] result = { Double.NaN, 0 };
		for (Piece piece : pieces) {
			Rollup rollup = documents.get(piece.period());
			if (rollup == null) {
				continue;
			}
			if (piece.whole()) {
				add(result, view.whole(rollup), name, weight, max);
				continue;
			}
			for (long hour = piece.fromHour(); hour < piece.toHour(); hour++) {
				add(result, view.hour(rollup, hour), name, weight, max);
			}
		}
		return result;
	}

	private static void add(double[] result, @Nullable Map<String, Double> values, String name, String weight, boolean max) {
		if (values == null || !values.containsKey(name)) {
			return;
		}
		double value = values.get(name);
		if (Double.isNaN(result[0])) {
			result[0] = value;
		}
		else {
			result[0] = max ? Math.max(result[0], value) : result[0] + value;
		}
		result[1] += get(values, weight);
	}

	private static double get(@Nullable Map<String, Double> values, String key) {
		if (values == null) {
			return 0;
		}
		Double value = values.get(key);
		return value == null ? 0 : value;
	}

	private List<Piece> piecesFor(MetricName metric, long start, long end) {
		List<Piece> pieces = new ArrayList<>(RollupPlan.pieces(calendar, start, end, true));
		if (metric.aggregation().asOfEnd()) {
			pieces.addAll(RollupPlan.pieces(calendar, end, horizon, true));
		}
		return pieces;
	}

	/** The periods of a series over the range, as hour intervals clipped to it. */
	private List<long[]> periods(Granularity granularity) {
		List<long[]> periods = new ArrayList<>();
		if (granularity == Granularity.HOUR) {
			if (to - from > MAX_POINTS) {
				throw new BadRequestException("A series has at most " + MAX_POINTS + " points: take a shorter range or wider points");
			}
			for (long hour = from; hour < to; hour++) {
				periods.add(new long[] { hour, hour + 1 });
			}
			return periods;
		}
		LocalDate start = startOfPeriod(calendar.dayOf(from), granularity);
		while (periods.size() <= MAX_POINTS) {
			LocalDate next = switch (granularity) {
				case WEEK -> start.plusWeeks(1);
				case MONTH -> start.plusMonths(1);
				default -> start.plusDays(1);
			};
			long a = Math.max(from, calendar.firstHour(start));
			long b = Math.min(to, calendar.firstHour(next));
			if (a >= to) {
				break;
			}
			periods.add(new long[] { a, b });
			start = next;
		}
		return periods;
	}

	private static LocalDate startOfPeriod(LocalDate day, Granularity granularity) {
		return switch (granularity) {
			case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> day.withDayOfMonth(1);
			default -> day;
		};
	}

	private @Nullable Rollup document(String period, String part) {
		read(Map.of(period, Set.of(part)));
		return documents.get(period);
	}

	/** Reads what the pieces need of their documents for this view and was not read yet. */
	private void prefetch(List<Piece> pieces, View view) {
		Map<String, Set<String>> wanted = new HashMap<>();
		for (Piece piece : pieces) {
			wanted.computeIfAbsent(piece.period(), period -> new HashSet<>(2))
				.add(piece.whole() ? view.wholePart() : view.hourPart());
		}
		read(wanted);
	}

	/**
	 * Reads the parts of the periods' documents not read yet, in one lookup (the union of the
	 * parts missing; a part read is kept for the rest of the request).
	 */
	private void read(Map<String, Set<String>> wanted) {
		List<String> ids = new ArrayList<>();
		Set<String> parts = new HashSet<>();
		wanted.forEach((period, needed) -> {
			Set<String> read = partsRead.computeIfAbsent(period, key -> new HashSet<>(4));
			boolean missing = false;
			for (String part : needed) {
				if (!read.contains(part)) {
					parts.add(part);
					missing = true;
				}
			}
			if (missing) {
				ids.add(scope.docId(tenantId, period));
			}
		});
		if (ids.isEmpty()) {
			return;
		}
		Map<String, Rollup> found = loader.apply(ids, parts);
		for (String id : ids) {
			String period = Scope.periodOf(id);
			partsRead.get(period).addAll(parts);
			Rollup rollup = found.get(id);
			Rollup known = documents.get(period);
			documents.put(period, known == null ? rollup : rollup == null ? known : rollup.with(known));
		}
	}

}
