package cn.mediagraph.metrics;

import java.util.UUID;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import org.jspecify.annotations.Nullable;

/**
 * Posts as the campaign feature stores them, with only what reach needs (story, channel,
 * campaign), for tests of other features that show reach.
 */
public final class TestPosts {

	private TestPosts() {
	}

	/** Stores a post of the story on the channel (document ids) and returns its global id. */
	public static String post(TenantStore store, String tenantId, String storyId, String channelId, @Nullable String campaignId) {
		String id = UUID.randomUUID().toString();
		store.forTenant(tenantId).insert(new PostRef(id, tenantId, storyId, channelId, campaignId));
		return GlobalId.encode("Post", id);
	}

}
