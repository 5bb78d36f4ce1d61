package cn.mediagraph.platform.audit;

import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code auditLog} and its entries. */
@Controller
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@QueryMapping
	Connection<AuditEntry> auditLog(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument AuditLog.@Nullable AuditLogFilter filter) {
		return log.page(filter, PageRequest.of(first, after, null, null));
	}

	@SchemaMapping(typeName = "AuditEntry")
	Actor user(AuditEntry entry) {
		return new Actor(GlobalId.encode("User", entry.userId()), entry.username());
	}

	/** Who made a mutation, as recorded. */
	record Actor(String id, String username) {
	}

}
