package cn.mediagraph.platform.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import cn.mediagraph.platform.graphql.BadRequestException;
import org.apache.lucene.search.FieldDoc;

/**
 * A place in a list, as an opaque string: the sort values of the entry it points at (its
 * relevance score when ordered by relevance, then its time and number). The values name one
 * entry, so paging resumes exactly after it whichever way the list is read.
 */
final class SearchCursor {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private SearchCursor() {
	}

	static String encode(SearchOrder order, FieldDoc hit) {
		Object[] values = hit.fields;
		String text = switch (order) {
			case NEWEST -> "N." + values[0] + "." + values[1];
			case RELEVANCE -> "R." + Float.floatToIntBits((Float) values[0]) + "." + values[1] + "." + values[2];
			case QUEUED -> "Q." + values[0] + "." + values[1];
		};
		return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/** The entry to resume after, as Lucene's search-after wants it. */
	static FieldDoc decode(SearchOrder order, String cursor) {
		try {
			String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\\.");
			Object[] values = switch (order) {
				case NEWEST -> {
					expect(parts, "N", 3);
					yield new Object[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) };
				}
				case QUEUED -> {
					expect(parts, "Q", 3);
					yield new Object[] { Long.parseLong(parts[1]), Long.parseLong(parts[2]) };
				}
				case RELEVANCE -> {
					expect(parts, "R", 4);
					yield new Object[] { Float.intBitsToFloat(Integer.parseInt(parts[1])), Long.parseLong(parts[2]),
							Long.parseLong(parts[3]) };
				}
			};
			// sort values are unique per entry, so the document number never decides
			return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Not a cursor of this list in " + order + " order: " + abbreviated(cursor));
		}
	}

	private static void expect(String[] parts, String tag, int length) {
		if (parts.length != length || !parts[0].equals(tag)) {
			throw new IllegalArgumentException("cursor shape");
		}
	}

	private static String abbreviated(String cursor) {
		return cursor.length() <= 40 ? cursor : cursor.substring(0, 40) + "…";
	}

}
