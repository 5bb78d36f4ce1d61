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
					List.of(new Day(492_968, 492_970L, new Snapshot(492_990, 1_774_760_000_000L, 900, 1), 4, new Peak(492_975, 60)),
							new Day(492_944, null, null, 12.5, null), new Day(492_920, 492_921L, null, 0, null))),
					"AIRINGS", new Series(List.of(), List.of(new Delta(1, 2)), List.of(), null, null)));

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
		assertThat(views.get("days")).isInstanceOf(Binary.class);
		assertThat(views.get("snapshots", Binary.class).getData()).hasSize(2 * 32);
		assertThat(stored.get("series", Document.class).get("AIRINGS", Document.class)).doesNotContainKeys("openFrom", "days");
		assertThat(PACKED.read(MetricState.class, stored)).isEqualTo(STATE);
	}

	@Test
	void aStateTheMapperWroteFieldByFieldReadsTheSame() {
		Document old = new Document();
		FIELD_BY_FIELD.write(STATE, old);
		assertThat(old.get("series", Document.class).get("VIEWS", Document.class).get("snapshots")).isInstanceOf(List.class);

		assertThat(PACKED.read(MetricState.class, old)).isEqualTo(STATE);
	}

}
