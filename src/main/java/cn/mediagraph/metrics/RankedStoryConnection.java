package cn.mediagraph.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.story.Story;
import org.jspecify.annotations.Nullable;

/**
 * A page of stories ranked by a figure (Relay cursor connection): the cursor is the rank. Its class name ends in "Connection", which Spring for GraphQL passes through as an already built connection.
 *
 * @param totalCount how many stories have a figure in the range
 */
public record RankedStoryConnection(List<Edge> edges, PageInfo pageInfo, long totalCount) {

	static final int DEFAULT_PAGE = 10;

	/** A ranked story: its place (from 1) and its figure. */
	public record Edge(String cursor, Story node, int rank, double value) {
	}

	public List<Story> nodes() {
		return edges.stream().map(Edge::node).toList();
	}

	static String cursor(int rank) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("rank:" + rank).getBytes(StandardCharsets.UTF_8));
	}

	/** The rank after which a page starts: 0 without a cursor. */
	static int after(@Nullable String cursor) {
		if (cursor == null) {
			return 0;
		}
		return Optional.of(cursor).map(text -> {
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
				return decoded.startsWith("rank:") ? Integer.parseInt(decoded.substring(5)) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}).filter(rank -> rank >= 0).orElseThrow(() -> new BadRequestException("Not a cursor of this ranking"));
	}

	static int pageSize(@Nullable Integer first) {
		if (first == null) {
			return DEFAULT_PAGE;
		}
		return PageRequest.checked(first, "first");
	}

}
