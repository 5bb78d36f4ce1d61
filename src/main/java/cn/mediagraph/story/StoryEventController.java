package cn.mediagraph.story;

import cn.mediagraph.platform.events.TenantEvents;
import cn.mediagraph.platform.security.CurrentUser;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** {@code storyEvents}: the caller's center's story changes, live (GraphQL over WebSocket). */
@Controller
class StoryEventController {

	private final TenantEvents events;

	StoryEventController(TenantEvents events) {
		this.events = events;
	}

	/**
	 * Any signed-in user of a center follows its stories (the same users read them all); the
	 * platform admin, who belongs to no center, is refused.
	 */
	@SubscriptionMapping
	Flux<StoryEvent> storyEvents() {
		CurrentUser caller = CurrentUser.require();
		return events.subscribe(caller.requireTenantId(), StoryEvent.TOPIC, caller.userId()).map(StoryEvent::from);
	}

	@SchemaMapping(typeName = "StoryEvent")
	Actor actor(StoryEvent event) {
		return new Actor(event.actorId(), event.actorUsername());
	}

	/** Who made a change, as the event tells it. */
	record Actor(String id, String username) {
	}

}
