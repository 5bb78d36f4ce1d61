package cn.mediagraph.story;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.Lazily;
import cn.mediagraph.platform.search.Highlight;
import org.jspecify.annotations.Nullable;

/**
 * A page of the newsroom list. The total and the facet counts are computed only when a client
 * selects them; so is each edge's highlight.
 *
 * @param edges the stories of this page with their cursors
 * @param pageInfo where this page stands
 * @param counter counts every story the filter matches
 * @param facetCounter counts the matching stories per value of each keyword field
 */
public record StoryConnection(List<Edge> edges, PageInfo pageInfo, IntSupplier counter, Supplier<Facets> facetCounter) {

	/** The total and the facets are counted once, however often they are read. */
	public StoryConnection {
		counter = Lazily.ofInt(counter);
		facetCounter = Lazily.of(facetCounter);
	}

	public List<Story> nodes() {
		return edges.stream().map(Edge::node).toList();
	}

	public int totalCount() {
		return counter.getAsInt();
	}

	public Facets facets() {
		return facetCounter.get();
	}

	/**
	 * A story in the page.
	 *
	 * @param highlighter finds where the text search matched, if there was one
	 */
	record Edge(String cursor, Story node, Supplier<@Nullable Highlight> highlighter) {

		/** Found once, however often it is read. */
		Edge {
			highlighter = Lazily.of(highlighter);
		}

		public @Nullable Highlight highlight() {
			return highlighter.get();
		}

	}

	/** How many matching stories have each value, per keyword field, most common first. */
	record Facets(List<FacetCount> status, List<FacetCount> channel, List<FacetCount> tag, List<FacetCount> region,
			List<FacetCount> language) {
	}

	/** A value and how many matching stories have it. */
	record FacetCount(String value, int count) {
	}

}
