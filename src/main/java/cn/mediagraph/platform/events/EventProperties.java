package cn.mediagraph.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of live events ({@code mediagraph.events.*}).
 *
 * @param maxSubscriptionsPerUser subscriptions one user may hold open at once on one instance
 * @param bufferPerSubscription events kept for a subscriber that reads slower than they come;
 * past it the oldest are dropped
 * @param retention how long an event stays in the {@code events} collection for other
 * instances to follow (they read it within a second; the rest is deleted by {@code _id} range)
 * @param pollInterval how often the change stream of other instances' events is read
 */
@ConfigurationProperties("mediagraph.events")
record EventProperties(@DefaultValue("5") int maxSubscriptionsPerUser, @DefaultValue("256") int bufferPerSubscription,
		@DefaultValue("10m") Duration retention, @DefaultValue("200ms") Duration pollInterval) {
}
