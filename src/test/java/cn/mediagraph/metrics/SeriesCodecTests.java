package cn.mediagraph.metrics;

import java.util.List;
import java.util.Map;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Delta;
import cn.mediagraph.metrics.MetricState.Peak;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.MetricState.Snapshot;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state's series stored packed reads back as written, and a state the mapper wrote field by
 * field (every state before the packed form) reads the same.
 */
class SeriesCodecTests {

	static final MetricState STATE = new MetricState("t|c|p:1", "t", "c", "p:1", "1", "s", null, true, 7,
			Map.of("VIEWS", new Series(
					List.of(new Snapshot(493_000, 1_774_800_000_123L, 1_234.5, 1), new Snapshot(493_001, 1_774_803_600_000L, 2_000, 0.25)),
					List.of(new Delta(1_774_800_000_000L, 3), new Delta(1_774_800_000_001L, -1.5)),
					List.of(new Peak(493_000, 88)), 492_992L,
					List.of(new Day(492_920, 492_921L, null, 0, null), new Day(492_944, null, null, 12.5, null),
							new Day(492_968, 492_970L, new Snapshot(492_990, 1_774_760_000_000L, 900, 1), 4, new Peak(492_975, 60)))),
					"AIRINGS", new Series(List.of(), List.of(new Delta(1, 2)), List.of(), null, null)), null);

	static MappingMongoConverter converter(MongoCustomConversions conversions) {
		MongoMappingContext mapping = new MongoMappingContext();
		mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		mapping.afterPropertiesSet();
		MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, mapping);
		converter.setCustomConversions(conversions);
		converter.afterPropertiesSet();
		return converter;
	}

	static final MappingMongoConverter PACKED = converter(
			MongoCustomConversions.create(adapter -> adapter.registerConverters(new SeriesCodec().converters())));

	static final MappingMongoConverter FIELD_BY_FIELD = converter(MongoCustomConversions.create(adapter -> {
	}));

	@Test
	void aStateReadsBackAsWrittenWithEachListOneBinaryValue() {
		Document stored = new Document();
		PACKED.write(STATE, stored);

		Document views = stored.get("series", Document.class).get("VIEWS", Document.class);
		assertThat(views.get("snapshots")).isInstanceOf(Binary.class);
		assertThat(views.get("closed")).isInstanceOf(Binary.class);
		assertThat(views.get("closed", Binary.class).getData()).hasSize(3 * PackedDays.RECORD);
		assertThat(views.get("snapshots", Binary.class).getData()).hasSize(2 * 32);
		assertThat(stored.get("series", Document.class).get("AIRINGS", Document.class)).doesNotContainKeys("openFrom", "closed", "days");
		assertThat(PACKED.read(MetricState.class, stored)).isEqualTo(STATE);
	}

	@Test
	void closedDaysAreFoundAndChangedInPlace() {
		PackedDays days = PackedDays.of(STATE.series().get("VIEWS").days());
		Day middle = days.get(1);
		assertThat(days.find(492_944)).isEqualTo(middle);
		assertThat(days.find(492_945)).isNull();
		assertThat(days.find(492_900)).isNull();
		assertThat(days.find(493_000)).isNull();

		Day before = new Day(492_896, null, null, 1, null);
		Day changed = new Day(492_944, 492_950L, new Snapshot(492_950, 1, 2, 3), 12.5, new Peak(492_951, 7));
		Day after = new Day(492_992, null, null, 0, new Peak(493_000, 9));
		java.util.TreeMap<Long, Day> changes = new java.util.TreeMap<>(Map.of(before.start(), before,
				changed.start(), changed, after.start(), after));
		assertThat(days.with(changes)).containsExactly(before, days.get(0), changed, days.get(2), after);
		assertThat(days.with(new java.util.TreeMap<>())).isSameAs(days);
		assertThat(PackedDays.of(List.of()).with(changes)).containsExactly(before, changed, after);
	}

	@Test
	void closedDaysInTheFirstPackedFormReadTheSame() {
		Document stored = new Document();
		PACKED.write(STATE, stored);
		Document views = stored.get("series", Document.class).get("VIEWS", Document.class);
		views.remove("closed");
		views.put("days", new Binary(variableWidth(STATE.series().get("VIEWS").days())));

		assertThat(PACKED.read(MetricState.class, stored)).isEqualTo(STATE);
	}

	/** The first packed form of closed days: start, flags, deltas, then what the flags say is there. */
	private static byte[] variableWidth(List<Day> days) {
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(days.size() * PackedDays.RECORD);
		for (Day day : days) {
			buffer.putLong(day.start());
			buffer.put((byte) ((day.first() != null ? 1 : 0) | (day.last() != null ? 2 : 0) | (day.peak() != null ? 4 : 0)));
			buffer.putDouble(day.deltas());
			if (day.first() != null) {
				buffer.putLong(day.first());
			}
			if (day.last() != null) {
				buffer.putLong(day.last().hour()).putLong(day.last().at()).putDouble(day.last().value())
					.putDouble(day.last().weight());
			}
			if (day.peak() != null) {
				buffer.putLong(day.peak().hour()).putDouble(day.peak().value());
			}
		}
		return java.util.Arrays.copyOf(buffer.array(), buffer.position());
	}

	@Test
	void aStateTheMapperWroteFieldByFieldReadsTheSame() {
		Document old = new Document();
		FIELD_BY_FIELD.write(STATE, old);
		assertThat(old.get("series", Document.class).get("VIEWS", Document.class).get("snapshots")).isInstanceOf(List.class);

		assertThat(PACKED.read(MetricState.class, old)).isEqualTo(STATE);
	}

}
