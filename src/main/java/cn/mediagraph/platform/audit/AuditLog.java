package cn.mediagraph.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.Connection.Edge;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.platform.search.SearchOrder;
import cn.mediagraph.platform.search.SearchQueries;
import cn.mediagraph.platform.security.CurrentUser;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Reads a center's audit log, newest first, from the search index: its ADMIN only. */
@Service
class AuditLog {

	private final SearchIndex index;

	private final AuditIndexing kind;

	AuditLog(SearchIndex index, AuditIndexing kind) {
		this.index = index;
		this.kind = kind;
	}

	/**
	 * What {@code auditLog} filters by; every given condition must hold.
	 *
	 * @param userId global id of the user who made the mutations
	 * @param objectId global id of an object they named or returned
	 * @param action a mutation's name, e.g. {@code reviewStory}
	 * @param from at or after
	 * @param to before
	 */
	record AuditLogFilter(@Nullable String userId, @Nullable String objectId, @Nullable String action,
			@Nullable Instant from, @Nullable Instant to) {
	}

	@PreAuthorize("hasRole('ADMIN')")
	Connection<AuditEntry> page(@Nullable AuditLogFilter filter, PageRequest page) {
		String tenantId = CurrentUser.require().requireTenantId();
		Optional<Query> query = query(filter);
		if (query.isEmpty()) {
			return new Connection<>(List.of(), new PageInfo(false, false, null, null), () -> 0);
		}
		SearchIndex.Slice<AuditEntry> slice = index.page(kind, tenantId, query.get(), SearchOrder.NEWEST, page.cursor(),
				page.forward(), page.size());
		List<Edge<AuditEntry>> edges = slice.hits().stream().map(hit -> new Edge<>(hit.cursor(), hit.document())).toList();
		boolean resumed = page.cursor() != null;
		PageInfo info = new PageInfo(page.forward() ? slice.more() : resumed, page.forward() ? resumed : slice.more(),
				edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		Query counted = query.get();
		return new Connection<>(edges, info, () -> index.count(kind, tenantId, counted));
	}

	/** The filter as an index query; empty when it can match nothing (a user id that is no user's). */
	static Optional<Query> query(@Nullable AuditLogFilter filter) {
		if (filter == null) {
			return Optional.of(SearchQueries.all());
		}
		List<Query> conditions = new ArrayList<>();
		if (filter.userId() != null) {
			Optional<String> user = GlobalId.decode(filter.userId(), "User");
			if (user.isEmpty()) {
				return Optional.empty();
			}
			conditions.add(SearchQueries.keyword(AuditIndexing.USER, user.get()));
		}
		if (filter.objectId() != null) {
			conditions.add(SearchQueries.keyword(AuditIndexing.OBJECT, filter.objectId()));
		}
		if (filter.action() != null) {
			conditions.add(SearchQueries.keyword(AuditIndexing.ACTION, filter.action()));
		}
		if (filter.from() != null || filter.to() != null) {
			conditions.add(SearchQueries.between(AuditIndexing.AT, filter.from(), filter.to()));
		}
		return Optional.of(conditions.isEmpty() ? SearchQueries.all() : SearchQueries.allOf(conditions, null));
	}

}
