package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.search.SearchOrder;
import cn.mediagraph.platform.search.SearchQueries;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

/**
 * A story filter made ready for the index: every given field must match, the text as a phrase
 * in the title, summary or body (the title weighs most for relevance).
 *
 * @param query the index query
 * @param text the text searched for, if any
 * @param order the order asked for
 */
record StoryQuery(Query query, @Nullable String text, SearchOrder order) {

	static final int MAX_TEXT = 100;

	/** Relevance weights: a match in the headline says more than one deep in the body. */
	static final Map<String, Float> TEXT_FIELDS = textFields();

	/**
	 * Empty when nothing can match: a channel id that is not a channel's, or a search text with
	 * nothing searchable in it.
	 */
	static Optional<StoryQuery> of(@Nullable StoryFilter filter, @Nullable StoryOrder order) {
		SearchOrder searchOrder = order == StoryOrder.RELEVANCE ? SearchOrder.RELEVANCE : SearchOrder.NEWEST;
		if (filter == null) {
			return Optional.of(new StoryQuery(SearchQueries.all(), null, searchOrder));
		}
		List<Query> filters = new ArrayList<>();
		if (filter.channelId() != null) {
			Optional<String> channel = GlobalId.decode(filter.channelId(), "Channel");
			if (channel.isEmpty()) {
				return Optional.empty();
			}
			filters.add(SearchQueries.keyword(StoryFacet.CHANNEL.field(), channel.get()));
		}
		for (StoryFacet facet : StoryFacet.values()) {
			String wanted = facet.wantedBy(filter);
			if (wanted != null) {
				filters.add(SearchQueries.keyword(facet.field(), wanted));
			}
		}
		if (filter.createdAfter() != null || filter.createdBefore() != null) {
			filters.add(SearchQueries.between(StoryIndexing.CREATED, filter.createdAfter(), filter.createdBefore()));
		}
		String text = text(filter.text());
		Query phrase = null;
		if (text != null) {
			Optional<Query> searchable = SearchQueries.phrase(TEXT_FIELDS, text);
			if (searchable.isEmpty()) {
				// only punctuation or symbols: a search box shows "nothing found", not an error
				return Optional.empty();
			}
			phrase = searchable.get();
		}
		if (filters.isEmpty() && phrase == null) {
			return Optional.of(new StoryQuery(SearchQueries.all(), null, searchOrder));
		}
		return Optional.of(new StoryQuery(SearchQueries.allOf(filters, phrase), text, searchOrder));
	}

	private static @Nullable String text(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String wanted = text.strip();
		if (wanted.codePointCount(0, wanted.length()) > MAX_TEXT) {
			throw new BadRequestException("Search text is at most " + MAX_TEXT + " characters");
		}
		return wanted;
	}

	private static Map<String, Float> textFields() {
		Map<String, Float> fields = new LinkedHashMap<>();
		fields.put(StoryIndexing.TITLE, 3f);
		fields.put(StoryIndexing.SUMMARY, 2f);
		fields.put(StoryIndexing.BODY, 1f);
		return fields;
	}

}
