package cn.mediagraph.account;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Failed sign-ins in a row for one username, kept in the database so that every instance
 * sharing it throttles alike.
 *
 * @param id {@code <tenant>:<username>}
 * @param tenantId the tenant signed in to
 * @param failures failures since the last success
 * @param lockedUntil no attempt is checked before this instant
 */
@Document(LoginAttempts.COLLECTION)
record LoginAttempts(@Id String id, String tenantId, int failures, @Nullable Instant lockedUntil)
		implements TenantOwned {

	static final String COLLECTION = "login_attempts";

	static String idOf(String tenantId, String username) {
		return tenantId + ":" + username;
	}

}
