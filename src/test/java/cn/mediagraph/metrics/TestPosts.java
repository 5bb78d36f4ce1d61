package cn.mediagraph.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import cn.mediagraph.campaign.Post;
import cn.mediagraph.campaign.PostStatus;
import cn.mediagraph.campaign.PostTransition;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import org.jspecify.annotations.Nullable;

/**
 * Published posts stored whole, as the campaign feature stores them, for tests of reach that
 * need a post's attribution (story, channel, campaign) without scheduling and delivering it.
 * Whole, because every reader of the collection (the post index's rebuild among them) must be
 * able to read them.
 */
public final class TestPosts {

	private TestPosts() {
	}

	/** Stores a post of the story on the channel (document ids) and returns its global id. */
	public static String post(TenantStore store, String tenantId, String storyId, String channelId,
			@Nullable String campaignId) {
		String key = "test-" + UUID.randomUUID();
		String id = Post.idFor(tenantId, key);
		Instant at = Instant.now().minusSeconds(3600);
		Post post = new Post(id, tenantId, campaignId, storyId, channelId, at,
				at.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString(), PostStatus.PUBLISHED, key, key, 1, null,
				null, null, at, null, null, List.of(new PostTransition(PostStatus.PUBLISHED, at, "test")), 1, "test", at,
				at);
		store.forTenant(tenantId).insert(post);
		return GlobalId.encode("Post", id);
	}

}
