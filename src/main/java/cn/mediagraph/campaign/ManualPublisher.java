package cn.mediagraph.campaign;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelDelivery;
import cn.mediagraph.channel.DeliveryMode;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * MANUAL channels, and channels with no delivery settings: the post waits, PUBLISHING, for an
 * editor to publish it by hand and record where with {@code confirmPost}.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class ManualPublisher implements ChannelPublisher {

	@Override
	public boolean supports(Channel channel, @Nullable ChannelDelivery settings) {
		return settings == null || settings.mode() == DeliveryMode.MANUAL;
	}

	@Override
	public Outcome deliver(Delivery delivery) {
		return new Outcome.AwaitConfirmation("Due: waiting for an editor to publish it by hand and confirm it");
	}

}
