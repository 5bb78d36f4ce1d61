package cn.mediagraph.metrics;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import cn.mediagraph.metrics.Observations.Effect;
import cn.mediagraph.metrics.Observations.Outcome;
import cn.mediagraph.metrics.RollupPlan.Piece;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure core of ingestion and of the rollup plan, without a store. */
class ObservationsTests {

	private static final long HOUR = 3_600_000L;

	/**
	 * Whatever the order and however often samples come, the hours' figures are "the latest
	 * snapshot up to the end of the hour minus the latest before it", and the state, written and
	 * read back between batches, leads to the same figures.
	 */
	@RepeatedTest(50)
	void cumulativeSnapshotsInAnyOrderGiveTheSameHourlyFigures() {
		Random random = new Random();
		List<long[]> samples = snapshots(random, 40, 48);
		Map<Long, Double> expected = expected(samples);
		List<long[]> shuffled = resentAndShuffled(samples, 10, random);

		Map<Long, Double> figures = new TreeMap<>();
		Observations observations = Observations.empty(MetricName.VIEWS);
		int duplicates = 0;
		for (int i = 0; i < shuffled.size(); i++) {
			if (i % 7 == 0) {
				observations = new Observations(MetricName.VIEWS, observations.toSeries());
			}
			List<Effect> effects = new ArrayList<>();
			long[] sample = shuffled.get(i);
			if (observations.snapshot(sample[0], sample[1], 1, effects) == Outcome.DUPLICATE) {
				duplicates++;
			}
			effects.forEach(effect -> figures.merge(effect.hour(), effect.value(), Double::sum));
		}
		figures.values().removeIf(v -> v == 0);
		assertThat(figures).isEqualTo(expected);
		assertThat(duplicates).as("re-sent latest snapshots of their hour").isPositive();
		List<Effect> again = new ArrayList<>();
		for (long[] sample : samples) {
			observations.snapshot(sample[0], sample[1], 1, again);
		}
		assertThat(again).as("a whole re-sent export changes nothing").isEmpty();

		Map<Long, Double> replayed = new TreeMap<>();
		observations.contribution().forEach(effect -> replayed.merge(effect.hour(), effect.value(), Double::sum));
		replayed.values().removeIf(v -> v == 0);
		assertThat(replayed).isEqualTo(expected);
	}

	/**
	 * With days closed (only the latest sample's local day and the day before kept hour by hour),
	 * samples over ten days in any order, re-sent or not, give every local day the figure the
	 * oracle gives it; in order they give every hour its figure; and the state stays small.
	 */
	@RepeatedTest(50)
	void closedDaysKeepEveryDaysFigureWhateverTheOrder() {
		LocalCalendar shanghai = new LocalCalendar(ZoneId.of("Asia/Shanghai"));
		Random random = new Random();
		List<long[]> samples = snapshots(random, 120, 240);
		Map<Long, Double> expected = expected(samples);
		List<long[]> shuffled = resentAndShuffled(samples, 30, random);
		assertThat(byDay(shanghai, ingest(shanghai, shuffled, 9))).isEqualTo(byDay(shanghai, expected));

		List<long[]> sorted = new ArrayList<>(samples);
		sorted.sort(java.util.Comparator.comparingLong((long[] sample) -> sample[0]).thenComparingLong(sample -> sample[1]));
		Observations inOrder = Observations.empty(MetricName.VIEWS, shanghai);
		Map<Long, Double> hourly = new TreeMap<>();
		for (int i = 0; i < sorted.size(); i++) {
			if (i % 5 == 0) {
				inOrder = new Observations(MetricName.VIEWS, inOrder.toSeries(), shanghai);
			}
			List<Effect> effects = new ArrayList<>();
			inOrder.snapshot(sorted.get(i)[0], sorted.get(i)[1], 1, effects);
			effects.forEach(effect -> hourly.merge(effect.hour(), effect.value(), Double::sum));
		}
		hourly.values().removeIf(v -> v == 0);
		assertThat(hourly).isEqualTo(expected);
		MetricState.Series series = inOrder.toSeries();
		assertThat(series.snapshots()).as("only the open days' hours").hasSizeLessThanOrEqualTo(48);
		Map<Long, Double> rebuilt = new TreeMap<>();
		new Observations(MetricName.VIEWS, series, shanghai).contribution()
			.forEach(effect -> rebuilt.merge(effect.hour(), effect.value(), Double::sum));
		assertThat(byDay(shanghai, rebuilt)).as("rebuilt from the closed state").isEqualTo(byDay(shanghai, expected));
	}

