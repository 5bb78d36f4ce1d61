package cn.mediagraph.platform.search;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time ranges over instants indexed in whole milliseconds (as {@link IndexDocument#instant}
 * indexes them), asked with bounds finer than that, as {@code Instant.now()} gives them: a
 * document belongs to {@code [from, to)} by its own instant, whatever the bounds' precision.
 */
class SearchQueriesTests {

	private static final Instant T = Instant.parse("2026-12-07T08:00:00.100Z");

	@Test
	void boundsFinerThanAMillisecondKeepTheHalfOpenRange() throws IOException {
		List<Instant> indexed = List.of(T.minusMillis(1), T, T.plusMillis(1));
		Instant withinT = T.plusNanos(500_000);

		assertThat(matching(indexed, withinT, null)).as("from inside T's millisecond, after T").containsExactly(T.plusMillis(1));
		assertThat(matching(indexed, null, withinT)).as("to inside T's millisecond, after T")
			.containsExactly(T.minusMillis(1), T);
		assertThat(matching(indexed, T, T.plusMillis(1))).as("whole milliseconds").containsExactly(T);
		assertThat(matching(indexed, T.minusNanos(1), T.plusNanos(1))).as("a nanosecond either side of T")
			.containsExactly(T);
		assertThat(matching(indexed, withinT, withinT)).as("empty range").isEmpty();
	}

	private static List<Instant> matching(List<Instant> indexed, @Nullable Instant from, @Nullable Instant to)
			throws IOException {
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
			for (Instant instant : indexed) {
				Document document = new Document();
				document.add(new LongPoint("at", instant.toEpochMilli()));
				document.add(new StoredField("at", instant.toEpochMilli()));
				writer.addDocument(document);
			}
			writer.commit();
			try (DirectoryReader reader = DirectoryReader.open(directory)) {
				IndexSearcher searcher = new IndexSearcher(reader);
				List<Instant> found = new ArrayList<>();
				for (ScoreDoc hit : searcher.search(SearchQueries.between("at", from, to), 10).scoreDocs) {
					found.add(Instant.ofEpochMilli(searcher.storedFields().document(hit.doc).getField("at").numericValue().longValue()));
				}
				found.sort(null);
				return found;
			}
		}
	}

}
