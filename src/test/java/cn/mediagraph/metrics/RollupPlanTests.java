package cn.mediagraph.metrics;

import java.time.LocalDate;
import java.util.List;

import cn.mediagraph.metrics.RollupPlan.Signed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fewest day and month documents for whole days of figures that add up. */
class RollupPlanTests {

	@Test
	void aMonthMostlyCoveredIsReadWholeWithItsOtherDaysTakenAway() {
		assertThat(RollupPlan.signedDays(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-30")))
			.containsExactly(new Signed("M202607", 1), new Signed("D20260731", -1));
		assertThat(RollupPlan.signedDays(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-07-31")))
			.containsExactly(new Signed("M202607", 1));
		assertThat(RollupPlan.signedDays(LocalDate.parse("2026-07-10"), LocalDate.parse("2026-07-12")))
			.containsExactly(new Signed("D20260710", 1), new Signed("D20260711", 1), new Signed("D20260712", 1));
		List<Signed> across = RollupPlan.signedDays(LocalDate.parse("2026-06-28"), LocalDate.parse("2026-08-29"));
		assertThat(across).containsExactly(new Signed("D20260628", 1), new Signed("D20260629", 1),
				new Signed("D20260630", 1), new Signed("M202607", 1), new Signed("M202608", 1),
				new Signed("D20260830", -1), new Signed("D20260831", -1));
		// half a month: its days, not the month less as many
		assertThat(RollupPlan.signedDays(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-14"))).hasSize(14);
	}

}
