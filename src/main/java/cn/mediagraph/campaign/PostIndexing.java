package cn.mediagraph.campaign;

import cn.mediagraph.platform.search.IndexDocument;
import cn.mediagraph.platform.search.IndexedKind;
import org.springframework.stereotype.Component;

/**
 * Posts in the search index: a campaign's posts, the calendar, and the scheduling rules' counts
 * (posts of a channel on a local day, of a story on a channel around an instant) are served
 * from it. Lists run earliest first ({@code queued} on the instant).
 */
@Component
class PostIndexing implements IndexedKind<Post> {

	static final String CAMPAIGN = "campaignId";

	static final String CHANNEL = "channelId";

	static final String STORY = "storyId";

	static final String STATUS = "status";

	static final String DAY = "localDay";

	static final String AT = "scheduledAt";

	@Override
	public String name() {
		return "post";
	}

	@Override
	public Class<Post> type() {
		return Post.class;
	}

	@Override
	public int layoutVersion() {
		return 1;
	}

	@Override
	public long version(Post post) {
		return post.revision();
	}

	@Override
	public void describe(Post post, IndexDocument into) {
		long tie = CampaignIndexing.tieBreaker(post.id());
		into.keyword(CAMPAIGN, post.campaignId())
			.keyword(CHANNEL, post.channelId())
			.keyword(STORY, post.storyId())
			.keyword(STATUS, post.status().name())
			.keyword(DAY, post.localDay())
			.instant(AT, post.scheduledAt())
			.order(post.scheduledAt(), tie)
			.queued(post.scheduledAt(), tie);
	}

}
