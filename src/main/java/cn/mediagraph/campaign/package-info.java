/**
 * Campaigns (主题宣传) and their scheduled posts, and the publisher that delivers due posts
 * exactly once: {@link cn.mediagraph.campaign.Campaign}, {@link cn.mediagraph.campaign.Post},
 * {@link cn.mediagraph.campaign.Publisher}, with {@link cn.mediagraph.campaign.ChannelPublisher}
 * as the place for platform adapters.
 */
@NullMarked
package cn.mediagraph.campaign;

import org.jspecify.annotations.NullMarked;
