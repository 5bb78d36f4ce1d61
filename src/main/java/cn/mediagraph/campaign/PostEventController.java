package cn.mediagraph.campaign;

import java.util.Map;

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

	@SubscriptionMapping
	Flux<Map<String, Object>> postStatusChanged(@Argument String campaignId) {
		CurrentUser caller = CurrentUser.require();
		String campaign = GlobalId.decode(campaignId, CampaignService.NODE_TYPE).orElse("");
		return events.subscribe(caller.requireTenantId(), PostStatusChanged.TOPIC, caller.userId())
			.map(PostStatusChanged::from)
			.filter(change -> change.campaignId().equals(campaign))
			.map(change -> Map.of("postId", change.getPostId(), "campaignId", change.getCampaignId(), "status",
					change.status(), "at", change.at(), "reason", change.reason()));
	}

}
