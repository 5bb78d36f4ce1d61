package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.mediagraph.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The calendar: posts grouped by the center's local day and by channel, with what breaks a
 * scheduling rule flagged (posts written before a limit was lowered, a story that is still not
 * approved …). A pure function of the posts, so it is tested on its own.
 */
final class Calendar {

	private Calendar() {
	}

	record Day(String date, List<Post> posts, List<ChannelDay> channels) {

		public boolean hasConflicts() {
			return channels.stream().anyMatch(channel -> !channel.conflicts().isEmpty());
		}

	}

	record ChannelDay(@Nullable Channel channel, List<Post> posts, @Nullable Integer limit, List<Conflict> conflicts) {
	}

	record Conflict(ConflictKind kind, String message, List<Post> posts) {
	}

	enum ConflictKind {

		OVER_DAILY_LIMIT, SAME_STORY_TOO_CLOSE, STORY_NOT_APPROVED

	}

	/**
	 * Every local day from {@code from} to {@code to} in the zone, each with its posts.
	 *
	 * @param posts the posts in the range, earliest first
	 * @param channels the channels by id
	 * @param unapprovedStories ids of stories that may not go out yet
	 */
	static List<Day> days(Instant from, Instant to, ZoneId zone, List<Post> posts, Map<String, Channel> channels,
			Set<String> unapprovedStories, Duration minGap) {
		Map<String, List<Post>> byDay = new LinkedHashMap<>();
		for (LocalDate day = LocalDate.ofInstant(from, zone); !day.atStartOfDay(zone).toInstant().isAfter(to.minusMillis(1));
				day = day.plusDays(1)) {
			byDay.put(day.toString(), new ArrayList<>());
		}
		for (Post post : posts) {
			if (post.status() != PostStatus.CANCELLED) {
				byDay.computeIfAbsent(CenterZones.localDay(post.scheduledAt(), zone), d -> new ArrayList<>()).add(post);
			}
		}
		List<Day> days = new ArrayList<>();
		byDay.forEach((date, dayPosts) -> days.add(new Day(date, dayPosts, byChannel(dayPosts, channels, unapprovedStories, minGap))));
		return days;
	}

	private static List<ChannelDay> byChannel(List<Post> posts, Map<String, Channel> channels, Set<String> unapproved,
			Duration minGap) {
		Map<String, List<Post>> grouped = new LinkedHashMap<>();
		posts.stream().filter(post -> post.status().counts()).forEach(post -> grouped.computeIfAbsent(post.channelId(), id -> new ArrayList<>()).add(post));
		List<ChannelDay> result = new ArrayList<>();
		grouped.forEach((channelId, channelPosts) -> {
			Channel channel = channels.get(channelId);
			Integer limit = channel == null ? null : channel.maxPostsPerDay();
			result.add(new ChannelDay(channel, channelPosts, limit, conflicts(channelPosts, limit, unapproved, minGap)));
		});
		return result;
	}

	static List<Conflict> conflicts(List<Post> posts, @Nullable Integer limit, Set<String> unapproved, Duration minGap) {
		List<Conflict> conflicts = new ArrayList<>();
		if (limit != null && posts.size() > limit) {
			conflicts.add(new Conflict(ConflictKind.OVER_DAILY_LIMIT,
					posts.size() + " posts on a channel that takes " + limit + " a day", posts));
		}
		for (int i = 0; i < posts.size(); i++) {
			for (int j = i + 1; j < posts.size(); j++) {
				Post a = posts.get(i);
				Post b = posts.get(j);
				if (a.storyId().equals(b.storyId()) && Duration.between(a.scheduledAt(), b.scheduledAt()).compareTo(minGap) < 0) {
					conflicts.add(new Conflict(ConflictKind.SAME_STORY_TOO_CLOSE,
							"The same story twice within " + minGap.toMinutes() + " minutes", List.of(a, b)));
				}
			}
		}
		List<Post> waiting = posts.stream()
			.filter(post -> post.status() == PostStatus.SCHEDULED && unapproved.contains(post.storyId()))
			.toList();
		if (!waiting.isEmpty()) {
			conflicts.add(new Conflict(ConflictKind.STORY_NOT_APPROVED, waiting.size() + " post(s) whose story is not approved yet", waiting));
		}
		return conflicts;
	}

}
