package cn.mediagraph.story;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.events.TenantEvent;
import cn.mediagraph.platform.graphql.GlobalId;
import org.jspecify.annotations.Nullable;

/**
 * A change of a story told live to its center ({@code storyEvents}): it was filed, saved,
 * moved in review or publication, decided on, or deleted.
 *
 * @param kind what happened
 * @param storyId the story's global id
 * @param title its headline after the change
 * @param status its status after the change (null once deleted)
 * @param reviewLevel the level it waits at after the change, while in review
 * @param decision the review decision, for {@link Kind#REVIEWED}
 * @param revision its revision after the change
 * @param actorId the global id of the user who made the change
 * @param actorUsername their login name
 * @param at when
 */
public record StoryEvent(Kind kind, String storyId, String title, @Nullable StoryStatus status,
		@Nullable ReviewLevel reviewLevel, @Nullable ReviewDecision decision, long revision, String actorId,
		String actorUsername, Instant at) {

	/** The topic of story events among a center's events. */
	static final String TOPIC = "story";

	/** What happened to the story. */
	public enum Kind {
		/** Filed. */
		CREATED,
		/** Its content saved (an edit or a correction). */
		SAVED,
		/** Moved to another status without a decision (submitted, published, withdrawn, archived). */
		MOVED,
		/** A reviewer's decision recorded. */
		REVIEWED,
		/** Deleted. */
		DELETED
	}

	/** The event of a write that left the story as {@code after}. */
	static StoryEvent of(Kind kind, Story after, String actorId, String actorUsername) {
		List<ReviewMark> trail = after.review().trail();
		ReviewDecision decision = kind == Kind.REVIEWED && !trail.isEmpty() ? trail.get(trail.size() - 1).decision()
				: null;
		return new StoryEvent(kind, GlobalId.encode(StoryService.NODE_TYPE, after.id()), after.title(),
				kind == Kind.DELETED ? null : after.status(), after.reviewLevel(), decision, after.revision(),
				GlobalId.encode("User", actorId), actorUsername, after.updatedAt());
	}

	TenantEvent toTenantEvent(String tenantId) {
		Map<String, Object> payload = new HashMap<>();
		payload.put("kind", kind.name());
		payload.put("storyId", storyId);
		payload.put("title", title);
		payload.put("revision", revision);
		payload.put("actorId", actorId);
		payload.put("actorUsername", actorUsername);
		if (status != null) {
			payload.put("status", status.name());
		}
		if (reviewLevel != null) {
			payload.put("reviewLevel", reviewLevel.name());
		}
		if (decision != null) {
			payload.put("decision", decision.name());
		}
		return new TenantEvent(tenantId, TOPIC, payload, at);
	}

	static StoryEvent from(TenantEvent event) {
		Map<String, Object> payload = event.payload();
		String status = event.text("status");
		String level = event.text("reviewLevel");
		String decision = event.text("decision");
		return new StoryEvent(Kind.valueOf(String.valueOf(payload.get("kind"))), String.valueOf(payload.get("storyId")),
				String.valueOf(payload.get("title")), status == null ? null : StoryStatus.valueOf(status),
				level == null ? null : ReviewLevel.valueOf(level),
				decision == null ? null : ReviewDecision.valueOf(decision),
				((Number) payload.get("revision")).longValue(), String.valueOf(payload.get("actorId")),
				String.valueOf(payload.get("actorUsername")), event.at());
	}

}
