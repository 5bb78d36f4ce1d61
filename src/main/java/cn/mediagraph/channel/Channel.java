package cn.mediagraph.channel;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One outlet of a media center: its TV channel, its Douyin account, a big screen on the square.
 *
 * @param id the document id
 * @param tenantId the media center
 * @param name what the newsroom calls it, e.g. 宜君县融媒体中心抖音号
 * @param platform where it publishes
 * @param medium the kind of medium
 * @param handle the account handle or URL, if any
 * @param active whether it takes new posts; a deactivated channel keeps its history
 * @param maxPostsPerDay the platform's publishing limit, if it has one
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@Document(Channel.COLLECTION)
public record Channel(@Id String id, String tenantId, String name, Platform platform, Medium medium,
		@Nullable String handle, boolean active, @Nullable Integer maxPostsPerDay, Instant createdAt,
		Instant updatedAt) implements TenantOwned {

	static final String COLLECTION = "channels";

}
