package cn.mediagraph.campaign;

import java.time.Instant;
import java.util.Map;

import cn.mediagraph.platform.events.TenantEvent;
import cn.mediagraph.platform.graphql.GlobalId;

/**
 * A post entered a state (or made another attempt): published as an application event after
 * each write, for the subscription on a campaign's posts and for other features' reactions.
 *
 * @param tenantId the media center
 * @param campaignId the campaign's document id
 * @param postId the post's document id
 * @param status the state it is in now
 * @param at when
 * @param reason why
 */
public record PostStatusChanged(String tenantId, String campaignId, String postId, PostStatus status, Instant at,
		String reason) {

	/** The topic of post events among a center's events. */
	static final String TOPIC = "post";

	TenantEvent toTenantEvent() {
		return new TenantEvent(tenantId, TOPIC, Map.of("campaignId", campaignId, "postId", postId, "status",
				status.name(), "reason", reason), at);
	}

	static PostStatusChanged from(TenantEvent event) {
		return new PostStatusChanged(event.tenantId(), String.valueOf(event.text("campaignId")),
				String.valueOf(event.text("postId")), PostStatus.valueOf(event.text("status")), event.at(),
				String.valueOf(event.text("reason")));
	}

	/** As the subscription shows it: global ids. */
	public String getPostId() {
		return GlobalId.encode(PostService.NODE_TYPE, postId);
	}

	public String getCampaignId() {
		return GlobalId.encode(CampaignService.NODE_TYPE, campaignId);
	}

	static PostStatusChanged of(Post post) {
		PostTransition last = post.transitions().isEmpty() ? new PostTransition(post.status(), post.updatedAt(), "")
				: post.transitions().get(post.transitions().size() - 1);
		return new PostStatusChanged(post.tenantId(), post.campaignId(), post.id(), post.status(), last.at(),
				last.reason());
	}

}
