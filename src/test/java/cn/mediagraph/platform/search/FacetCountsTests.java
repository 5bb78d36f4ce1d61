package cn.mediagraph.platform.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-scope facet counts kept per segment agree with a fresh count, for each of two tenants,
 * through adds, updates and deletes that reach segments already counted; a second count with
 * nothing written between counts no segment; and nothing is kept once the segments are closed.
 */
class FacetCountsTests {

	private static final List<String> FIELDS = List.of("status", "tag");

	private static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "ARCHIVED");

	private static final List<String> TENANTS = List.of("center-a", "center-b");

	private final FacetCounts kept = new FacetCounts();

	private final Random random = new Random(7);

	@Test
	void keptCountsMatchAFreshCountThroughAddsUpdatesAndDeletes() throws IOException {
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				// no merges: a segment lives as long as the test, so what is counted again can be told
				IndexWriter writer = new IndexWriter(directory,
						new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
			try (SearcherManager searchers = new SearcherManager(writer, null)) {
				for (int id = 0; id < 300; id++) {
					writer.addDocument(document(id));
					if (id % 50 == 49) {
						writer.commit();
					}
				}
				searchers.maybeRefreshBlocking();
				for (String tenant : TENANTS) {
					assertThat(count(searchers, tenant).segmentsCounted()).as(tenant + ": every segment, the first time").isPositive();
					assertAgree(searchers, tenant, "after the first count");
				}

				for (int round = 0; round < 45; round++) {
					int id = random.nextInt(320);
					switch (round % 3) {
						case 0 -> writer.updateDocument(new Term("id", Integer.toString(id)), document(id));
						case 1 -> writer.deleteDocuments(new Term("id", Integer.toString(id)));
						default -> writer.addDocument(document(300 + round));
					}
					searchers.maybeRefreshBlocking();
					if (round % 3 == 2) {
						// a reopen gives every segment with deletions a new reader: only the new segment is new
						assertThat(count(searchers, TENANTS.get(0)).segmentsCounted()).as("round %d, an add", round).isOne();
					}
					for (String tenant : TENANTS) {
						assertAgree(searchers, tenant, "round " + round);
					}
				}
			}
		}
		assertThat(kept.segments()).as("counts kept once every segment is closed").isZero();
	}

	/** The kept counts equal a fresh count, and asking again counts no segment. */
	private void assertAgree(SearcherManager searchers, String tenant, String when) throws IOException {
		Counted first = count(searchers, tenant);
		assertThat(first.values()).as(tenant + ", " + when)
			.isEqualTo(count(searchers, tenant, FacetCollector.matching(FIELDS)).values());
		Counted again = count(searchers, tenant);
		assertThat(again.segmentsCounted()).as(tenant + ", " + when + ", again").isZero();
		assertThat(again.values()).as(tenant + ", " + when + ", again").isEqualTo(first.values());
	}

	/** What a count found, and how many segments it counted rather than took as kept. */
	private record Counted(Map<String, Map<String, Integer>> values, int segmentsCounted) {
	}

	private Counted count(SearcherManager searchers, String tenant) throws IOException {
		return count(searchers, tenant, FacetCollector.wholeScope(kept, new FacetCounts.Scope(tenant, FIELDS)));
	}

	private static Counted count(SearcherManager searchers, String tenant, FacetCollector collector) throws IOException {
		IndexSearcher searcher = searchers.acquire();
		try {
			searcher.search(new TermQuery(new Term("tenant", tenant)), collector);
			collector.keepCounted();
			Map<String, Map<String, Integer>> values = collector.counts(100)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, field -> field.getValue()
					.stream()
					.collect(Collectors.toMap(SearchIndex.FacetCount::value, SearchIndex.FacetCount::count))));
			return new Counted(values, collector.counted());
		}
		finally {
			searchers.release(searcher);
		}
	}

	/** A document of one of the tenants, with tags of its own (the ordinals mix both tenants' values). */
	private Document document(int id) {
		String tenant = TENANTS.get(random.nextInt(TENANTS.size()));
		Document document = new Document();
		document.add(new StringField("id", Integer.toString(id), Field.Store.NO));
		document.add(new StringField("tenant", tenant, Field.Store.NO));
		document.add(new SortedSetDocValuesField("status", new BytesRef(STATUSES.get(random.nextInt(STATUSES.size())))));
		for (int tag = 0; tag < 5; tag++) {
			if (random.nextInt(3) == 0) {
				document.add(new SortedSetDocValuesField("tag", new BytesRef(tenant + " 标签 " + tag)));
			}
		}
		return document;
	}

}
