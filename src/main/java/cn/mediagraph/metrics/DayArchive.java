package cn.mediagraph.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.Observations.Archived;
import cn.mediagraph.metrics.Observations.ArchiveNeeded;
import cn.mediagraph.platform.mongo.TenantOwned;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A state's older closed days, kept apart from it in segments of {@value #SEGMENT_DAYS} days, so
 * that a state stays small however long its content is reported. Kept in the state, per metric:
 * the open days and the closed days of the segment of its first open day and of the one before
 * (one to two weeks); older ones are moved out as a segment completes.
 * <p>
 * A segment's document is never changed: a late sample that changes an archived day writes
 * the segment again under a new token, and the state names the token of each of its segments.
 * The documents are written before the state that names them (conditionally on its revision,
 * as every state write), and those it no longer names are deleted after it: a writer that loses
 * the race, or dies in between, leaves only documents no state names, never a state naming
 * one that is missing. A reader that finds one missing read a state that has changed since,
 * and reads again.
 * <p>
 * Before, every closed day stayed in the state: a content reported hourly for three months
 * carried about 30 KB of closed days that every batch of its samples read and wrote again.
 */
final class DayArchive {

	static final int SEGMENT_DAYS = 7;

	/** The length of a segment in hours; a local day belongs to the segment of its first hour. */
	static final long SEGMENT_HOURS = SEGMENT_DAYS * 24L;

	private DayArchive() {
	}

	static long segmentOf(long dayStart) {
		return Math.floorDiv(dayStart, SEGMENT_HOURS);
	}

	/**
	 * One segment of one state's archived closed days.
	 *
	 * @param id {@code <state id>|<segment>|<token>}
	 * @param days the days of each metric (by name) in the segment, packed ({@link PackedDays})
	 */
	@Document(Segment.COLLECTION)
	record Segment(@Id String id, String tenantId, Map<String, byte[]> days) implements TenantOwned {

		static final String COLLECTION = "metric_archived_days";

		static String id(String stateId, long segment, String token) {
			return stateId + "|" + segment + "|" + token;
		}

	}

	/** The ids of the segment documents a state names. */
	static List<String> idsOf(MetricState state) {
		List<String> ids = new ArrayList<>();
		segmentsOf(state).forEach((segment, token) -> ids.add(Segment.id(state.id(), segment, token)));
		return ids;
	}

	/** A state's segments and their tokens. */
	static Map<Long, String> segmentsOf(@Nullable MetricState state) {
		Map<Long, String> segments = new TreeMap<>();
		if (state != null && state.archive() != null) {
			state.archive().forEach((segment, token) -> segments.put(Long.parseLong(segment), token));
		}
		return segments;
	}

	/**
	 * A state's archived days, read: by segment, then metric. Null when a document the state
	 * names is missing (the state changed since it was read).
	 */
	static @Nullable Map<Long, Map<String, PackedDays>> read(MetricState state, Map<String, Segment> documents) {
		Map<Long, Map<String, PackedDays>> read = new HashMap<>();
		for (Map.Entry<Long, String> entry : segmentsOf(state).entrySet()) {
			Segment document = documents.get(Segment.id(state.id(), entry.getKey(), entry.getValue()));
			if (document == null) {
				return null;
			}
			Map<String, PackedDays> metrics = new HashMap<>();
			document.days().forEach((metric, packed) -> metrics.put(metric, new PackedDays(packed)));
			read.put(entry.getKey(), metrics);
		}
		return read;
	}

	/** One metric's view of a state's archive: the segments, and the metric's days if they were read. */
	static Archived view(@Nullable MetricState state, @Nullable Map<Long, Map<String, PackedDays>> read, String metric) {
		Map<Long, String> segments = segmentsOf(state);
		if (segments.isEmpty()) {
			return Archived.NONE;
		}
		if (read == null) {
			return new Archived(segments.keySet(), null);
		}
		Map<Long, PackedDays> days = new HashMap<>();
		read.forEach((segment, metrics) -> {
			PackedDays packed = metrics.get(metric);
			if (packed != null) {
				days.put(segment, packed);
			}
		});
		return new Archived(segments.keySet(), days);
	}

	/** Whether a day lies in a segment before {@code segment} (packed days are in order: the first one tells). */
	private static boolean reachesBefore(List<Day> days, long segment) {
		if (days instanceof PackedDays) {
			return segmentOf(days.get(0).start()) < segment;
		}
		return days.stream().anyMatch(day -> segmentOf(day.start()) < segment);
	}

	/**
	 * What a state write moves out: the series with the days of complete segments removed, the
	 * state's segment tokens after it, the segment documents to write first and those to delete
	 * after.
	 */
	record Move(Map<String, Series> series, Map<String, String> archive, List<Segment> writes, List<String> drops) {
	}

	/**
	 * Moves each metric's closed days of segments before the one preceding its first open day's
	 * out of {@code series}, with those of the same segments archived before (which must have
	 * been read: {@link ArchiveNeeded} otherwise). Null when there is nothing to move.
	 */
	static @Nullable Move move(String stateId, String tenantId, @Nullable MetricState state, Map<String, Series> series,
			@Nullable Map<Long, Map<String, PackedDays>> read) {
		// segment -> metric -> days moved out
		Map<Long, Map<String, TreeMap<Long, Day>>> moved = new TreeMap<>();
		Map<String, Series> after = new LinkedHashMap<>(series);
		series.forEach((metric, one) -> {
			List<Day> days = one.days();
			if (one.openFrom() == null || days == null || days.isEmpty()) {
				return;
			}
			// by each metric's own open days: one reported late moves its days once a segment, not a day at a time
			long keepFrom = segmentOf(one.openFrom()) - 1;
			if (!reachesBefore(days, keepFrom)) {
				return;
			}
			List<Day> kept = new ArrayList<>();
			for (Day day : days) {
				long segment = segmentOf(day.start());
				if (segment >= keepFrom) {
					kept.add(day);
				}
				else {
					moved.computeIfAbsent(segment, key -> new HashMap<>()).computeIfAbsent(metric, key -> new TreeMap<>())
						.put(day.start(), day);
				}
			}
			after.put(metric, new Series(one.snapshots(), one.deltas(), one.peaks(), one.openFrom(),
					kept.isEmpty() ? null : PackedDays.of(kept)));
		});
		if (moved.isEmpty()) {
			return null;
		}
		Map<Long, String> tokens = segmentsOf(state);
		Map<String, String> archive = new TreeMap<>();
		tokens.forEach((segment, token) -> archive.put(Long.toString(segment), token));
		List<Segment> writes = new ArrayList<>();
		List<String> drops = new ArrayList<>();
		String token = new ObjectId().toHexString();
		moved.forEach((segment, metrics) -> {
			Map<String, PackedDays> before = Map.of();
			String previous = tokens.get(segment);
			if (previous != null) {
				if (read == null) {
					throw new ArchiveNeeded();
				}
				before = read.getOrDefault(segment, Map.of());
				drops.add(Segment.id(stateId, segment, previous));
			}
			Map<String, byte[]> days = new TreeMap<>();
			before.forEach((metric, packed) -> days.put(metric, packed.bytes()));
			for (Map.Entry<String, TreeMap<Long, Day>> entry : metrics.entrySet()) {
				PackedDays archived = before.getOrDefault(entry.getKey(), PackedDays.of(List.of()));
				days.put(entry.getKey(), archived.with(entry.getValue()).bytes());
			}
			writes.add(new Segment(Segment.id(stateId, segment, token), tenantId, days));
			archive.put(Long.toString(segment), token);
		});
		return new Move(after, archive, writes, drops);
	}

}
