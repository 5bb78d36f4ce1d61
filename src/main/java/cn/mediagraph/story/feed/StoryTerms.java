package cn.mediagraph.story.feed;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The terms a story is found by. Every story has {@link #ALL}; each filterable value becomes a
 * facet term ({@code s:PUBLISHED}, {@code t:乡村振兴} …); its text becomes character bigrams
 * ({@code x:铜川}), which is how Chinese, written without spaces, is searched: a query's
 * bigrams must all be present, and the text is then checked to contain the whole query.
 */
public final class StoryTerms {

	/** Every story of the tenant: the newsroom's unfiltered list. */
	public static final String ALL = "a";

	private StoryTerms() {
	}

	public static String status(String status) {
		return "s:" + status;
	}

	public static String channel(String channelId) {
		return "c:" + channelId;
	}

	public static String tag(String tag) {
		return "t:" + normalize(tag);
	}

	public static String region(String region) {
		return "r:" + normalize(region);
	}

	public static String language(String language) {
		return "l:" + language.toLowerCase(Locale.ROOT);
	}

	/** Case- and width-folded text, so 铜川, ＡＢＣ and abc are searched alike. */
	public static String normalize(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/**
	 * The distinct bigram terms of a text: each pair of neighbouring characters with no white
	 * space between them (punctuation counts, so {@code a+b} is found too).
	 */
	public static Set<String> bigrams(String text) {
		Set<String> terms = new LinkedHashSet<>();
		String normalized = normalize(text);
		int previous = -1;
		for (int i = 0; i < normalized.length();) {
			int current = normalized.codePointAt(i);
			i += Character.charCount(current);
			if (Character.isWhitespace(current) || Character.isSpaceChar(current) || Character.isISOControl(current)) {
				previous = -1;
				continue;
			}
			if (previous != -1) {
				terms.add("x:" + new StringBuilder().appendCodePoint(previous).appendCodePoint(current));
			}
			previous = current;
		}
		return terms;
	}

	/** Every term of a story with these values. */
	public static Set<String> of(String status, Collection<String> channelIds, Collection<String> tags,
			@Nullable String region, String language, String... texts) {
		Set<String> terms = new LinkedHashSet<>();
		terms.add(ALL);
		terms.add(status(status));
		channelIds.forEach(id -> terms.add(channel(id)));
		tags.forEach(tag -> terms.add(tag(tag)));
		if (region != null && !region.isBlank()) {
			terms.add(region(region));
		}
		terms.add(language(language));
		for (String text : texts) {
			if (text != null) {
				terms.addAll(bigrams(text));
			}
		}
		return terms;
	}

}
