package cn.mediagraph.platform.text;

import org.jspecify.annotations.Nullable;

/**
 * Text as it is stored, so what a mutation returns is what was stored and what every later
 * reader sees:
 * <ul>
 * <li>a lone surrogate (half of a UTF-16 pair, which UTF-8 cannot hold) becomes U+FFFD, the
 * replacement character, before it is stored rather than by the database on the way in;</li>
 * <li>control characters are removed, except tab and line breaks in multi-line text, which in
 * a one-line field (a headline, a tag, a name) become a space;</li>
 * <li>in one-line fields, the bidirectional embedding, override and isolate controls
 * (U+202A–U+202E, U+2066–U+2069) are removed: they can make a headline display reversed or
 * disguise one name as another, and no newsroom language needs them in a headline. Body text
 * keeps them (a Uyghur or Arabic quotation may use them).</li>
 * </ul>
 */
public final class CleanText {

	private CleanText() {
	}

	/** A headline, a tag, a name: one line. */
	public static String line(String text) {
		return clean(text, true);
	}

	public static @Nullable String lineOrNull(@Nullable String text) {
		return text == null ? null : line(text);
	}

	/** A body, a summary, a caption: line breaks and tabs kept. */
	public static String multiLine(String text) {
		return clean(text, false);
	}

	/**
	 * Whether the text shows nothing once cleaned: only spaces of any kind (the ideographic and
	 * no-break ones included), controls, and characters that show nothing by themselves: format
	 * characters (zero-width space and joiners, word joiner, byte-order mark, soft hyphen, tag
	 * characters), Unicode's other default-ignorable ones (Hangul fillers, variation selectors,
	 * the combining grapheme joiner) and the blank Braille pattern. Required text must show
	 * something.
	 */
	public static boolean isBlank(String text) {
		return text.codePoints().allMatch(CleanText::showsNothing);
	}

	private static boolean showsNothing(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160
				|| c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || c == 0x2800 || c == 0x3164
				|| (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE0FFF);
	}

	private static String clean(String text, boolean oneLine) {
		if (isClean(text, oneLine)) {
			return text;
		}
		StringBuilder cleaned = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				cleaned.append(c).append(text.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				cleaned.append('\uFFFD');
			}
			else if (c == '\n' || c == '\r' || c == '\t') {
				cleaned.append(oneLine ? ' ' : c);
			}
			else if (!Character.isISOControl(c) && !(oneLine && isBidiControl(c))) {
				cleaned.append(c);
			}
		}
		return cleaned.toString();
	}

	/** The common case, checked without copying. */
	private static boolean isClean(String text, boolean oneLine) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c) || (Character.isISOControl(c) && (oneLine || (c != '\n' && c != '\r' && c != '\t')))
					|| (oneLine && isBidiControl(c))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isBidiControl(char c) {
		return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
	}

}
