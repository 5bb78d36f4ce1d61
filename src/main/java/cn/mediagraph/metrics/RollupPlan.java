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

	/** A whole period's document, added ({@code sign} 1) or taken away (-1). */
	record Signed(String period, int sign) {
	}

	/**
	 * The whole local days {@code [first, last]} as the fewest day and month documents, for
	 * figures that add up: a month mostly covered is read whole and the days it has outside the
	 * range are taken away (a range of 30 days in a month of 31 is two documents, not 30).
	 */
	static List<Signed> signedDays(LocalDate first, LocalDate last) {
		List<Signed> signed = new ArrayList<>();
		for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(last)); month = month.plusMonths(1)) {
			LocalDate from = first.isAfter(month.atDay(1)) ? first : month.atDay(1);
			LocalDate to = last.isBefore(month.atEndOfMonth()) ? last : month.atEndOfMonth();
			int covered = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
			int outside = month.lengthOfMonth() - covered;
			if (outside == 0 || outside + 1 < covered) {
				signed.add(new Signed(LocalCalendar.monthKey(month), 1));
				for (LocalDate day = month.atDay(1); day.isBefore(from); day = day.plusDays(1)) {
					signed.add(new Signed(LocalCalendar.dayKey(day), -1));
				}
				for (LocalDate day = to.plusDays(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
					signed.add(new Signed(LocalCalendar.dayKey(day), -1));
				}
			}
			else {
				for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
					signed.add(new Signed(LocalCalendar.dayKey(day), 1));
				}
			}
		}
		return signed;
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
