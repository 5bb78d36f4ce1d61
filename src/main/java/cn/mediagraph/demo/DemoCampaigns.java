package cn.mediagraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.CampaignGoal;
import cn.mediagraph.campaign.CampaignService;
import cn.mediagraph.campaign.CampaignStatus;
import cn.mediagraph.campaign.Post;
import cn.mediagraph.campaign.PostService;
import cn.mediagraph.campaign.PostStatus;
import cn.mediagraph.campaign.PostTransition;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.DeliveryMode;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;

/**
 * The demo center's campaigns, modelled on the articles: the Qixi festival campaign (我们的节日·七夕,
 * active now), the tourism-conference new-media contest (planned), the live-streamed ceremony and
 * gala (completed), and a cancelled arts-festival broadcast; with posts across channels in every
 * state. Ids follow from fixed keys, so loading again changes nothing.
 */
final class DemoCampaigns {

	private final CampaignService campaigns;

	private final PostService posts;

	private final ChannelService channels;

	private final String tenantId;

	private final ZoneId zone;

	private final Instant now;

	private final String author;

	private final Map<String, Channel> channelsByKey;

	private final List<String> storyIds;

	private int postNumber;

	/**
	 * @param storyIds the demo stories' ids, in file order (story n is {@code storyIds.get(n - 1)})
	 */
	DemoCampaigns(CampaignService campaigns, PostService posts, ChannelService channels, String tenantId, ZoneId zone,
			Instant now, String author, Map<String, Channel> channelsByKey, List<String> storyIds) {
		this.campaigns = campaigns;
		this.posts = posts;
		this.channels = channels;
		this.tenantId = tenantId;
		this.zone = zone;
		this.now = now;
		this.author = author;
		this.channelsByKey = channelsByKey;
		this.storyIds = storyIds;
	}

	/** Loads them all; returns how many posts were written. */
	int load() {
		channels.setDeliveryForBootstrap(tenantId, channelsByKey.get("web").id(), DeliveryMode.WEBHOOK,
				"https://hooks.gonghe.example.cn/mediagraph/web", "demo-web-webhook-secret-change-me");
		channels.setDeliveryForBootstrap(tenantId, channelsByKey.get("app").id(), DeliveryMode.WEBHOOK,
				"https://hooks.gonghe.example.cn/mediagraph/app", "demo-app-webhook-secret-change-me");
		for (String manual : List.of("tv", "radio", "paper", "wechat", "douyin", "xuexi", "xinhua", "screen")) {
			channels.setDeliveryForBootstrap(tenantId, channelsByKey.get(manual).id(), DeliveryMode.MANUAL, null, null);
		}
		List<Post> written = new ArrayList<>();
		qixi(written);
		tourismContest(written);
		gala(written);
		artsFestival(written);
		return written.size();
	}

