package cn.mediagraph.platform.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.jspecify.annotations.Nullable;

/**
 * The queries features build their filters from, so that every field is searched the way
 * {@link IndexDocument} indexed it.
 */
public final class SearchQueries {

	private static final Analyzer INDEXING = NewsAnalyzer.forIndexing();

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

	/**
	 * Documents whose instant lies in {@code [from, to)}; either end open when null. Instants are
	 * indexed in whole milliseconds and bounds may be finer: both are rounded up, so a document
	 * of the bound's own millisecond but before it falls before {@code from}, not before
	 * {@code to}.
	 */
	public static Query between(String field, @Nullable Instant from, @Nullable Instant to) {
		long lo = from == null ? Long.MIN_VALUE : millisRoundedUp(from);
		long hi = to == null ? Long.MAX_VALUE : millisRoundedUp(to) - 1;
		return LongPoint.newRangeQuery(field, lo, hi);
	}

	private static long millisRoundedUp(Instant instant) {
		return instant.toEpochMilli() + (instant.getNano() % 1_000_000 == 0 ? 0 : 1);
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
			Query phrase = phrase(field.getKey(), text);
			if (phrase != null) {
				// scored by which fields match, never by index statistics: those move with every
				// write of any center, and would shift relevance cursors and leak across centers
				any.add(new BoostQuery(new ConstantScoreQuery(phrase), field.getValue()), BooleanClause.Occur.SHOULD);
				searchable = true;
			}
		}
		return searchable ? Optional.of(any.build()) : Optional.empty();
	}

	/**
	 * The phrase {@code text} in one field: the tokens the index holds for the text, at the
	 * positions the index holds them. Where two characters stand together their bigram is
	 * asked for, and the single character it covers is left out (but keeps its place), so a
	 * Chinese run costs one term per character pair, and the positions of what follows stay
	 * those of the index.
	 */
	static @Nullable Query phrase(String field, String text) {
		List<Token> tokens = tokens(text);
		Set<Integer> covered = new HashSet<>();
		PhraseQuery.Builder phrase = new PhraseQuery.Builder();
		Term only = null;
		int terms = 0;
		for (Token token : tokens) {
			boolean bigram = CJKBigramFilter.DOUBLE_TYPE.equals(token.type());
			boolean bigramHere = tokens.stream()
				.anyMatch(other -> other.position() == token.position() && CJKBigramFilter.DOUBLE_TYPE.equals(other.type()));
			if (bigram) {
				covered.add(token.position() + 1);
			}
			else if (bigramHere || covered.contains(token.position())) {
				continue;
			}
			only = new Term(field, token.term());
			phrase.add(only, token.position());
			terms++;
		}
		if (terms == 0) {
			return null;
		}
		return terms == 1 ? new TermQuery(only) : phrase.build();
	}

	private record Token(String term, int position, String type) {
	}

	private static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		try (TokenStream stream = INDEXING.tokenStream("", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
			TypeAttribute type = stream.addAttribute(TypeAttribute.class);
			stream.reset();
			int position = -1;
			while (stream.incrementToken()) {
				position += increment.getPositionIncrement();
				tokens.add(new Token(term.toString(), position, type.type()));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
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
