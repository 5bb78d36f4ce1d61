/**
 * Live events of a media center, for GraphQL subscriptions: a feature publishes a
 * {@link cn.mediagraph.platform.events.TenantEvent} with {@link cn.mediagraph.platform.events.TenantEvents#publish},
 * and every subscriber of that center and topic, on every instance sharing the database, gets
 * it. Other instances' events arrive through a MongoDB change stream of the {@code events}
 * collection; a store without change streams is one instance, and events stay in memory.
 */
@org.jspecify.annotations.NullMarked
package cn.mediagraph.platform.events;
