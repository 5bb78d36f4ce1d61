package cn.mediagraph.platform.search;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The queries features build their filters from, so that every field is searched the way
 * {@link IndexDocument} indexed it.
 */
public final class SearchQueries {

	private static final QueryBuilder PHRASES = new QueryBuilder(NewsAnalyzer.forQueries());

	private SearchQueries() {
	}

	/** Every document (of the tenant and kind the search is confined to). */
	public static Query all() {
		return new MatchAllDocsQuery();
	}

	/** Documents with exactly this keyword value. */
	public static Query keyword(String field, String value) {
		return new TermQuery(new Term(field, value));
	}

	/** Documents whose instant lies in {@code [from, to)}; either end open when null. */
	public static Query between(String field, @Nullable Instant from, @Nullable Instant to) {
		long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
		long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
		return LongPoint.newRangeQuery(field, lo, hi);
	}

	/**
	 * The phrase {@code text} in any of the fields, weighted per field for relevance: the
	 * characters and words of the query in that order, with nothing between them but space and
	 * punctuation. Empty when the text has nothing searchable (only punctuation, say).
	 */
	public static Optional<Query> phrase(Map<String, Float> weightedFields, String text) {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		boolean searchable = false;
		for (Map.Entry<String, Float> field : weightedFields.entrySet()) {
			Query phrase = PHRASES.createPhraseQuery(field.getKey(), text);
			if (phrase != null) {
				any.add(new BoostQuery(phrase, field.getValue()), BooleanClause.Occur.SHOULD);
				searchable = true;
			}
		}
		return searchable ? Optional.of(any.build()) : Optional.empty();
	}

	/** The phrase {@code text} in one field, for highlighting that field. */
	static @Nullable Query phrase(String field, String text) {
		return PHRASES.createPhraseQuery(field, text);
	}

	/** All of the clauses (filters that do not score, and at most one scored text clause). */
	public static Query allOf(Iterable<Query> filters, @Nullable Query scored) {
		BooleanQuery.Builder all = new BooleanQuery.Builder();
		filters.forEach(filter -> all.add(filter, BooleanClause.Occur.FILTER));
		if (scored != null) {
			all.add(scored, BooleanClause.Occur.MUST);
		}
		return all.build();
	}

}
