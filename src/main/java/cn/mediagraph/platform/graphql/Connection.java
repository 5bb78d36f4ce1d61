package cn.mediagraph.platform.graphql;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * A page of a Relay connection. {@code totalCount} is computed only when a client selects it.
 *
 * @param edges the nodes of this page, each with its cursor
 * @param pageInfo where this page stands
 * @param counter counts every node the connection's filter matches
 * @param <T> the node type
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, LongSupplier counter) {

	/** The total is counted once, however often it is read. */
	public Connection {
		counter = Lazily.ofLong(counter);
	}

	/** An edge: one node and the cursor that points at it. */
	public record Edge<T>(String cursor, T node) {
	}

	/** Relay's page information. */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	public List<T> nodes() {
		return edges.stream().map(Edge::node).toList();
	}

	/** Resolved by the {@code totalCount} field, so asked-for only. */
	public long totalCount() {
		return counter.getAsLong();
	}

}
