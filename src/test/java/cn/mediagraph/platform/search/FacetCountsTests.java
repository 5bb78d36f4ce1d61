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
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-scope facet counts kept per segment reader agree with a fresh count through adds,
 * updates and deletes that touch segments already counted.
 */
class FacetCountsTests {

	private static final List<String> FIELDS = List.of("status", "tag");

	private static final List<String> STATUSES = List.of("DRAFT", "IN_REVIEW", "PUBLISHED", "ARCHIVED");

	private static final List<String> TAGS = List.of("文旅", "民生", "乡村振兴", "教育", "医疗");

	private final FacetCounts kept = new FacetCounts();

	private final FacetCounts.Scope scope = new FacetCounts.Scope("story/tenant-1", FIELDS);

	@Test
	void keptCountsMatchAFreshCountAfterEveryAddUpdateAndDelete() throws IOException {
		Random random = new Random(7);
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
			SearcherManager searchers = new SearcherManager(writer, null);
			for (int id = 0; id < 300; id++) {
				writer.addDocument(document(id, random));
				if (id % 50 == 49) {
					writer.commit();
				}
			}
			searchers.maybeRefreshBlocking();
			assertThat(kept(searchers)).isEqualTo(fresh(searchers));
			assertThat(kept.segments()).as("segments counted once and kept").isPositive();

			for (int round = 0; round < 40; round++) {
				int id = random.nextInt(320);
				switch (round % 3) {
					case 0 -> writer.updateDocument(new Term("id", Integer.toString(id)), document(id, random));
					case 1 -> writer.deleteDocuments(new Term("id", Integer.toString(id)));
					default -> writer.addDocument(document(300 + round, random));
				}
				searchers.maybeRefreshBlocking();
				assertThat(kept(searchers)).as("round %d", round).isEqualTo(fresh(searchers));
				// a second time from what was kept
				assertThat(kept(searchers)).as("round %d, again", round).isEqualTo(fresh(searchers));
			}
			searchers.close();
		}
	}

	private Map<String, Map<String, Integer>> kept(SearcherManager searchers) throws IOException {
		return count(searchers, new FacetCollector(FIELDS, kept, scope));
	}

	private Map<String, Map<String, Integer>> fresh(SearcherManager searchers) throws IOException {
		return count(searchers, new FacetCollector(FIELDS));
	}

	private static Map<String, Map<String, Integer>> count(SearcherManager searchers, FacetCollector collector)
			throws IOException {
		IndexSearcher searcher = searchers.acquire();
		try {
			searcher.search(new MatchAllDocsQuery(), collector);
			collector.keepCounted();
			return collector.counts(100)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, field -> field.getValue()
					.stream()
					.collect(Collectors.toMap(SearchIndex.FacetCount::value, SearchIndex.FacetCount::count))));
		}
		finally {
			searchers.release(searcher);
		}
	}

	private static Document document(int id, Random random) {
		Document document = new Document();
		document.add(new StringField("id", Integer.toString(id), Field.Store.NO));
		document.add(new SortedSetDocValuesField("status", new BytesRef(STATUSES.get(random.nextInt(STATUSES.size())))));
		for (String tag : TAGS) {
			if (random.nextInt(3) == 0) {
				document.add(new SortedSetDocValuesField("tag", new BytesRef(tag)));
			}
		}
		return document;
	}

}
