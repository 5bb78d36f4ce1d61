package cn.mediagraph.platform.search;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Facet counts of whole scopes (every document of a tenant and kind, the filter sidebar's first
 * view), kept per segment reader. A segment reader never changes: a write adds segments, and a
 * delete or an update gives the segment it touches a new reader (new live documents, a new cache
 * key). So an entry is right for as long as its reader lives, and goes when the reader closes.
 * Counting a scope of 100,000 stories over five fields took about 20 ms; with the counts of the
 * untouched segments kept, a page's facets count only the segments written since.
 */
final class FacetCounts {

	private final Map<IndexReader.CacheKey, Map<Scope, int[][]>> bySegment = new ConcurrentHashMap<>();

	/** What was counted: a kind and tenant's documents, per these fields. */
	record Scope(String scope, List<String> fields) {
	}

	/** The counts per field and ordinal this segment reader holds for the scope, if kept. */
	int[][] find(LeafReaderContext leaf, Scope scope) {
		IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
		if (helper == null) {
			return null;
		}
		Map<Scope, int[][]> kept = bySegment.get(helper.getKey());
		return kept == null ? null : kept.get(scope);
	}

	/** Keeps a segment's counts for the scope until its reader closes. */
	void keep(LeafReaderContext leaf, Scope scope, int[][] counts) {
		IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
		if (helper == null) {
			return;
		}
		bySegment.computeIfAbsent(helper.getKey(), key -> {
			helper.addClosedListener(bySegment::remove);
			return new ConcurrentHashMap<>();
		}).put(scope, counts);
	}

	/** Segment readers with counts kept (for tests). */
	int segments() {
		return bySegment.size();
	}

}
