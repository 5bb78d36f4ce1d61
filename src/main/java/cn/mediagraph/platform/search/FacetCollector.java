package cn.mediagraph.platform.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts keyword values over the matching documents, per segment by ordinal. For a whole scope
 * (no filter) it takes a segment's counts from {@link FacetCounts} when kept there, and keeps
 * those it counted: call {@link #keepCounted()} once the search is done.
 */
final class FacetCollector extends SimpleCollector {

	private final List<String> fields;

	private final List<LeafCounts> leaves = new ArrayList<>();

	private final FacetCounts kept;

	private final FacetCounts.Scope scope;

	private LeafCounts current;

	FacetCollector(List<String> fields) {
		this(fields, null, null);
	}

	/** Counts a whole scope, reusing and keeping per-segment counts in {@code kept}. */
	FacetCollector(List<String> fields, FacetCounts kept, FacetCounts.Scope scope) {
		this.fields = fields;
		this.kept = kept;
		this.scope = scope;
	}

	private record LeafCounts(LeafReaderContext leaf, SortedSetDocValues[] values, int[][] counts, boolean counted) {
	}

	@Override
	protected void doSetNextReader(LeafReaderContext context) throws IOException {
		SortedSetDocValues[] values = new SortedSetDocValues[fields.size()];
		for (int i = 0; i < fields.size(); i++) {
			values[i] = DocValues.getSortedSet(context.reader(), fields.get(i));
		}
		int[][] known = kept == null ? null : kept.find(context, scope);
		if (known != null) {
			leaves.add(new LeafCounts(context, values, known, false));
			// the searcher goes on with the next segment
			throw new CollectionTerminatedException();
		}
		int[][] counts = new int[fields.size()][];
		for (int i = 0; i < fields.size(); i++) {
			counts[i] = new int[(int) values[i].getValueCount()];
		}
		current = new LeafCounts(context, values, counts, true);
		leaves.add(current);
	}

	/** Keeps the counts of the segments this search counted (a whole scope only). */
	void keepCounted() {
		if (kept == null) {
			return;
		}
		for (LeafCounts leaf : leaves) {
			if (leaf.counted()) {
				kept.keep(leaf.leaf(), scope, leaf.counts());
			}
		}
	}

	@Override
	public void collect(int doc) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			SortedSetDocValues values = current.values()[i];
			if (values.advanceExact(doc)) {
				for (int n = 0; n < values.docValueCount(); n++) {
					current.counts()[i][(int) values.nextOrd()]++;
				}
			}
		}
	}

	@Override
	public ScoreMode scoreMode() {
		return ScoreMode.COMPLETE_NO_SCORES;
	}

	Map<String, List<SearchIndex.FacetCount>> counts(int maxValues) throws IOException {
		Map<String, List<SearchIndex.FacetCount>> result = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			Map<String, Integer> byValue = new HashMap<>();
			for (LeafCounts leaf : leaves) {
				int[] counts = leaf.counts()[i];
				for (int ord = 0; ord < counts.length; ord++) {
					if (counts[ord] > 0) {
						byValue.merge(leaf.values()[i].lookupOrd(ord).utf8ToString(), counts[ord], Integer::sum);
					}
				}
			}
			result.put(fields.get(i), byValue.entrySet()
				.stream()
				.map(entry -> new SearchIndex.FacetCount(entry.getKey(), entry.getValue()))
				.sorted(Comparator.comparingInt(SearchIndex.FacetCount::count).reversed()
					.thenComparing(SearchIndex.FacetCount::value))
				.limit(maxValues)
				.toList());
		}
		return result;
	}

}
