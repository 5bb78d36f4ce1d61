package cn.mediagraph.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.metrics.MetricState.Day;
import cn.mediagraph.metrics.MetricState.Delta;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.MetricState.Snapshot;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.testing.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A state written by its changed parts ({@link MetricIngestion#changes}) reads back exactly as
 * the state written whole would, and a write on a revision another writer moved is refused.
 */
@IntegrationTest
class StateWritesTests {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	TenantStore store;

	@Test
	void aStateWrittenByItsChangedPartsReadsBackAsTheWholeState() {
		String tenantId = "t-" + System.nanoTime();
		String id = MetricState.id(tenantId, "c1", "p:1");
		Map<String, Series> series = new LinkedHashMap<>();
		series.put("VIEWS", new Series(List.of(new Snapshot(493_000, 1_774_800_000_000L, 10, 1)), List.of(), List.of(),
				492_992L, List.of(new Day(492_968, 492_970L, new Snapshot(492_970, 1_774_700_000_000L, 5, 1), 0, null))));
		series.put("LIKES", new Series(List.of(new Snapshot(493_000, 1_774_800_000_000L, 3, 1)), List.of(), List.of(), 492_992L, null));
		series.put("AIRINGS", new Series(List.of(), List.of(new Delta(1_774_800_000_000L, 2)), List.of(), 492_992L, null));
		mongo.insert(new MetricState(id, tenantId, "c1", "p:1", "1", "s", null, false, 1, series, null));
		MetricState before = mongo.findById(id, MetricState.class);
		assertThat(before.series().get("VIEWS").days()).as("read packed").isInstanceOf(PackedDays.class);

		Map<String, Series> after = new LinkedHashMap<>(before.series());
		Series views = before.series().get("VIEWS");
		// a new snapshot, the closed days as read
		after.put("VIEWS", new Series(List.of(views.snapshots().get(0), new Snapshot(493_001, 1_774_803_600_000L, 14, 1)),
				List.of(), List.of(), 492_992L, views.days()));
		// a day closed
		after.put("AIRINGS", new Series(List.of(), List.of(), List.of(), 493_016L,
				List.of(new Day(492_992, null, null, 2, null))));
		MetricState next = new MetricState(id, tenantId, "c1", "p:1", "1", "s", null, true, 2, after, null);

		Document changes = MetricIngestion.changes(before, next);
		assertThat(changes).isNotNull();
		assertThat(changes.get("$set", Document.class)).as("LIKES untouched, VIEWS by its parts, AIRINGS whole")
			.containsKeys("series.VIEWS.snapshots", "series.AIRINGS")
			.doesNotContainKeys("series.LIKES", "series.VIEWS", "series.VIEWS.closed");
		assertThat(store.forTenant(tenantId).bulkUpsertIf(Map.of(id, changes), Map.of(id, new Document("rev", 1L)),
				MetricState.COLLECTION)).isEmpty();
		assertThat(mongo.findById(id, MetricState.class)).isEqualTo(next);

		MetricState stale = new MetricState(id, tenantId, "c1", "p:1", "1", "s", null, true, 2, before.series(), null);
		assertThat(store.forTenant(tenantId).bulkUpsertIf(Map.of(id, MetricIngestion.changes(before, stale)),
				Map.of(id, new Document("rev", 1L)), MetricState.COLLECTION))
			.as("revision 1 is gone: another writer's").containsExactly(id);
		assertThat(mongo.findById(id, MetricState.class)).isEqualTo(next);

		MetricState relinked = new MetricState(id, tenantId, "c1", "p:1", "2", "s2", null, true, 3, after, null);
		assertThat(MetricIngestion.changes(next, relinked)).as("a new attribution is written whole").isNull();
	}

}
