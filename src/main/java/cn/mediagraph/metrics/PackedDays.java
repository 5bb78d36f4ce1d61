package cn.mediagraph.metrics;

import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.SortedMap;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Peak;
import cn.mediagraph.metrics.MetricState.Snapshot;
import org.jspecify.annotations.Nullable;

/**
 * A state's closed days as stored: fixed-width records in the order of their start, read one
 * at a time. A content reported for months has hundreds of closed days per metric, and a batch
 * of ingestion reads and writes a thousand states: decoded whole, their days were most of what
 * a long run kept alive. Found by binary search, and written back as the bytes they were read
 * as, with only the days that changed encoded again.
 */
final class PackedDays extends AbstractList<Day> implements RandomAccess {

	/** start, flags, deltas, first, last (hour, at, value, weight), peak (hour, value) */
	static final int RECORD = 8 + 1 + 8 + 8 + 8 * 4 + 8 * 2;

	private static final int HAS_FIRST = 1;

	private static final int HAS_LAST = 2;

	private static final int HAS_PEAK = 4;

	private final byte[] bytes;

	PackedDays(byte[] bytes) {
		if (bytes.length % RECORD != 0) {
			throw new IllegalArgumentException("Not a list of closed days: " + bytes.length + " bytes");
		}
		this.bytes = bytes;
	}

	/** These days packed, in the order of their start. */
	static PackedDays of(Collection<Day> days) {
		if (days instanceof PackedDays packed) {
			return packed;
		}
		List<Day> sorted = new ArrayList<>(days);
		sorted.sort(Comparator.comparingLong(Day::start));
		ByteBuffer buffer = ByteBuffer.allocate(sorted.size() * RECORD);
		sorted.forEach(day -> put(buffer, day));
		return new PackedDays(buffer.array());
	}

	/** The bytes to store. */
	byte[] bytes() {
		return bytes;
	}

	@Override
	public int size() {
		return bytes.length / RECORD;
	}

	@Override
	public Day get(int index) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes, index * RECORD, RECORD);
		long start = buffer.getLong();
		int flags = buffer.get();
		double deltas = buffer.getDouble();
		long first = buffer.getLong();
		Snapshot last = new Snapshot(buffer.getLong(), buffer.getLong(), buffer.getDouble(), buffer.getDouble());
		Peak peak = new Peak(buffer.getLong(), buffer.getDouble());
		return new Day(start, (flags & HAS_FIRST) != 0 ? first : null, (flags & HAS_LAST) != 0 ? last : null, deltas,
				(flags & HAS_PEAK) != 0 ? peak : null);
	}

	private long startAt(int index) {
		return ByteBuffer.wrap(bytes).getLong(index * RECORD);
	}

	/** The day starting at {@code start}, or null. */
	@Nullable Day find(long start) {
		int low = 0;
		int high = size() - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			long at = startAt(middle);
			if (at < start) {
				low = middle + 1;
			}
			else if (at > start) {
				high = middle - 1;
			}
			else {
				return get(middle);
			}
		}
		return null;
	}

	/** These days with {@code changes} (by start) in place of or beside them: only the changes are encoded. */
	PackedDays with(SortedMap<Long, Day> changes) {
		if (changes.isEmpty()) {
			return this;
		}
		ByteBuffer merged = ByteBuffer.allocate(bytes.length + changes.size() * RECORD);
		int index = 0;
		int size = size();
		for (Map.Entry<Long, Day> change : changes.entrySet()) {
			while (index < size && startAt(index) < change.getKey()) {
				merged.put(bytes, index * RECORD, RECORD);
				index++;
			}
			if (index < size && startAt(index) == change.getKey()) {
				index++;
			}
			put(merged, change.getValue());
		}
		merged.put(bytes, index * RECORD, (size - index) * RECORD);
		byte[] packed = new byte[merged.position()];
		System.arraycopy(merged.array(), 0, packed, 0, packed.length);
		return new PackedDays(packed);
	}

	private static void put(ByteBuffer buffer, Day day) {
		buffer.putLong(day.start());
		buffer.put((byte) ((day.first() != null ? HAS_FIRST : 0) | (day.last() != null ? HAS_LAST : 0)
				| (day.peak() != null ? HAS_PEAK : 0)));
		buffer.putDouble(day.deltas());
		buffer.putLong(day.first() != null ? day.first() : 0);
		Snapshot last = day.last();
		buffer.putLong(last != null ? last.hour() : 0).putLong(last != null ? last.at() : 0)
			.putDouble(last != null ? last.value() : 0).putDouble(last != null ? last.weight() : 0);
		Peak peak = day.peak();
		buffer.putLong(peak != null ? peak.hour() : 0).putDouble(peak != null ? peak.value() : 0);
	}

}
