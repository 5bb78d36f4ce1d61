package cn.mediagraph.campaign;

import java.time.Instant;

import cn.mediagraph.platform.events.TenantEvents;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.security.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/**
 * {@code postStatusChanged(campaignId)}: a campaign's post status changes, live, through the
 * platform's tenant events (so a change made by any instance's publisher reaches subscribers on
 * every instance). Schedulers see a post BLOCKED at its cut-off here as it happens.
 */
@Controller
class PostEventController {

	private final TenantEvents events;

	PostEventController(TenantEvents events) {
		this.events = events;
	}

	/** Every post write's event goes out to the center's subscribers. */
	@EventListener
	void on(PostStatusChanged change) {
		events.publish(change.toTenantEvent());
	}

	/** A post status change as the subscription shows it, with global ids. */
	record PostStatusEvent(String postId, String campaignId, PostStatus status, Instant at, String reason) {
	}

	@SubscriptionMapping
	Flux<PostStatusEvent> postStatusChanged(@Argument String campaignId) {
		CurrentUser caller = CurrentUser.require();
		String campaign = GlobalId.decode(campaignId, CampaignService.NODE_TYPE).orElse("");
		return events.subscribe(caller.requireTenantId(), PostStatusChanged.TOPIC, caller.userId())
			.map(PostStatusChanged::from)
			.filter(change -> change.campaignId().equals(campaign))
			.map(change -> new PostStatusEvent(change.getPostId(), change.getCampaignId(), change.status(), change.at(),
					change.reason()));
	}

}
