package cn.mediagraph.metrics;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A platform's id of a content, on one channel, linked to the post it is: samples reported
 * under the platform id count for that post from then on, and those kept before count too.
 *
 * @param id {@code tenant|channel|externalId}
 */
@Document(ContentLink.COLLECTION)
record ContentLink(@Id String id, String tenantId, String channelId, String externalId, String postId,
		Instant linkedAt, String linkedBy) implements TenantOwned {

	static final String COLLECTION = "metric_links";

	static String id(String tenantId, String channelId, String externalId) {
		return tenantId + "|" + channelId + "|" + externalId;
	}

}
