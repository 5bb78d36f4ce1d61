package cn.mediagraph.channel;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import org.jspecify.annotations.Nullable;

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

	static UserError misfit(Platform platform, Medium medium) {
		return UserError.of(UserError.INVALID, "A " + platform + " channel carries " + MEDIA.get(platform) + ", not " + medium,
				"input", "medium");
	}

}
