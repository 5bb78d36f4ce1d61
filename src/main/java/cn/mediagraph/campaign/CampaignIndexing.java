package cn.mediagraph.campaign;

import cn.mediagraph.platform.search.IndexDocument;
import cn.mediagraph.platform.search.IndexedKind;
import org.springframework.stereotype.Component;

/**
 * Campaigns in the search index: the list and its filters (status from the window, channel,
 * tag, text, dates) are served from it, latest start first.
 */
@Component
class CampaignIndexing implements IndexedKind<Campaign> {

	static final String CHANNEL = "channelId";

	static final String TAG = "tag";

	static final String CANCELLED = "cancelled";

	static final String STARTS = "startsAt";

	static final String ENDS = "endsAt";

	@Override
	public String name() {
		return "campaign";
	}

	@Override
	public Class<Campaign> type() {
		return Campaign.class;
	}

	@Override
	public int layoutVersion() {
		return 1;
	}

	@Override
	public long version(Campaign campaign) {
		return campaign.revision();
	}

	@Override
	public void describe(Campaign campaign, IndexDocument into) {
		campaign.channelIds().forEach(id -> into.keyword(CHANNEL, id));
		campaign.tags().forEach(tag -> into.keyword(TAG, tag));
		into.keyword(CANCELLED, Boolean.toString(campaign.cancelledAt() != null))
			.instant(STARTS, campaign.startsAt())
			.instant(ENDS, campaign.endsAt())
			.text("name", campaign.name())
			.text("theme", campaign.theme())
			.text("description", campaign.description())
			.order(campaign.startsAt(), tieBreaker(campaign.id()));
	}

	/** Ids are 24 hex digits; their last sixteen (an ObjectId's time tail, random part and counter, or a hash) order ties. */
	static long tieBreaker(String id) {
		return id.length() >= 16 ? Long.parseUnsignedLong(id.substring(id.length() - 16), 16) : id.hashCode();
	}

}
