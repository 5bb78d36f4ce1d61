package cn.mediagraph.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Hours and local days of one media center. Samples fall into UTC hours (an hour is its start,
 * in hours since 1970); an hour belongs to the local day in which it starts, so a county's day
 * is its own (Asia/Shanghai: 16:00 UTC is the next day's first hour), whatever the server's zone.
 */
record LocalCalendar(ZoneId zone) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

	static long hourOf(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), 3600);
	}

	/** The first hour starting at or after the instant. */
	static long hourAtOrAfter(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond() + 3599, 3600);
	}

	static Instant startOfHour(long hour) {
		return Instant.ofEpochSecond(hour * 3600);
	}

	LocalDate dayOf(long hour) {
		return startOfHour(hour).atZone(zone).toLocalDate();
	}

	/** The hours of a local day: [first, end). 23 or 25 where clocks change. */
	long firstHour(LocalDate day) {
		return hourAtOrAfter(day.atStartOfDay(zone).toInstant());
	}

	long endHour(LocalDate day) {
		return firstHour(day.plusDays(1));
	}

	Instant startOf(LocalDate day) {
		return startOfHour(firstHour(day));
	}

	static String dayKey(LocalDate day) {
		return "D" + DAY.format(day);
	}

	static String monthKey(YearMonth month) {
		return "M" + MONTH.format(month);
	}

}
