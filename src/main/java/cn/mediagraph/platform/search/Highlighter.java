package cn.mediagraph.platform.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.jspecify.annotations.Nullable;

/**
 * Finds the best passage of a text search in a document's fields, re-analysing the text the
 * way it was indexed (Lucene's unified highlighter, without reading the index), so only the
 * phrase itself is marked, as one range, never its characters scattered elsewhere.
 */
public final class Highlighter {

	/** A passage longer than this is cut around its first match. */
	static final int MAX_PASSAGE = 160;

	private static final UnifiedHighlighter HIGHLIGHTER = UnifiedHighlighter
		.builderWithoutSearcher(NewsAnalyzer.forIndexing())
		.withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.CHINA))
		.withHighlightPhrasesStrictly(true)
		.withWeightMatches(true)
		.withFormatter(new StructuredFormatter())
		.build();

	private Highlighter() {
	}

	/**
	 * The first of the fields (in the order given) where {@code text} matches, with its best
	 * passage; empty when none does.
	 *
	 * @param fields field name to the document's value of it, in order of preference
	 */
	public static Optional<Highlight> best(String text, Map<String, String> fields) {
		for (Map.Entry<String, String> field : fields.entrySet()) {
			Optional<Highlight> found = in(field.getKey(), field.getValue(), text);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	private static Optional<Highlight> in(String field, @Nullable String value, String text) {
		Query query = value == null || value.isEmpty() ? null : SearchQueries.phrase(field, text);
		if (query == null) {
			return Optional.empty();
		}
		try {
			Object passage = HIGHLIGHTER.highlightWithoutSearcher(field, query, value, 1);
			return passage instanceof Snippet snippet ? Optional.of(snippet.in(field)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Snippet(String text, List<Highlight.Range> ranges) {

		Highlight in(String field) {
			return new Highlight(field, text, ranges);
		}

	}

	/** Formats the best passage as text plus ranges, trimmed to {@link #MAX_PASSAGE}. */
	private static final class StructuredFormatter extends PassageFormatter {

		@Override
		public @Nullable Object format(Passage[] passages, String content) {
			for (Passage passage : passages) {
				if (passage.getNumMatches() > 0) {
					return snippet(passage, content);
				}
			}
			return null;
		}

		private static Snippet snippet(Passage passage, String content) {
			int start = passage.getStartOffset();
			int end = passage.getEndOffset();
			int firstMatch = passage.getMatchStarts()[0];
			if (end - start > MAX_PASSAGE) {
				start = Math.max(start, firstMatch - MAX_PASSAGE / 4);
				end = Math.min(end, start + MAX_PASSAGE);
			}
			start = safeBoundary(content, start);
			end = safeBoundary(content, end);
			List<Highlight.Range> ranges = new ArrayList<>();
			int lastEnd = -1;
			for (int i = 0; i < passage.getNumMatches(); i++) {
				int matchStart = passage.getMatchStarts()[i];
				int matchEnd = Math.min(passage.getMatchEnds()[i], end);
				if (matchStart < start || matchStart >= end || matchStart < lastEnd) {
					continue;
				}
				ranges.add(new Highlight.Range(matchStart - start, matchEnd - matchStart));
				lastEnd = matchEnd;
			}
			return new Snippet(content.substring(start, end), ranges);
		}

		/** Never cut a surrogate pair in two. */
		private static int safeBoundary(String content, int index) {
			if (index > 0 && index < content.length() && Character.isLowSurrogate(content.charAt(index))) {
				return index - 1;
			}
			return index;
		}

	}

}
