package cn.mediagraph.demo;

import java.util.List;

import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import org.jspecify.annotations.Nullable;

/** The demo county center, as written in {@code demo/demo-center.json}. */
record DemoCenter(DemoTenant tenant, List<DemoUser> users, List<DemoChannel> channels, List<DemoStory> stories) {

	record DemoTenant(String slug, String name, String timeZone) {
	}

	record DemoUser(String username, String displayName, List<Role> roles) {
	}

	record DemoChannel(String key, String name, Platform platform, Medium medium, @Nullable String handle,
			@Nullable Integer maxPostsPerDay, boolean active) {
	}

	record DemoStory(String title, String summary, String body, String language, List<String> tags,
			@Nullable String region, List<String> bylines, String status, int daysAgo, List<DemoAsset> assets,
			List<DemoVersion> versions) {
	}

	record DemoAsset(String kind, String url, @Nullable Integer durationSeconds, @Nullable String caption) {
	}

	record DemoVersion(String channel, String format, String title, String body, @Nullable Integer durationSeconds) {
	}

}
