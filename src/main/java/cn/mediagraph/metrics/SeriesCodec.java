package cn.mediagraph.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Delta;
import cn.mediagraph.metrics.MetricState.Peak;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.MetricState.Snapshot;
import cn.mediagraph.platform.mongo.StoreConversions;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.stereotype.Component;

/**
 * How a state's {@link Series} is stored: each list as one binary value of fixed-width records
 * (big-endian), under the field names the mapper used before, except the closed days, which
 * are {@link PackedDays} under {@code closed}.
 * <p>
 * The mapper's form was a sub-document per snapshot, delta, peak and day: some 200 of them in
 * a state with two open days of hourly snapshots of four metrics. A batch of ingestion reads and
 * rewrites a thousand states, and every one of those sub-documents became a map on each side of
 * the connection and in the embedded store's page cache: a profile of ingestion spent half its
 * time collecting garbage, with 300 MB of a 512 MB heap live. Packed, a state is a handful of
 * byte arrays, and half the size on disk.
 * <p>
 * States written before are read as they are (a list where a binary value is now) and take
 * the packed form at their next write.
 */
@Component
class SeriesCodec implements StoreConversions {

	/** hour, at, value, weight */
	private static final int SNAPSHOT = 8 * 4;

	/** at, value */
	private static final int DELTA = 8 * 2;

	/** hour, value */
	private static final int PEAK = 8 * 2;

	private static final int DAY_HAS_FIRST = 1;

	private static final int DAY_HAS_LAST = 2;

	private static final int DAY_HAS_PEAK = 4;

	@Override
	public List<?> converters() {
		return List.of(new Writer(), new Reader());
	}

	/** A series as stored. */
	static Document document(Series series) {
		return new Writer().convert(series);
	}

	@WritingConverter
	static final class Writer implements Converter<Series, Document> {

		@Override
		public Document convert(Series series) {
			Document document = new Document();
			document.put("snapshots", new Binary(snapshots(series.snapshots())));
			document.put("deltas", new Binary(deltas(series.deltas())));
			document.put("peaks", new Binary(peaks(series.peaks())));
			if (series.openFrom() != null) {
				document.put("openFrom", series.openFrom());
			}
			if (series.days() != null) {
				document.put("closed", new Binary(PackedDays.of(series.days()).bytes()));
			}
			return document;
		}

	}

	@ReadingConverter
	static final class Reader implements Converter<Document, Series> {

		@Override
		public Series convert(Document document) {
			Object openFrom = document.get("openFrom");
			Object closed = document.get("closed");
			Object days = document.get("days");
			return new Series(SeriesCodec.<Snapshot>list(document.get("snapshots"), SeriesCodec::snapshot, SeriesCodec::snapshot),
					SeriesCodec.<Delta>list(document.get("deltas"), buffer -> new Delta(buffer.getLong(), buffer.getDouble()),
							SeriesCodec::delta),
					SeriesCodec.<Peak>list(document.get("peaks"), SeriesCodec::peak, SeriesCodec::peak),
					openFrom instanceof Number number ? number.longValue() : null,
					closed instanceof Binary packed ? new PackedDays(packed.getData())
							: days == null ? null : SeriesCodec.<Day>list(days, SeriesCodec::firstPackedDay, SeriesCodec::day));
		}

	}

	/** A packed list (each record read by {@code read}), or one of sub-documents as the mapper wrote it before. */
	private static <T> List<T> list(@Nullable Object stored, Function<ByteBuffer, T> read, Function<Document, T> mapped) {
		if (stored instanceof Binary binary) {
			return unpack(ByteBuffer.wrap(binary.getData()), read);
		}
		if (stored instanceof List<?> items) {
			List<T> list = new ArrayList<>(items.size());
			items.forEach(item -> list.add(mapped.apply((Document) item)));
			return List.copyOf(list);
		}
		return List.of();
	}

	static byte[] snapshots(List<Snapshot> snapshots) {
		return pack(snapshots, SNAPSHOT, SeriesCodec::put);
	}

	static byte[] deltas(List<Delta> deltas) {
		return pack(deltas, DELTA, (buffer, delta) -> buffer.putLong(delta.at()).putDouble(delta.value()));
	}

	static byte[] peaks(List<Peak> peaks) {
		return pack(peaks, PEAK, SeriesCodec::put);
	}

	private static <T> byte[] pack(List<T> items, int width, BiConsumer<ByteBuffer, T> put) {
		ByteBuffer buffer = ByteBuffer.allocate(items.size() * width);
		items.forEach(item -> put.accept(buffer, item));
		return buffer.array();
	}

	/** The records of a packed list, each read by {@code read}. */
	private static <T> List<T> unpack(ByteBuffer buffer, Function<ByteBuffer, T> read) {
		List<T> list = new ArrayList<>();
		while (buffer.hasRemaining()) {
			list.add(read.apply(buffer));
		}
		return List.copyOf(list);
	}

	/**
	 * Closed days in the variable-width form of the first packed version (under {@code days}:
	 * a start, a byte of flags, the sum of deltas, then what the flags say is there), read as
	 * they are; they are written as {@link PackedDays} (under {@code closed}) since.
	 */
	private static Day firstPackedDay(ByteBuffer buffer) {
		long start = buffer.getLong();
		int flags = buffer.get();
		double deltas = buffer.getDouble();
		Long first = (flags & DAY_HAS_FIRST) != 0 ? buffer.getLong() : null;
		Snapshot last = (flags & DAY_HAS_LAST) != 0 ? snapshot(buffer) : null;
		Peak peak = (flags & DAY_HAS_PEAK) != 0 ? peak(buffer) : null;
		return new Day(start, first, last, deltas, peak);
	}

	private static void put(ByteBuffer buffer, Snapshot snapshot) {
		buffer.putLong(snapshot.hour()).putLong(snapshot.at()).putDouble(snapshot.value()).putDouble(snapshot.weight());
	}

	private static Snapshot snapshot(ByteBuffer buffer) {
		return new Snapshot(buffer.getLong(), buffer.getLong(), buffer.getDouble(), buffer.getDouble());
	}

	private static void put(ByteBuffer buffer, Peak peak) {
		buffer.putLong(peak.hour()).putDouble(peak.value());
	}

	private static Peak peak(ByteBuffer buffer) {
		return new Peak(buffer.getLong(), buffer.getDouble());
	}

	// the mapper's form, as states written before hold it

	private static Snapshot snapshot(Document document) {
		return new Snapshot(longOf(document, "hour"), longOf(document, "at"), doubleOf(document, "value"),
				doubleOf(document, "weight"));
	}

	private static Delta delta(Document document) {
		return new Delta(longOf(document, "at"), doubleOf(document, "value"));
	}

	private static Peak peak(Document document) {
		return new Peak(longOf(document, "hour"), doubleOf(document, "value"));
	}

	private static Day day(Document document) {
		Object first = document.get("first");
		Object last = document.get("last");
		Object peak = document.get("peak");
		return new Day(longOf(document, "start"), first instanceof Number number ? number.longValue() : null,
				last instanceof Document snapshot ? snapshot(snapshot) : null, doubleOf(document, "deltas"),
				peak instanceof Document highest ? peak(highest) : null);
	}

	private static long longOf(Document document, String field) {
		return ((Number) document.get(field)).longValue();
	}

	private static double doubleOf(Document document, String field) {
		Object value = document.get(field);
		return value instanceof Number number ? number.doubleValue() : 0;
	}

}