	@Test
	void aDeltaInAClosedDayIsRefusedAndAPeakInOneComparedWithItsDay() {
		LocalCalendar shanghai = new LocalCalendar(ZoneId.of("Asia/Shanghai"));
		Observations deltas = Observations.empty(MetricName.AIRINGS, shanghai);
		List<Effect> effects = new ArrayList<>();
		deltas.delta(HOUR, 5, effects);
		deltas.delta(100 * HOUR, 5, effects);
		deltas = new Observations(MetricName.AIRINGS, deltas.toSeries(), shanghai);
		assertThat(deltas.delta(HOUR, 5, effects)).isEqualTo(Outcome.TOO_LATE);
		assertThat(deltas.delta(99 * HOUR, 5, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(deltas.contribution()).extracting(Effect::value).containsExactlyInAnyOrder(5.0, 5.0, 5.0);

		Observations peaks = Observations.empty(MetricName.PEAK_CONCURRENT_VIEWERS, shanghai);
		effects.clear();
		peaks.peak(HOUR, 800, effects);
		peaks.peak(100 * HOUR, 10, effects);
		peaks = new Observations(MetricName.PEAK_CONCURRENT_VIEWERS, peaks.toSeries(), shanghai);
		assertThat(peaks.peak(2 * HOUR, 800, effects)).isEqualTo(Outcome.DUPLICATE);
		assertThat(peaks.peak(3 * HOUR, 700, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(peaks.peak(3 * HOUR, 900, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(effects).extracting(Effect::value).containsExactly(800.0, 10.0, 900.0);
	}

	private static Map<Long, Double> ingest(LocalCalendar calendar, List<long[]> samples, int every) {
		Map<Long, Double> figures = new TreeMap<>();
		Observations observations = Observations.empty(MetricName.VIEWS, calendar);
		for (int i = 0; i < samples.size(); i++) {
			if (i % every == 0) {
				observations = new Observations(MetricName.VIEWS, observations.toSeries(), calendar);
			}
			List<Effect> effects = new ArrayList<>();
			observations.snapshot(samples.get(i)[0], samples.get(i)[1], 1, effects);
			effects.forEach(effect -> figures.merge(effect.hour(), effect.value(), Double::sum));
		}
		return figures;
	}

	private static Map<LocalDate, Double> byDay(LocalCalendar calendar, Map<Long, Double> hours) {
		Map<LocalDate, Double> days = new TreeMap<>();
		hours.forEach((hour, value) -> days.merge(calendar.dayOf(hour), value, Double::sum));
		days.values().removeIf(v -> Math.abs(v) < 1e-9);
		return days;
	}

	/** {@code count} cumulative snapshots (time, value) in the first {@code hours} hours, mostly rising, some corrected down. */
	private static List<long[]> snapshots(Random random, int count, int hours) {
		List<long[]> samples = new ArrayList<>();
		long value = 0;
		for (int i = 0; i < count; i++) {
			value += random.nextInt(100) - (random.nextInt(10) == 0 ? 150 : 0);
			samples.add(new long[] { random.nextInt(hours) * HOUR + random.nextInt(3600) * 1000L, Math.max(0, value) });
		}
		return samples;
	}

	/** The samples with the first {@code resent} of them again, in random order. */
	private static List<long[]> resentAndShuffled(List<long[]> samples, int resent, Random random) {
		List<long[]> shuffled = new ArrayList<>(samples);
		shuffled.addAll(samples.subList(0, resent));
		Collections.shuffle(shuffled, random);
		return shuffled;
	}

	/** The oracle: per hour the latest snapshot (ties: the higher value), minus the one before. */
	private static Map<Long, Double> expected(List<long[]> samples) {
		TreeMap<Long, long[]> latest = new TreeMap<>();
		for (long[] sample : samples) {
			long hour = sample[0] / HOUR;
			long[] seen = latest.get(hour);
			if (seen == null || sample[0] > seen[0] || sample[0] == seen[0] && sample[1] > seen[1]) {
				latest.put(hour, sample);
			}
		}
		Map<Long, Double> figures = new TreeMap<>();
		double previous = 0;
		for (Map.Entry<Long, long[]> entry : latest.entrySet()) {
			double delta = entry.getValue()[1] - previous;
			if (delta != 0) {
				figures.put(entry.getKey(), delta);
			}
			previous = entry.getValue()[1];
		}
		return figures;
	}

	@Test
	void deltasCountOnceAndPeaksOnlyRise() {
		Observations deltas = Observations.empty(MetricName.AIRINGS);
		List<Effect> effects = new ArrayList<>();
		assertThat(deltas.delta(HOUR, 5, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(deltas.delta(HOUR, 5, effects)).isEqualTo(Outcome.DUPLICATE);
		assertThat(deltas.delta(HOUR, 6, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(effects).extracting(Effect::value).containsExactly(5.0, 6.0);

		Observations peaks = Observations.empty(MetricName.PEAK_CONCURRENT_VIEWERS);
		effects.clear();
		peaks.peak(HOUR, 800, effects);
		assertThat(peaks.peak(HOUR + 1000, 500, effects)).isEqualTo(Outcome.ACCEPTED);
		assertThat(peaks.peak(HOUR + 2000, 800, effects)).isEqualTo(Outcome.DUPLICATE);
		assertThat(effects).extracting(Effect::value).containsExactly(800.0);
		assertThat(effects).allMatch(Effect::peak);
	}

	@Test
	void rawSamplesAreKeptWholeInTheirCompressedRecord() {
		List<MetricBatch.RawSample> samples = List.of(
				new MetricBatch.RawSample(7, "c1", "p1", null, "VIEWS", 1234.5, null, java.time.Instant.parse("2026-08-10T02:00:00Z"),
						SampleMode.CUMULATIVE, SampleSource.EXPORT),
				new MetricBatch.RawSample(8, "c1", null, "spot, \"七夕\"", "COMPLETION_RATE", 0.5, 200.0,
						java.time.Instant.parse("2026-08-10T02:30:00Z"), SampleMode.CUMULATIVE, SampleSource.API));
		assertThat(MetricBatch.decode(MetricBatch.encode(samples))).isEqualTo(samples);
	}

	@Test
	void ratesCarryValueTimesWeightAndTheWeight() {
		Observations rate = Observations.empty(MetricName.COMPLETION_RATE);
		List<Effect> effects = new ArrayList<>();
		rate.snapshot(HOUR, 0.5, 100, effects);
		rate.snapshot(2 * HOUR, 0.4, 200, effects);
		assertThat(effects).extracting(Effect::value).containsExactly(50.0, 30.0);
		assertThat(effects).extracting(Effect::weight).containsExactly(100.0, 100.0);
	}

	@Test
	void localDaysOfShanghaiStartAtSixteenUtc() {
		LocalCalendar shanghai = new LocalCalendar(ZoneId.of("Asia/Shanghai"));
		long lastHourOfTheTenth = LocalCalendar.hourOf(java.time.Instant.parse("2026-08-10T15:30:00Z"));
		assertThat(shanghai.dayOf(lastHourOfTheTenth)).isEqualTo(LocalDate.of(2026, 8, 10));
		assertThat(shanghai.dayOf(lastHourOfTheTenth + 1)).isEqualTo(LocalDate.of(2026, 8, 11));
		assertThat(shanghai.endHour(LocalDate.of(2026, 8, 10)) - shanghai.firstHour(LocalDate.of(2026, 8, 10))).isEqualTo(24);
		LocalCalendar berlin = new LocalCalendar(ZoneId.of("Europe/Berlin"));
		assertThat(berlin.endHour(LocalDate.of(2026, 3, 29)) - berlin.firstHour(LocalDate.of(2026, 3, 29))).isEqualTo(23);
	}

	@Test
	void aRangeIsReadFromWholeMonthsWholeDaysAndTheHoursAtItsEdges() {
		LocalCalendar shanghai = new LocalCalendar(ZoneId.of("Asia/Shanghai"));
		long from = shanghai.firstHour(LocalDate.of(2026, 7, 31)) + 20;
		long to = shanghai.firstHour(LocalDate.of(2026, 9, 2)) + 3;
		List<Piece> pieces = RollupPlan.pieces(shanghai, from, to, true);
		assertThat(pieces).extracting(Piece::period).containsExactly("D20260731", "M202608", "D20260901", "D20260902");
		assertThat(pieces.get(0).toHour() - pieces.get(0).fromHour()).isEqualTo(4);
		assertThat(pieces.get(2).whole()).isTrue();
		assertThat(pieces.get(3).toHour() - pieces.get(3).fromHour()).isEqualTo(3);
		assertThat(RollupPlan.pieces(shanghai, from, to, false)).hasSize(34);
	}

}
