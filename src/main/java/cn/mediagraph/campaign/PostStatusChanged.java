package cn.mediagraph.campaign;

import java.time.Instant;

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

	static PostStatusChanged of(Post post) {
		PostTransition last = post.transitions().isEmpty() ? new PostTransition(post.status(), post.updatedAt(), "")
				: post.transitions().get(post.transitions().size() - 1);
		return new PostStatusChanged(post.tenantId(), post.campaignId(), post.id(), post.status(), last.at(),
				last.reason());
	}

}
