package cn.mediagraph.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures summed from many differences (gauges are kept as hourly changes) are whole numbers
 * when they count whole things, without binary floating point's drift; real fractions stay.
 */
class ReachFigureTests {

	@Test
	void aGaugeSummedFromDifferencesIsTheWholeNumberItCounts() {
		double drifted = 0;
		for (int i = 0; i < 1_000; i++) {
			drifted += 322.8;
		}
		assertThat(drifted).as("the drift this guards against").isNotEqualTo(322800.0);
		assertThat(Reach.figure(MetricName.FOLLOWERS, new double[] { drifted, 0 })).isEqualTo(322800.0);
		assertThat(Reach.figure(MetricName.FOLLOWERS, new double[] { 322800.00000000023, 0 })).isEqualTo(322800.0);
	}

	@Test
	void fractionsAndRatesStay() {
		assertThat(Reach.withoutRoundingNoise(0.5)).isEqualTo(0.5);
		assertThat(Reach.withoutRoundingNoise(1234.25)).isEqualTo(1234.25);
		assertThat(Reach.figure(MetricName.COMPLETION_RATE, new double[] { 1, 3 })).isEqualTo(1.0 / 3);
	}

}
