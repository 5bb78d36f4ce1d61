package cn.mediagraph.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One story version put on one channel at one instant: the document and the aggregate. Every
 * write is one conditional single-document write on {@link #revision}; the publisher claims a
 * due post by such a write, with a lease ({@link #leaseUntil}), so two instances never deliver
 * it twice and a crashed claim is taken again once its lease ends.
 *
 * @param id the document id: derived from the tenant and the idempotency key
 * @param tenantId the media center
 * @param campaignId the campaign's document id
 * @param storyId the story's document id
 * @param channelId the channel's document id
 * @param scheduledAt when it goes out
 * @param localDay {@code scheduledAt}'s day in the center's zone (yyyy-MM-dd): the day the
 * channel's daily limit counts it in
 * @param status where it stands
 * @param idempotencyKey the key it was scheduled with; webhook receivers de-duplicate by it
 * @param request what it was first asked with (campaign, story, channel, instant): the same key
 * with another request is refused
 * @param attempts delivery attempts begun
 * @param dueAt when the publisher must next look at it (the approval cut-off, its instant, a
 * retry, the end of a lease); null when nothing is due (settled, or waiting for an editor)
 * @param leaseOwner the publisher instance delivering it, while one is
 * @param leaseUntil until when that claim holds
 * @param publishedAt when it went out
 * @param externalUrl where it can be seen
 * @param reason why it failed or was blocked
 * @param transitions every change of state, oldest first
 * @param revision counts writes, from 1
 * @param createdBy the id of the user who scheduled it
 * @param createdAt when it was scheduled
 * @param updatedAt when it last changed
 */
@Document(Post.COLLECTION)
public record Post(@Id String id, String tenantId, String campaignId, String storyId, String channelId,
		Instant scheduledAt, String localDay, PostStatus status, String idempotencyKey, String request, int attempts,
		@Nullable Instant dueAt, @Nullable String leaseOwner, @Nullable Instant leaseUntil,
		@Nullable Instant publishedAt, @Nullable String externalUrl, @Nullable String reason,
		List<PostTransition> transitions, long revision, String createdBy, Instant createdAt, Instant updatedAt)
		implements TenantOwned {

	public static final String COLLECTION = "posts";

	public Post {
		transitions = transitions == null ? List.of() : List.copyOf(transitions);
	}

	/** The retry instant, while the post waits for one (PUBLISHING, not leased). */
	public @Nullable Instant nextAttemptAt() {
		return status == PostStatus.PUBLISHING && leaseOwner == null ? dueAt : null;
	}

	/** The transitions with one more at the end. */
	List<PostTransition> plus(PostStatus entered, Instant at, String why) {
		List<PostTransition> longer = new ArrayList<>(transitions);
		longer.add(new PostTransition(entered, at, why));
		return longer;
	}

}
