package cn.mediagraph.channel;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;

/** What a channel may be: its fields' limits, and which media each platform carries. */
final class ChannelRules {

	static final int MAX_NAME = 60;

	static final int MAX_HANDLE = 200;

	static final int MAX_POSTS_PER_DAY = 1000;

	/** A TV channel broadcasts; a Douyin account carries short video; a partner outlet may be anything. */
	private static final Map<Platform, Set<Medium>> MEDIA = Map.ofEntries(
			Map.entry(Platform.TV, EnumSet.of(Medium.BROADCAST)), Map.entry(Platform.RADIO, EnumSet.of(Medium.BROADCAST)),
			Map.entry(Platform.NEWSPAPER, EnumSet.of(Medium.PRINT)), Map.entry(Platform.WEBSITE, EnumSet.of(Medium.WEB)),
			Map.entry(Platform.APP, EnumSet.of(Medium.WEB, Medium.SHORT_VIDEO)),
			Map.entry(Platform.WECHAT_OFFICIAL_ACCOUNT, EnumSet.of(Medium.SOCIAL)),
			Map.entry(Platform.WECHAT_CHANNELS, EnumSet.of(Medium.SHORT_VIDEO)),
			Map.entry(Platform.WECHAT_MINI_PROGRAM, EnumSet.of(Medium.WEB, Medium.SOCIAL)),
			Map.entry(Platform.WEIBO, EnumSet.of(Medium.SOCIAL, Medium.SHORT_VIDEO)),
			Map.entry(Platform.DOUYIN, EnumSet.of(Medium.SHORT_VIDEO)), Map.entry(Platform.KUAISHOU, EnumSet.of(Medium.SHORT_VIDEO)),
			Map.entry(Platform.XUEXI_QIANGGUO, EnumSet.of(Medium.SOCIAL, Medium.WEB)),
			Map.entry(Platform.PARTNER_OUTLET, EnumSet.allOf(Medium.class)),
			Map.entry(Platform.OUTDOOR_SCREEN, EnumSet.of(Medium.OUTDOOR)), Map.entry(Platform.SMS, EnumSet.of(Medium.DIRECT)));

	private ChannelRules() {
	}

	static boolean fits(Platform platform, Medium medium) {
		return MEDIA.get(platform).contains(medium);
	}

	/** Checks the fields that are given (all of them, on create). */
	static UserErrors check(@Nullable String name, @Nullable Platform platform, @Nullable Medium medium,
			@Nullable String handle, @Nullable Integer maxPostsPerDay, boolean creating) {
		UserErrors errors = new UserErrors("input");
		if (creating || name != null) {
			errors.text(name, MAX_NAME, "name");
		}
		if (creating && platform == null) {
			errors.add(UserError.REQUIRED, "Give the platform", "platform");
		}
		if (creating && medium == null) {
			errors.add(UserError.REQUIRED, "Give the medium", "medium");
		}
		errors.optionalText(handle, MAX_HANDLE, "handle").range(maxPostsPerDay, 1, MAX_POSTS_PER_DAY, "maxPostsPerDay");
		return errors;
	}

	static final int MAX_URL = 2000;

	static final int MIN_SECRET = 16;

	static final int MAX_SECRET = 200;

	/**
	 * New delivery settings from the input, checked into {@code errors}: a webhook needs an
	 * http(s) URL with a host and a secret (given now, or kept from before). Whether the host may
	 * be reached is the publisher's check, made on every delivery against the addresses it
	 * resolves to.
	 */
	static ChannelDelivery delivery(ChannelInputs.DeliveryInput input, String tenantId, String channelId,
			Optional<ChannelDelivery> before, Instant now, UserErrors errors) {
		if (input.mode() == null) {
			errors.add(UserError.REQUIRED, "Give the delivery mode", "delivery", "mode");
			return new ChannelDelivery(channelId, tenantId, DeliveryMode.MANUAL, null, null, now);
		}
		if (input.mode() == DeliveryMode.MANUAL) {
			return new ChannelDelivery(channelId, tenantId, DeliveryMode.MANUAL, null,
					before.map(ChannelDelivery::secret).orElse(null), now);
		}
		String url = input.webhookUrl() == null ? null : input.webhookUrl().strip();
		if (url == null || url.isEmpty()) {
			errors.add(UserError.REQUIRED, "A webhook needs its URL", "delivery", "webhookUrl");
		}
		else if (url.length() > MAX_URL) {
			errors.add(UserError.TOO_LONG, "Must be at most " + MAX_URL + " characters", "delivery", "webhookUrl");
		}
		else if (!httpUrl(url)) {
			errors.add(UserError.INVALID, "Must be an http or https URL with a host", "delivery", "webhookUrl");
		}
		String secret = input.secret() != null ? input.secret() : before.map(ChannelDelivery::secret).orElse(null);
		if (secret == null) {
			errors.add(UserError.REQUIRED, "A webhook needs a signing secret", "delivery", "secret");
		}
		else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
			errors.add(UserError.INVALID, "Must be " + MIN_SECRET + " to " + MAX_SECRET + " characters", "delivery",
					"secret");
		}
		return new ChannelDelivery(channelId, tenantId, DeliveryMode.WEBHOOK, url, secret, now);
	}

	private static boolean httpUrl(String url) {
		try {
			URI uri = new URI(url);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && uri.getUserInfo() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	static Update write(ChannelDelivery settings) {
		return new Update().set("mode", settings.mode())
			.set("webhookUrl", settings.webhookUrl())
			.set("secret", settings.secret())
			.set("updatedAt", settings.updatedAt());
	}

	static UserError misfit(Platform platform, Medium medium) {
		return UserError.of(UserError.INVALID, "A " + platform + " channel carries " + MEDIA.get(platform) + ", not " + medium,
				"input", "medium");
	}

}
