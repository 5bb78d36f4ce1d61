package cn.mediagraph.campaign;

import java.util.List;
import java.util.function.LongSupplier;

import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.search.SearchIndex;

/** Relay connections from pages of the search index. */
final class Pages {

	private Pages() {
	}

	static <T> Connection<T> connection(SearchIndex.Slice<T> slice, PageRequest page, LongSupplier count) {
		List<Connection.Edge<T>> edges = slice.hits().stream().map(hit -> new Connection.Edge<>(hit.cursor(), hit.document())).toList();
		boolean resumed = page.cursor() != null;
		Connection.PageInfo info = new Connection.PageInfo(page.forward() ? slice.more() : resumed,
				page.forward() ? resumed : slice.more(), edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new Connection<>(edges, info, count);
	}

	static <T> Connection<T> empty() {
		return new Connection<>(List.of(), new Connection.PageInfo(false, false, null, null), () -> 0);
	}

}
