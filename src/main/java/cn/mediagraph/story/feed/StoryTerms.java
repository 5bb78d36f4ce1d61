package cn.mediagraph.story.feed;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The terms a story is found by. Every story has {@link #ALL}; each filterable value becomes a
 * facet term ({@code s:PUBLISHED}, {@code t:乡村振兴} …); its text becomes character bigrams
 * and trigrams ({@code x:铜川}, {@code y:融媒体}), which is how Chinese, written without
 * spaces, is searched: a query's grams must all be present, and the text is then checked to
 * contain the whole query.
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
	 * The distinct character bigrams ({@code x:}) and trigrams ({@code y:}) of a text: each two
	 * and three neighbouring characters with no white space between them (punctuation counts,
	 * so {@code a+b} is found too). Bigrams answer two-character queries; trigrams make longer
	 * ones selective, as three characters rarely stand together by chance.
	 */
	public static Set<String> grams(String text) {
		Set<String> terms = new LinkedHashSet<>();
		for (String run : runs(text)) {
			addGrams(run, 2, "x:", terms);
			addGrams(run, 3, "y:", terms);
		}
		return terms;
	}

	/**
	 * The terms that find a search text: per run of characters, its bigram if it is two long,
	 * else its trigrams. Empty when no run is two characters long.
	 */
	public static Set<String> queryGrams(String text) {
		Set<String> terms = new LinkedHashSet<>();
		for (String run : runs(text)) {
			if (run.codePointCount(0, run.length()) == 2) {
				addGrams(run, 2, "x:", terms);
			}
			else {
				addGrams(run, 3, "y:", terms);
			}
		}
		return terms;
	}

	/**
	 * Whether the terms of the search text prove a match on their own: one run of two or three
	 * characters is one term that stands for exactly that text.
	 */
	public static boolean queryIsOneGram(String text) {
		List<String> runs = runs(text);
		return runs.size() == 1 && runs.get(0).codePointCount(0, runs.get(0).length()) <= 3;
	}

	/** The normalized text split at white space into runs of at least two characters. */
	private static List<String> runs(String text) {
		List<String> runs = new ArrayList<>();
		for (String run : normalize(text).split("[\\s\\p{Z}\\p{Cc}]+")) {
			if (run.codePointCount(0, run.length()) >= 2) {
				runs.add(run);
			}
		}
		return runs;
	}

	private static void addGrams(String run, int n, String prefix, Set<String> terms) {
		int[] points = run.codePoints().toArray();
		for (int i = 0; i + n <= points.length; i++) {
			terms.add(prefix + new String(points, i, n));
		}
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
				terms.addAll(grams(text));
			}
		}
		return terms;
	}

}
