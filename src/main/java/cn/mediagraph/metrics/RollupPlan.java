package cn.mediagraph.metrics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which rollup documents answer a range of hours, and how: whole local months from month
 * documents, whole local days from day documents, the hours of a partly covered day from its
 * day document's hours. A year is about 12 reads, a day 1, whatever the samples behind them.
 */
final class RollupPlan {

	/**
	 * Part of a range: a whole period's document, or some hours {@code [fromHour, toHour)} of a
	 * day document.
	 */
	record Piece(String period, @Nullable Long fromHour, @Nullable Long toHour) {

		boolean whole() {
			return fromHour == null;
		}

	}

	private RollupPlan() {
	}

	/** The pieces of the hours {@code [from, to)}; with {@code months} false, whole days are the largest piece. */
	static List<Piece> pieces(LocalCalendar calendar, long from, long to, boolean months) {
		List<Piece> pieces = new ArrayList<>();
		if (from >= to) {
			return pieces;
		}
		LocalDate day = calendar.dayOf(from);
		while (true) {
			long dayStart = calendar.firstHour(day);
			long dayEnd = calendar.endHour(day);
			if (dayStart >= to) {
				return pieces;
			}
			if (dayStart >= from && dayEnd <= to) {
				LocalDate nextMonth = day.plusMonths(1).withDayOfMonth(1);
				if (months && day.getDayOfMonth() == 1 && calendar.firstHour(nextMonth) <= to) {
					pieces.add(new Piece(LocalCalendar.monthKey(YearMonth.from(day)), null, null));
					day = nextMonth;
					continue;
				}
				pieces.add(new Piece(LocalCalendar.dayKey(day), null, null));
			}
			else {
				pieces.add(new Piece(LocalCalendar.dayKey(day), Math.max(dayStart, from), Math.min(dayEnd, to)));
			}
			day = day.plusDays(1);
		}
	}

}
