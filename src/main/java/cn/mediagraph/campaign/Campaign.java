package cn.mediagraph.campaign;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A thematic campaign (主题宣传) of a media center: the document and the aggregate.
 *
 * @param id the document id (an ObjectId's hex)
 * @param tenantId the media center
 * @param name what the newsroom calls it
 * @param theme the theme it carries, if given
 * @param description what it is for, if given
 * @param startsAt the start of its window
 * @param endsAt the end of its window (exclusive)
 * @param channelIds the channels its posts may go to
 * @param goals its reach targets, at most one per metric
 * @param tags subject tags
 * @param status {@link CampaignStatus#CANCELLED} once cancelled, else the status when it was last
 * written: what holds now is {@link #statusAt(Instant)}, derived from the window
 * @param cancelledAt when it was cancelled, if it was
 * @param revision counts writes, from 1
 * @param createdBy the id of the user who created it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@Document(Campaign.COLLECTION)
public record Campaign(@Id String id, String tenantId, String name, @Nullable String theme,
		@Nullable String description, Instant startsAt, Instant endsAt, List<String> channelIds,
		List<CampaignGoal> goals, List<String> tags, CampaignStatus status, @Nullable Instant cancelledAt,
		long revision, String createdBy, Instant createdAt, Instant updatedAt) implements TenantOwned {

	public static final String COLLECTION = "campaigns";

	public Campaign {
		channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
		goals = goals == null ? List.of() : List.copyOf(goals);
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

	/** Where it stands at {@code now}: cancelled, or before, in or after its window. */
	public CampaignStatus statusAt(Instant now) {
		if (cancelledAt != null) {
			return CampaignStatus.CANCELLED;
		}
		if (now.isBefore(startsAt)) {
			return CampaignStatus.PLANNED;
		}
		return now.isBefore(endsAt) ? CampaignStatus.ACTIVE : CampaignStatus.COMPLETED;
	}

	/** Whether {@code at} lies in the window {@code [startsAt, endsAt)}. */
	public boolean covers(Instant at) {
		return !at.isBefore(startsAt) && at.isBefore(endsAt);
	}

}
