package cn.mediagraph.tenant;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A media center served by this installation (a tenant). A provincial platform links many.
 *
 * @param id the document id
 * @param slug the short name people sign in with, e.g. {@code yijun}
 * @param name the center's full name
 * @param timeZone the zone its "day" is counted in, e.g. {@code Asia/Shanghai}
 * @param createdAt when it was created
 */
@Document(Tenant.COLLECTION)
public record Tenant(@Id String id, String slug, String name, String timeZone, Instant createdAt) {

	static final String COLLECTION = "tenants";

}
