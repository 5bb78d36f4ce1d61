package cn.mediagraph.testing;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import org.springframework.boot.test.context.TestComponent;

/**
 * Channels for tests of the features that use them, written straight through the service
 * (the way demo data is), so those tests do not depend on the channel mutations.
 */
@TestComponent
public class TestChannels {

	private final ChannelService channels;

	TestChannels(ChannelService channels) {
		this.channels = channels;
	}

	/** A new active channel of the center. */
	public Channel create(TestCenter center, String name, Platform platform, Medium medium) {
		return channels.createForBootstrap(tenantIdOf(center), name, platform, medium, null, null, true);
	}

	/** The center's document id, as stored in every tenant-owned document. */
	public static String tenantIdOf(TestCenter center) {
		return GlobalId.decode(center.tenantId(), "Tenant").orElseThrow();
	}

	/** The channel's id as the graph shows it. */
	public static String globalId(Channel channel) {
		return GlobalId.encode("Channel", channel.id());
	}

}
