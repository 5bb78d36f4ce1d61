package cn.mediagraph.story;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.search.NewsAnalyzer;
import cn.mediagraph.story.StoryConnection.FacetCount;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every read path of stories must answer, computed from a full scan of the stories, and
 * the check that the index answers the same: the list in both orders and both directions, the
 * total and the facet counts. Text matching is worked out here by walking token positions,
 * independently of Lucene's query machinery.
 */
final class StoryOracle {

	private static final Analyzer INDEXING = NewsAnalyzer.forIndexing();


	private StoryOracle() {
	}

	/** Checks one filter in both orders, paging both ways, with its count and facets. */
	static void assertAgrees(String what, StoryFilter filter, List<Story> all,
			BiFunction<StoryOrder, PageRequest, StoryConnection> api) {
		List<Story> matching = all.stream().filter(matching(filter)).toList();
		List<String> newest = matching.stream()
			.sorted(Comparator.comparing(Story::createdAt).thenComparingInt(Story::seq).reversed())
			.map(Story::id)
			.toList();
		List<String> forward = readForward(api, StoryOrder.NEWEST);
		assertThat(forward).as(what + " (newest, forward)").isEqualTo(newest);
		assertThat(readBackward(api, StoryOrder.NEWEST)).as(what + " (newest, backward)").isEqualTo(newest);

		List<String> relevant = readForward(api, StoryOrder.RELEVANCE);
		assertThat(relevant).as(what + " (relevance: the same stories, once each)")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(newest);
		assertThat(readBackward(api, StoryOrder.RELEVANCE)).as(what + " (relevance, backward)").isEqualTo(relevant);

		StoryConnection first = api.apply(StoryOrder.NEWEST, PageRequest.of(3, null, null, null));
		assertThat(first.totalCount()).as(what + " (count)").isEqualTo(matching.size());
		StoryConnection.Facets facets = first.facets();
		assertThat(asMap(facets.status())).as(what + " (status facet)")
			.isEqualTo(counts(matching, story -> List.of(story.status().name())));
		assertThat(asMap(facets.channel())).as(what + " (channel facet)")
			.isEqualTo(counts(matching, story -> story.channelIds().stream().map(id -> GlobalId.encode("Channel", id)).toList()));
		assertThat(asMap(facets.tag())).as(what + " (tag facet)").isEqualTo(counts(matching, Story::tags));
		assertThat(asMap(facets.region())).as(what + " (region facet)")
			.isEqualTo(counts(matching, story -> story.region() == null ? List.of() : List.of(story.region())));
		assertThat(asMap(facets.language())).as(what + " (language facet)")
			.isEqualTo(counts(matching, story -> List.of(StoryFacet.canonicalLanguage(story.language()))));
	}