	private void qixi(List<Post> written) {
		Campaign qixi = campaign("qixi", "“我们的节日·七夕”爱在共和主题宣传", "我们的节日·七夕",
				"短视频系列、#七夕·爱在共和#抖音话题接力、恰卜恰河畔灯光秀和新时代文明实践站的线下活动，两天联动全媒体矩阵。",
				now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(2)),
				List.of("wechat", "douyin", "web", "app", "tv", "screen"),
				List.of(new CampaignGoal("PLAYS", 10_000_000), new CampaignGoal("VIEWS", 1_000_000),
						new CampaignGoal("SHARES", 50_000)),
				List.of("七夕", "我们的节日", "文明实践"), null);
		Instant start = qixi.startsAt();
		written.add(published(qixi, 5, "web", start.plus(Duration.ofHours(2)), "https://news.gonghe.example.cn/2026/qixi/launch.html", 1));
		written.add(published(qixi, 6, "douyin", start.plus(Duration.ofHours(20)), "https://www.douyin.com/video/7400000000000000001", 0));
		written.add(failed(qixi, 7, "app", start.plus(Duration.ofHours(26))));
		written.add(cancelled(qixi, 8, "screen", start.plus(Duration.ofHours(28))));
		written.add(awaitingConfirmation(qixi, 5, "tv", now.minus(Duration.ofHours(3))));
		written.add(retrying(qixi, 6, "web", now.minus(Duration.ofMinutes(10))));
		written.add(blocked(qixi, 47, "douyin", now.minus(Duration.ofMinutes(30))));
		written.add(scheduled(qixi, 7, "screen", now.plus(Duration.ofHours(3))));
		written.add(scheduled(qixi, 8, "wechat", localAt(now.plus(Duration.ofDays(1)), 20, 0)));
	}

	private void tourismContest(List<Post> written) {
		Campaign contest = campaign("tourism-contest", "“青海湖畔·大美共和”文旅新媒体作品大赛", "旅游发展大会",
				"借全州旅游发展大会，征集短视频、图文和直播作品，全平台监测传播数据。", now.plus(Duration.ofDays(5)),
				now.plus(Duration.ofDays(35)), List.of("douyin", "wechat", "xuexi", "xinhua", "web"),
				List.of(new CampaignGoal("VIEWS", 60_000_000), new CampaignGoal("LIKES", 500_000)),
				List.of("文旅", "旅游发展大会", "青海湖"), null);
		written.add(scheduled(contest, 13, "douyin", localAt(contest.startsAt().plus(Duration.ofDays(1)), 10, 0)));
		written.add(scheduled(contest, 14, "xuexi", localAt(contest.startsAt().plus(Duration.ofDays(2)), 9, 30)));
		written.add(scheduled(contest, 16, "wechat", localAt(contest.startsAt().plus(Duration.ofDays(3)), 7, 30)));
		written.add(scheduled(contest, 15, "xinhua", localAt(contest.startsAt().plus(Duration.ofDays(28)), 15, 0)));
	}

	private void gala(List<Post> written) {
		Campaign gala = campaign("gala", "表彰大会暨文艺汇演网络直播", "表彰先进·共庆华诞",
				"表彰大会与文艺汇演在客户端、抖音号同步直播，电视台录播。", now.minus(Duration.ofDays(20)),
				now.minus(Duration.ofDays(18)), List.of("app", "douyin", "tv", "wechat"),
				List.of(new CampaignGoal("LIVE_VIEWERS", 1_000_000)), List.of("直播", "文艺汇演"), null);
		Instant evening = firstLocalAt(gala.startsAt(), 19, 30);
		written.add(published(gala, 17, "app", evening, "https://app.gonghe.example.cn/live/gala", 1));
		written.add(published(gala, 17, "douyin", evening, "https://live.douyin.com/gonghe-gala", 0));
		written.add(published(gala, 17, "tv", evening.plus(Duration.ofDays(1)), "https://tv.gonghe.example.cn/replay/gala", 0));
	}

	private void artsFestival(List<Post> written) {
		Campaign festival = campaign("arts-festival", "县民族文化艺术节开幕式直播", "民族团结一家亲",
				"开幕式直播方案仍在审核中，活动延期，本次宣传取消。", now.plus(Duration.ofDays(12)), now.plus(Duration.ofDays(14)),
				List.of("app", "radio"), List.of(new CampaignGoal("LIVE_VIEWERS", 200_000)), List.of("艺术节"),
				now.minus(Duration.ofHours(6)));
		written.add(cancelled(festival, 18, "app", firstLocalAt(festival.startsAt(), 10, 0)));
	}

	private Campaign campaign(String key, String name, String theme, String description, Instant startsAt,
			Instant endsAt, List<String> channelKeys, List<CampaignGoal> goals, List<String> tags,
			@Nullable Instant cancelledAt) {
		Instant created = startsAt.isBefore(now) ? startsAt.minus(Duration.ofDays(7)) : now.minus(Duration.ofDays(3));
		Campaign campaign = new Campaign(hexId("campaign:" + key), tenantId, name, theme, description, startsAt, endsAt,
				channelKeys.stream().map(k -> channelsByKey.get(k).id()).toList(), goals, tags,
				cancelledAt != null ? CampaignStatus.CANCELLED : CampaignStatus.PLANNED, cancelledAt,
				cancelledAt != null ? 2 : 1, author, created, cancelledAt != null ? cancelledAt : created);
		try {
			return campaigns.createForBootstrap(campaign);
		}
		catch (DuplicateKeyException ex) {
			return campaign;
		}
	}

	private Post published(Campaign campaign, int story, String channel, Instant at, String url, int attempts) {
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		if (attempts > 0) {
			trail.add(new PostTransition(PostStatus.PUBLISHING, at, "Due: delivery begins"));
			trail.add(new PostTransition(PostStatus.PUBLISHED, at.plusSeconds(2), "Delivered at attempt " + attempts));
			return post(campaign, story, channel, at, PostStatus.PUBLISHED, attempts, null, at.plusSeconds(2), url, null, trail);
		}
		trail.add(new PostTransition(PostStatus.PUBLISHING, at, "Due: waiting for an editor to publish it by hand and confirm it"));
		trail.add(new PostTransition(PostStatus.PUBLISHED, at.plus(Duration.ofMinutes(4)), "Published by hand, confirmed by editor"));
		return post(campaign, story, channel, at, PostStatus.PUBLISHED, 1, null, at.plus(Duration.ofMinutes(4)), url, null, trail);
	}

	private Post failed(Campaign campaign, int story, String channel, Instant at) {
		String why = "Gave up after 8 attempts; the last: The webhook answered HTTP 503";
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at, "Due: delivery begins"));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at.plusSeconds(3),
				"Attempt 1 failed: The webhook answered HTTP 503; next attempt at " + at.plusSeconds(8)));
		trail.add(new PostTransition(PostStatus.FAILED, at.plus(Duration.ofMinutes(38)), why));
		return post(campaign, story, channel, at, PostStatus.FAILED, 8, null, null, null, why, trail);
	}

	private Post cancelled(Campaign campaign, int story, String channel, Instant at) {
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		trail.add(new PostTransition(PostStatus.CANCELLED, at.minus(Duration.ofHours(5)), "Cancelled by editor"));
		return post(campaign, story, channel, at, PostStatus.CANCELLED, 0, null, null, null, null, trail);
	}

	private Post awaitingConfirmation(Campaign campaign, int story, String channel, Instant at) {
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at, "Due: waiting for an editor to publish it by hand and confirm it"));
		return post(campaign, story, channel, at, PostStatus.PUBLISHING, 1, null, null, null, null, trail);
	}

	private Post retrying(Campaign campaign, int story, String channel, Instant at) {
		Instant next = now.plus(Duration.ofMinutes(2));
		String why = "The webhook answered HTTP 502";
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at, "Due: delivery begins"));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at.plusSeconds(3), "Attempt 1 failed: " + why + "; next attempt at " + at.plusSeconds(9)));
		trail.add(new PostTransition(PostStatus.PUBLISHING, at.plusSeconds(10), "Attempt 2 failed: " + why + "; next attempt at " + next));
		return post(campaign, story, channel, at, PostStatus.PUBLISHING, 2, next, null, null, why, trail);
	}

	private Post blocked(Campaign campaign, int story, String channel, Instant at) {
		String why = "The story is DRAFT, not approved 5 minutes before the slot";
		List<PostTransition> trail = new ArrayList<>(scheduledTrail(at));
		trail.add(new PostTransition(PostStatus.BLOCKED, at.minus(Duration.ofMinutes(5)), why));
		return post(campaign, story, channel, at, PostStatus.BLOCKED, 0, null, null, null, why, trail);
	}

	private Post scheduled(Campaign campaign, int story, String channel, Instant at) {
		Instant cutoff = at.minus(Duration.ofMinutes(5));
		return post(campaign, story, channel, at, PostStatus.SCHEDULED, 0, cutoff.isAfter(now) ? cutoff : now, null, null,
				null, scheduledTrail(at));
	}

	private List<PostTransition> scheduledTrail(Instant at) {
		Instant planned = at.minus(Duration.ofDays(1));
		return List.of(new PostTransition(PostStatus.SCHEDULED, planned.isBefore(now) ? planned : now, "Scheduled by editor"));
	}

	private Post post(Campaign campaign, int story, String channelKey, Instant at, PostStatus status, int attempts,
			@Nullable Instant dueAt, @Nullable Instant publishedAt, @Nullable String url, @Nullable String reason,
			List<PostTransition> trail) {
		String key = "demo-post-" + (++postNumber);
		String storyId = storyIds.get(story - 1);
		String channelId = channelsByKey.get(channelKey).id();
		Instant last = trail.get(trail.size() - 1).at();
		Post post = new Post(hexId("post:" + key), tenantId, campaign.id(), storyId, channelId, at,
				LocalDate.ofInstant(at, zone).toString(), status, key,
				campaign.id() + "|" + storyId + "|" + channelId + "|" + at.toEpochMilli(), attempts, dueAt, null, null,
				publishedAt, url, reason, trail, trail.size(), author, trail.get(0).at(), last);
		try {
			return posts.createForBootstrap(post);
		}
		catch (DuplicateKeyException ex) {
			return post;
		}
	}

	/**
	 * The first instant from {@code start} on at this local time: a campaign's own day, or the
	 * next when the campaign starts later in its day (the demo is loaded at any hour).
	 */
	private Instant firstLocalAt(Instant start, int hour, int minute) {
		Instant sameDay = localAt(start, hour, minute);
		return sameDay.isBefore(start) ? localAt(start.plus(Duration.ofDays(1)), hour, minute) : sameDay;
	}

	/** An instant on the local day of {@code day} at this local time. */
	private Instant localAt(Instant day, int hour, int minute) {
		return LocalDate.ofInstant(day, zone).atTime(hour, minute).atZone(zone).toInstant();
	}

	/** 24 hex digits that follow from the tenant and the key: the same demo data gets the same ids. */
	private String hexId(String key) {
		return Post.idFor(tenantId, key);
	}

}
