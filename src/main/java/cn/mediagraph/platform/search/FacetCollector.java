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
import org.jspecify.annotations.Nullable;

/**
 * Counts keyword values over the matching documents, per segment by ordinal. Counting a whole
 * scope, it takes a segment's counts from {@link FacetCounts} when they are kept there, and keeps
 * those it counted once the search is done ({@link #keepCounted()}).
 */
final class FacetCollector extends SimpleCollector {

	private final List<String> fields;

	private final List<Segment> segments = new ArrayList<>();

	private final @Nullable FacetCounts kept;

	private final FacetCounts.@Nullable Scope scope;

	private int @Nullable [][] current;

	private SortedSetDocValues @Nullable [] currentValues;

	private FacetCollector(List<String> fields, @Nullable FacetCounts kept, FacetCounts.@Nullable Scope scope) {
		this.fields = fields;
		this.kept = kept;
		this.scope = scope;
	}

	/** Counts whatever the query matches. */
	static FacetCollector matching(List<String> fields) {
		return new FacetCollector(fields, null, null);
	}

	/** Counts a whole scope (the query matches all of it), reusing and keeping counts in {@code kept}. */
	static FacetCollector wholeScope(FacetCounts kept, FacetCounts.Scope scope) {
		return new FacetCollector(scope.fields(), kept, scope);
	}

	/**
	 * A segment's doc values, with the counts taken on it now ({@code counted}) and in their kept
	 * form ({@code kept}): either or both.
	 */
	private record Segment(LeafReaderContext leaf, SortedSetDocValues[] values, int @Nullable [][] counted,
			FacetCounts.@Nullable SegmentCounts kept) {
	}

	@Override
	protected void doSetNextReader(LeafReaderContext context) throws IOException {
		SortedSetDocValues[] values = new SortedSetDocValues[fields.size()];
		for (int i = 0; i < fields.size(); i++) {
			values[i] = DocValues.getSortedSet(context.reader(), fields.get(i));
		}
		FacetCounts.SegmentCounts known = kept == null || scope == null ? null : kept.find(context.reader(), scope);
		if (known != null) {
			segments.add(new Segment(context, values, null, known));
			// the searcher goes on with the next segment
			throw new CollectionTerminatedException();
		}
		int[][] counts = new int[fields.size()][];
		for (int i = 0; i < fields.size(); i++) {
			counts[i] = new int[(int) values[i].getValueCount()];
		}
		current = counts;
		currentValues = values;
		segments.add(new Segment(context, values, counts, null));
	}

	@Override
	public void collect(int doc) throws IOException {
		int[][] counts = current;
		SortedSetDocValues[] values = currentValues;
		for (int i = 0; i < values.length; i++) {
			if (values[i].advanceExact(doc)) {
				for (int n = 0; n < values[i].docValueCount(); n++) {
					counts[i][(int) values[i].nextOrd()]++;
				}
			}
		}
	}

	@Override
	public ScoreMode scoreMode() {
		return ScoreMode.COMPLETE_NO_SCORES;
	}

	/** Keeps the counts of the segments this search counted (a whole scope only). */
	void keepCounted() {
		if (kept == null || scope == null) {
			return;
		}
		for (int i = 0; i < segments.size(); i++) {
			Segment segment = segments.get(i);
			if (segment.counted() != null) {
				FacetCounts.SegmentCounts counts = FacetCounts.SegmentCounts.of(segment.counted());
				kept.keep(segment.leaf().reader(), scope, counts);
				// counted here all the same; the sparse form serves the merge below too
				segments.set(i, new Segment(segment.leaf(), segment.values(), segment.counted(), counts));
			}
		}
	}

	/** How many segments this search counted (the others' counts were kept). */
	int counted() {
		return (int) segments.stream().filter(segment -> segment.counted() != null).count();
	}

	Map<String, List<SearchIndex.FacetCount>> counts(int maxValues) throws IOException {
		List<FacetCounts.SegmentCounts> perSegment = segments.stream()
			.map(segment -> segment.kept() != null ? segment.kept() : FacetCounts.SegmentCounts.of(segment.counted()))
			.toList(); // kept: taken from before, or made by keepCounted
		Map<String, List<SearchIndex.FacetCount>> result = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			Map<String, Integer> byValue = new HashMap<>();
			for (int s = 0; s < segments.size(); s++) {
				SortedSetDocValues values = segments.get(s).values()[i];
				int[] ords = perSegment.get(s).ords()[i];
				int[] counts = perSegment.get(s).counts()[i];
				for (int at = 0; at < ords.length; at++) {
					byValue.merge(values.lookupOrd(ords[at]).utf8ToString(), counts[at], Integer::sum);
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
