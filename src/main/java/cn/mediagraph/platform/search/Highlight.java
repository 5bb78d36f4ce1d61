package cn.mediagraph.platform.search;

import java.util.List;

/**
 * Where a text search matched, as data a client renders itself (never HTML to trust): a
 * passage of one field and the parts of it that matched.
 *
 * @param field the field the passage is from
 * @param text the passage
 * @param ranges the matches in {@code text}, in UTF-16 code units as JavaScript indexes strings
 */
public record Highlight(String field, String text, List<Range> ranges) {

	/** One match: {@code length} code units from {@code start}. */
	public record Range(int start, int length) {
	}

}
