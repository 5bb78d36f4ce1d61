package cn.mediagraph.channel;

import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import org.jspecify.annotations.Nullable;

/** The inputs and payloads of the channel mutations, and the list filter. */
final class ChannelInputs {

	private ChannelInputs() {
	}

	record CreateChannelInput(@Nullable String name, @Nullable Platform platform, @Nullable Medium medium,
			@Nullable String handle, @Nullable Integer maxPostsPerDay) {
	}

	record UpdateChannelInput(@Nullable String id, @Nullable String name, @Nullable Platform platform,
			@Nullable Medium medium, @Nullable String handle, @Nullable Integer maxPostsPerDay,
			@Nullable Boolean active, @Nullable DeliveryInput delivery) {
	}

	record DeliveryInput(@Nullable DeliveryMode mode, @Nullable String webhookUrl, @Nullable String secret) {
	}

	record DeactivateChannelInput(@Nullable String id) {
	}

	record ChannelPayload(@Nullable Channel channel, List<UserError> userErrors) {

		static ChannelPayload failed(List<UserError> errors) {
			return new ChannelPayload(null, errors);
		}

	}

	record ChannelFilter(@Nullable Platform platform, @Nullable Medium medium, @Nullable Boolean active) {
	}

}
