package cn.mediagraph.metrics;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What attribution needs of a post (the campaign feature owns the collection): read by
 * {@code _id} only, to credit a post's figures to its story, channel and campaign.
 */
@Document("posts")
record PostRef(@Id String id, String tenantId, @Nullable String storyId, @Nullable String channelId,
		@Nullable String campaignId) implements TenantOwned {
}
