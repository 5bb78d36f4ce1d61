package cn.mediagraph.channel;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How a channel's posts go out. Kept apart from {@link Channel} (same id), so the signing
 * secret is never copied into the search index or shown: the API only says whether one is set.
 *
 * @param id the channel's id
 * @param tenantId the media center
 * @param mode webhook or manual
 * @param webhookUrl where webhook posts are sent
 * @param secret the HMAC-SHA256 signing secret of webhook posts; write-only in the API
 * @param updatedAt when it last changed
 */
@Document(ChannelDelivery.COLLECTION)
public record ChannelDelivery(@Id String id, String tenantId, DeliveryMode mode, @Nullable String webhookUrl,
		@Nullable String secret, Instant updatedAt) implements TenantOwned {

	static final String COLLECTION = "channel_deliveries";

	/** The settings as the API shows them: whether a secret is set, never the secret. */
	public View view() {
		return new View(mode, webhookUrl, secret != null && !secret.isEmpty());
	}

	/**
	 * The readable part.
	 *
	 * @param mode webhook or manual
	 * @param webhookUrl where webhook posts are sent
	 * @param secretSet whether a signing secret is set
	 */
	public record View(DeliveryMode mode, @Nullable String webhookUrl, boolean secretSet) {
	}

}
