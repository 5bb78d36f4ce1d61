package cn.mediagraph.channel;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.channel.ChannelInputs.ChannelFilter;
import cn.mediagraph.channel.ChannelInputs.ChannelPayload;
import cn.mediagraph.channel.ChannelInputs.CreateChannelInput;
import cn.mediagraph.channel.ChannelInputs.DeactivateChannelInput;
import cn.mediagraph.channel.ChannelInputs.UpdateChannelInput;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.NodeResolver;
import cn.mediagraph.platform.graphql.PageRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class ChannelController implements NodeResolver {

	private final ChannelService channels;

	ChannelController(ChannelService channels) {
		this.channels = channels;
	}

	@QueryMapping
	@Nullable Channel channel(@Argument String id) {
		return channels.channel(id).orElse(null);
	}

	@QueryMapping
	Connection<Channel> channels(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable Integer last, @Argument @Nullable String before, @Argument @Nullable ChannelFilter filter) {
		return channels.channels(filter, PageRequest.of(first, after, last, before));
	}

	@MutationMapping
	ChannelPayload createChannel(@Argument CreateChannelInput input) {
		return channels.create(input);
	}

	@MutationMapping
	ChannelPayload updateChannel(@Argument UpdateChannelInput input) {
		return channels.update(input);
	}

	@MutationMapping
	ChannelPayload deactivateChannel(@Argument DeactivateChannelInput input) {
		return channels.deactivate(input.id());
	}

	@SchemaMapping
	ChannelDelivery.@Nullable View delivery(Channel channel) {
		return channels.delivery(channel).orElse(null);
	}

	@Override
	public String typeName() {
		return ChannelService.NODE_TYPE;
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		return channels.findExisting(rawIds).stream().collect(Collectors.toMap(Channel::id, Function.identity()));
	}

}
