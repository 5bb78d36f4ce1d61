package cn.mediagraph.metrics;

import cn.mediagraph.campaign.Post;
import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What attribution needs of a {@link Post} (the campaign feature owns the collection): read by
 * {@code _id} only, to credit a post's figures to its story, channel and campaign, without
 * mapping the publisher's fields on every sample batch.
 */
@Document(Post.COLLECTION)
record PostRef(@Id String id, String tenantId, @Nullable String storyId, @Nullable String channelId,
		@Nullable String campaignId) implements TenantOwned {
}
