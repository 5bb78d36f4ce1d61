package cn.mediagraph.account;

import java.time.Instant;
import java.util.Set;

import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.platform.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Somebody who signs in. Platform admins belong to no media center and are kept under the
 * pseudo-tenant {@link #PLATFORM}, which no real tenant id can equal.
 *
 * @param id the document id
 * @param tenantId the media center, or {@link #PLATFORM}
 * @param username unique within the tenant, lowercase
 * @param displayName the name shown to people
 * @param passwordHash an adaptive hash, never returned by the graph
 * @param roles what the user may do
 * @param createdAt when the user was created
 */
@Document(User.COLLECTION)
public record User(@Id String id, String tenantId, String username, String displayName, String passwordHash,
		Set<Role> roles, Instant createdAt) implements TenantOwned {

	static final String COLLECTION = "users";

	/** Where platform admins live. */
	static final String PLATFORM = "_platform";

}