	private static List<String> readForward(BiFunction<StoryOrder, PageRequest, StoryConnection> api, StoryOrder order) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		StoryConnection page;
		do {
			page = api.apply(order, PageRequest.of(7, cursor, null, null));
			page.nodes().forEach(story -> ids.add(story.id()));
			cursor = page.pageInfo().endCursor();
		}
		while (page.pageInfo().hasNextPage());
		return ids;
	}

	private static List<String> readBackward(BiFunction<StoryOrder, PageRequest, StoryConnection> api, StoryOrder order) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		StoryConnection page;
		do {
			page = api.apply(order, PageRequest.of(null, null, 5, cursor));
			ids.addAll(0, page.nodes().stream().map(Story::id).toList());
			cursor = page.pageInfo().startCursor();
		}
		while (page.pageInfo().hasPreviousPage());
		return ids;
	}

	private static Map<String, Integer> asMap(List<FacetCount> counts) {
		Map<String, Integer> map = new TreeMap<>();
		counts.forEach(count -> map.put(count.value(), count.count()));
		return map;
	}

	private static Map<String, Integer> counts(List<Story> stories, java.util.function.Function<Story, List<String>> values) {
		Map<String, Integer> map = new TreeMap<>();
		for (Story story : stories) {
			new HashSet<>(values.apply(story)).forEach(value -> map.merge(value, 1, Integer::sum));
		}
		return map;
	}

	/** The filter's meaning, applied to the stories themselves. */
	static Predicate<Story> matching(StoryFilter f) {
		return story -> (f.status() == null || story.status() == f.status())
				&& (f.channelId() == null
						|| story.channelIds().contains(GlobalId.decode(f.channelId(), "Channel").orElseThrow()))
				&& (f.tag() == null || story.tags().contains(f.tag()))
				&& (f.region() == null || f.region().equals(story.region()))
				&& (f.language() == null || StoryFacet.canonicalLanguage(f.language())
					.equals(StoryFacet.canonicalLanguage(story.language())))
				&& (f.createdAfter() == null || !story.createdAt().isBefore(f.createdAfter()))
				&& (f.createdBefore() == null || story.createdAt().isBefore(f.createdBefore()))
				&& (f.text() == null || containsPhrase(story.title(), f.text())
						|| containsPhrase(story.summary(), f.text()) || containsPhrase(story.body(), f.text()));
	}

	/**
	 * Whether the query's characters and words stand in the text at the same distances: the
	 * meaning of a phrase, checked by walking the positions of single characters and words
	 * (never the bigrams the index searches by).
	 */
	static boolean containsPhrase(String text, String query) {
		List<Map.Entry<Integer, String>> wanted = tokens(INDEXING, query).stream()
			.filter(token -> token.getValue().codePointCount(0, token.getValue().length()) == 1
					|| !isHan(token.getValue()))
			.toList();
		if (wanted.isEmpty()) {
			return false;
		}
		Map<Integer, Set<String>> atPosition = new HashMap<>();
		tokens(INDEXING, text).forEach(token -> atPosition.computeIfAbsent(token.getKey(), p -> new HashSet<>()).add(token.getValue()));
		int firstWanted = wanted.get(0).getKey();
		for (int start : atPosition.keySet()) {
			boolean all = true;
			for (Map.Entry<Integer, String> token : wanted) {
				Set<String> there = atPosition.get(start + token.getKey() - firstWanted);
				if (there == null || !there.contains(token.getValue())) {
					all = false;
					break;
				}
			}
			if (all) {
				return true;
			}
		}
		return false;
	}

	private static boolean isHan(String token) {
		return token.codePoints().allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
	}

	private static List<Map.Entry<Integer, String>> tokens(Analyzer analyzer, String text) {
		List<Map.Entry<Integer, String>> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("f", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
			stream.reset();
			int position = -1;
			while (stream.incrementToken()) {
				position += increment.getPositionIncrement();
				tokens.add(Map.entry(position, term.toString()));
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	/** The filters every drift check covers, for these channels and values. */
	static Map<String, StoryFilter> filters(List<Story> all, List<String> channelIds, String[] tags, String[] regions,
			String[] texts) {
		Map<String, StoryFilter> filters = new LinkedHashMap<>();
		filters.put("all", filter(null, null, null, null, null, null));
		for (StoryStatus status : StoryStatus.values()) {
			filters.put("status " + status, filter(null, status, null, null, null, null));
		}
		channelIds.forEach(c -> filters.put("channel " + c, filter(null, null, GlobalId.encode("Channel", c), null, null, null)));
		for (String tag : tags) {
			filters.put("tag " + tag, filter(null, null, null, tag, null, null));
			filters.put("tag+published " + tag, filter(null, StoryStatus.PUBLISHED, null, tag, null, null));
		}
		for (String region : regions) {
			filters.put("region " + region, filter(null, null, null, null, region, null));
		}
		filters.put("language bo", filter(null, null, null, null, null, "bo"));
		for (String text : texts) {
			filters.put("text " + text, filter(text, null, null, null, null, null));
			filters.put("text+tag " + text, filter(text, null, null, tags[0], null, null));
		}
		if (all.size() > 4) {
			List<java.time.Instant> times = all.stream().map(Story::createdAt).sorted().toList();
			java.time.Instant from = times.get(times.size() / 4);
			java.time.Instant to = times.get(times.size() * 3 / 4);
			filters.put("range", new StoryFilter(null, null, null, null, null, null, from, to));
			filters.put("after", new StoryFilter(null, null, null, null, null, null, from, null));
			filters.put("before+tag", new StoryFilter(null, null, null, tags[0], null, null, null, to));
		}
		return filters;
	}

	private static StoryFilter filter(String text, StoryStatus status, String channelId, String tag, String region,
			String language) {
		return new StoryFilter(text, status, channelId, tag, region, language, null, null);
	}

}
