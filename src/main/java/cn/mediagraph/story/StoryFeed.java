package cn.mediagraph.story;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.search.Highlight;
import cn.mediagraph.platform.search.Highlighter;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.platform.search.SearchOrder;
import cn.mediagraph.platform.search.SearchQueries;
import cn.mediagraph.platform.search.SearchIndex.FacetCount;
import cn.mediagraph.story.StoryConnection.Edge;
import cn.mediagraph.story.StoryConnection.Facets;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The read path of stories: the newsroom list, its filters, text search, facet counts and
 * highlights, all answered by the {@link SearchIndex}, which keeps each story's latest copy, so
 * a page costs no database command at all, however large the archive.
 */
@Component
class StoryFeed {

	/** The most values listed per facet: a newsroom's sidebar, not an export. */
	static final int MAX_FACET_VALUES = 50;

	private static final List<String> FACET_FIELDS = Arrays.stream(StoryFacet.values()).map(StoryFacet::field).toList();

	private final SearchIndex index;

	private final StoryIndexing stories;

	StoryFeed(SearchIndex index, StoryIndexing stories) {
		this.index = index;
		this.stories = stories;
	}

	/** One page of the tenant's stories that match the filter, in the order asked. */
	StoryConnection page(String tenantId, @Nullable StoryFilter filter, @Nullable StoryOrder order, PageRequest page) {
		Optional<StoryQuery> prepared = StoryQuery.of(filter, order);
		if (prepared.isEmpty()) {
			return new StoryConnection(List.of(), new PageInfo(false, false, null, null), () -> 0, StoryFeed::noFacets);
		}
		StoryQuery query = prepared.get();
		SearchIndex.Slice<Story> slice = index.page(stories, tenantId, query.query(), query.order(), page.cursor(),
				page.forward(), page.size());
		List<Edge> edges = slice.hits()
			.stream()
			.map(hit -> new Edge(hit.cursor(), hit.document(), () -> highlight(hit.document(), query.text())))
			.toList();
		boolean resumed = page.cursor() != null;
		PageInfo info = new PageInfo(page.forward() ? slice.more() : resumed, page.forward() ? resumed : slice.more(),
				edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new StoryConnection(edges, info, () -> index.count(stories, tenantId, query.query()),
				() -> facets(tenantId, query));
	}

	/**
	 * The tenant's stories waiting at a review level, oldest submission first: one keyword
	 * term and the queue order, both kept in the index by {@link StoryIndexing}.
	 */
	StoryConnection queue(String tenantId, ReviewLevel level, PageRequest page) {
		Query waiting = SearchQueries.keyword(StoryIndexing.REVIEW_LEVEL, level.name());
		SearchIndex.Slice<Story> slice = index.page(stories, tenantId, waiting, SearchOrder.QUEUED, page.cursor(),
				page.forward(), page.size());
		List<Edge> edges = slice.hits().stream().map(hit -> new Edge(hit.cursor(), hit.document(), () -> null)).toList();
		boolean resumed = page.cursor() != null;
		PageInfo info = new PageInfo(page.forward() ? slice.more() : resumed, page.forward() ? resumed : slice.more(),
				edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new StoryConnection(edges, info, () -> index.count(stories, tenantId, waiting),
				() -> facets(tenantId, waiting));
	}

	private Facets facets(String tenantId, StoryQuery query) {
		return facets(tenantId, query.query());
	}

	private Facets facets(String tenantId, Query query) {
		Map<String, List<FacetCount>> counts = index.facets(stories, tenantId, query, FACET_FIELDS,
				MAX_FACET_VALUES);
		return new Facets(counts(counts, StoryFacet.STATUS), channels(counts(counts, StoryFacet.CHANNEL)),
				counts(counts, StoryFacet.TAG), counts(counts, StoryFacet.REGION), counts(counts, StoryFacet.LANGUAGE));
	}

	private static List<StoryConnection.FacetCount> counts(Map<String, List<FacetCount>> counts, StoryFacet facet) {
		return counts.getOrDefault(facet.field(), List.of())
			.stream()
			.map(count -> new StoryConnection.FacetCount(count.value(), count.count()))
			.toList();
	}

	/** Channel values as the global ids a filter takes. */
	private static List<StoryConnection.FacetCount> channels(List<StoryConnection.FacetCount> counts) {
		return counts.stream()
			.map(count -> new StoryConnection.FacetCount(GlobalId.encode("Channel", count.value()), count.count()))
			.toList();
	}

	private static Facets noFacets() {
		return new Facets(List.of(), List.of(), List.of(), List.of(), List.of());
	}

	/** Where the text matched, in the title, else the summary, else the body. */
	static @Nullable Highlight highlight(Story story, @Nullable String text) {
		if (text == null) {
			return null;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(StoryIndexing.TITLE, story.title());
		fields.put(StoryIndexing.SUMMARY, story.summary());
		fields.put(StoryIndexing.BODY, story.body());
		return Highlighter.best(text, fields).orElse(null);
	}

}
