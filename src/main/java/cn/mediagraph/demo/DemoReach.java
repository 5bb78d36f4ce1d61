package cn.mediagraph.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.CampaignGoal;
import cn.mediagraph.campaign.CampaignService;
import cn.mediagraph.campaign.CampaignStatus;
import cn.mediagraph.campaign.Post;
import cn.mediagraph.campaign.PostService;
import cn.mediagraph.campaign.PostStatus;
import cn.mediagraph.campaign.PostTransition;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.metrics.MetricIngestion;
import cn.mediagraph.metrics.MetricIngestion.BootstrapSample;
import cn.mediagraph.metrics.MetricName;
import cn.mediagraph.metrics.SampleMode;
import cn.mediagraph.metrics.SampleSource;
import cn.mediagraph.platform.mongo.MongoProperties;
import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.story.Story;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reach history for the demo center, after {@link DemoLoader}: four campaigns with their posts
 * and the figures the articles report — the trail race's 340 million clicks network-wide, the
 * gala's 1.01 million live viewers, the Qixi hashtag's 8 million plays in two days, the tourism
 * contest's 60 million, a year of 3,590 placements by level and 60,000 big-screen airings, and
 * followers growing month by month. Platforms report cumulative totals, so most samples are
 * daily snapshots; airings and placements are counted as deltas. Idempotent like the rest:
 * campaigns and posts have fixed ids, samples are de-duplicated by ingestion.
 */
@Component
@Order(20)
class DemoReach implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoReach.class);

	static final String ID = "demo-reach";

	private final PlatformStore platform;

	private final TenantStore store;

	private final TenantService tenants;

	private final CampaignService campaigns;

	private final PostService posts;

	private final MetricIngestion metrics;

	private final MongoProperties mongo;

	private final Clock clock;

	private final boolean enabled;

	DemoReach(PlatformStore platform, TenantStore store, TenantService tenants, CampaignService campaigns,
			PostService posts, MetricIngestion metrics, MongoProperties mongo, Clock clock,
			@Value("${mediagraph.demo.enabled:true}") boolean enabled) {
		this.platform = platform;
		this.store = store;
		this.tenants = tenants;
		this.campaigns = campaigns;
		this.posts = posts;
		this.metrics = metrics;
		this.mongo = mongo;
		this.clock = clock;
		this.enabled = enabled;
	}

	/** A campaign of the demo: its stories (by demo number), window and goal. */
	private record DemoCampaign(String key, String name, String theme, List<Integer> stories, int startsDaysAgo,
			int days, MetricName goal, double target) {
	}

	private static final List<DemoCampaign> CAMPAIGNS = List.of(
			new DemoCampaign("race", "龙羊峡山地越野挑战赛", "赛事报道", List.of(9, 10, 11, 12), 45, 20, MetricName.CLICKS, 3.0e8),
			new DemoCampaign("qixi", "我们的节日·七夕", "主题宣传", List.of(5, 6, 7), 59, 5, MetricName.PLAYS, 8.0e6),
			new DemoCampaign("tourism", "青海湖畔·大美共和 文旅新媒体作品大赛", "文旅宣传", List.of(13, 14, 15), 71, 35,
					MetricName.VIEWS, 6.0e7),
			new DemoCampaign("gala", "表彰大会暨文艺汇演网络直播", "直播", List.of(17), 101, 3, MetricName.LIVE_VIEWERS, 1.0e6));

	/** Each campaign's headline figure, network-wide, as the articles report it. */
	private static final Map<String, Double> HEADLINE = Map.of("race", 3.42e8, "qixi", 8.1e6, "tourism", 6.05e7, "gala",
			1.01e6);

	@Override
	public void run(ApplicationArguments args) {
		if (!enabled || !mongo.embeddedMode() || platform.findById(ID, DemoState.class).isPresent()
				|| !platform.findById(DemoState.ID, DemoState.class).map(DemoState::complete).orElse(false)) {
			return;
		}
		Tenant tenant = tenants.findBySlug("gonghe").orElse(null);
		if (tenant == null) {
			return;
		}
		long started = System.nanoTime();
		Instant now = clock.instant();
		TenantStore.Scope scope = store.forTenant(tenant.id());
		Map<Platform, Channel> channels = new HashMap<>();
		scope.find(new Query(), Channel.class).forEach(channel -> channels.putIfAbsent(channel.platform(), channel));
		List<BootstrapSample> samples = new ArrayList<>();
		Random random = new Random(20260823);
		for (DemoCampaign demo : CAMPAIGNS) {
			samples.addAll(campaign(tenant, scope, demo, now, random));
		}
		samples.addAll(channelFigures(tenant, channels, now, random));
		long accepted = metrics.ingestForBootstrap(tenant.id(), samples);
		platform.save(new DemoState(ID, true, now, clock.instant()));
		log.info("Loaded the demo reach history of '{}' in {} ms: {} campaigns, {} samples ({} new)", tenant.slug(),
				(System.nanoTime() - started) / 1_000_000, CAMPAIGNS.size(), samples.size(), accepted);
	}

	/** The campaign, a published post per story and channel, and the posts' daily cumulative figures. */
	private List<BootstrapSample> campaign(Tenant tenant, TenantStore.Scope scope, DemoCampaign demo, Instant now,
			Random random) {
		Instant startsAt = now.minus(Duration.ofDays(demo.startsDaysAgo()));
		Instant endsAt = startsAt.plus(Duration.ofDays(demo.days()));
		List<String> externalIds = demo.stories().stream().map(n -> "demo-" + n).toList();
		List<Story> stories = scope.find(Query.query(Criteria.where("externalId").in(externalIds)), Story.class);
		List<String> channelIds = stories.stream().flatMap(story -> story.channelIds().stream()).distinct().toList();
		String campaignId = objectId("demo-campaign-" + demo.key());
		if (scope.findById(campaignId, Campaign.class).isEmpty()) {
			campaigns.createForBootstrap(new Campaign(campaignId, tenant.id(), demo.name(), demo.theme(), null, startsAt,
					endsAt, channelIds, List.of(new CampaignGoal(demo.goal().name(), demo.target())), List.of(demo.key()),
					CampaignStatus.COMPLETED, null, 1, "demo", startsAt, startsAt));
		}
		Map<String, Channel> channels = new HashMap<>();
		scope.findAllById(channelIds, Channel.class).forEach(channel -> channels.put(channel.id(), channel));
		List<Post> made = new ArrayList<>();
		for (Story story : stories) {
			for (String channelId : story.channelIds()) {
				Channel channel = channels.get(channelId);
				if (channel == null) {
					continue;
				}
				Instant at = story.createdAt().isBefore(startsAt) ? startsAt.plus(Duration.ofHours(2))
						: story.createdAt().plus(Duration.ofHours(2));
				made.add(post(tenant, scope, campaignId, story, channel, at.isAfter(now) ? now : at));
			}
		}
		return figures(demo, made, channels, now, random);
	}

	private Post post(Tenant tenant, TenantStore.Scope scope, String campaignId, Story story, Channel channel,
			Instant publishedAt) {
		String id = objectId(campaignId + "-" + story.id() + "-" + channel.id());
		return scope.findById(id, Post.class).orElseGet(() -> {
			String day = LocalDate.ofInstant(publishedAt, ZoneId.of(tenant.timeZone())).toString();
			Post post = new Post(id, tenant.id(), campaignId, story.id(), channel.id(), publishedAt, day,
					PostStatus.PUBLISHED, id, campaignId + "|" + story.id() + "|" + channel.id() + "|" + publishedAt, 1, null,
					null, null, publishedAt, null, null,
					List.of(new PostTransition(PostStatus.SCHEDULED, publishedAt.minus(Duration.ofHours(6)), "demo"),
							new PostTransition(PostStatus.PUBLISHED, publishedAt, "demo")),
					2, "demo", publishedAt.minus(Duration.ofHours(6)), publishedAt);
			return posts.createForBootstrap(post);
		});
	}

	/**
	 * The posts' cumulative snapshots: the headline figure split over the posts (short video
	 * takes most), growing fast on the first day and levelling off, reported daily, hourly on
	 * the first day; engagement as shares of it; a live stream's peak.
	 */
	private static List<BootstrapSample> figures(DemoCampaign demo, List<Post> posts, Map<String, Channel> channels,
			Instant now, Random random) {
		List<BootstrapSample> samples = new ArrayList<>();
		double totalShare = posts.stream().mapToDouble(post -> share(channels.get(post.channelId()))).sum();
		for (Post post : posts) {
			Channel channel = channels.get(post.channelId());
			double total = HEADLINE.get(demo.key()) * share(channel) / totalShare;
			Instant published = post.publishedAt();
			for (int hour = 1; hour <= 24 * 14; hour = hour < 24 ? hour + 1 : hour + 24) {
				Instant at = published.plus(Duration.ofHours(hour));
				if (at.isAfter(now)) {
					break;
				}
				double reached = total * (1 - Math.exp(-hour / 18.0));
				samples.add(snapshot(post, demo.goal(), Math.round(reached), at));
				if (demo.goal() != MetricName.LIVE_VIEWERS) {
					samples.add(snapshot(post, MetricName.LIKES, Math.round(reached * 0.031), at));
					samples.add(snapshot(post, MetricName.SHARES, Math.round(reached * 0.0062), at));
					samples.add(snapshot(post, MetricName.COMMENTS, Math.round(reached * 0.0017), at));
				}
				if (channel.platform() == Platform.DOUYIN && demo.goal() != MetricName.LIVE_VIEWERS) {
					samples.add(new BootstrapSample(post.channelId(), post.id(), MetricName.COMPLETION_RATE,
							0.32 + random.nextDouble() * 0.1, reached, at, SampleMode.CUMULATIVE, SampleSource.API));
				}
			}
			if (demo.goal() == MetricName.LIVE_VIEWERS) {
				samples.add(new BootstrapSample(post.channelId(), post.id(), MetricName.PEAK_CONCURRENT_VIEWERS,
						Math.round(86_000 * share(channel) / totalShare * 1.6), null, published.plus(Duration.ofMinutes(95)),
						SampleMode.CUMULATIVE, SampleSource.API));
			}
		}
		return samples;
	}

	/** A fixed id in ObjectId form (what the campaign feature's index expects), so a rerun finds what it made. */
	static String objectId(String key) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest, 0, 12);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static BootstrapSample snapshot(Post post, MetricName metric, double value, Instant at) {
		return new BootstrapSample(post.channelId(), post.id(), metric, value, null, at, SampleMode.CUMULATIVE,
				SampleSource.API);
	}

	/** How much of a campaign's reach a channel carries: short video most, print and radio least. */
	private static double share(Channel channel) {
		return switch (channel.platform()) {
			case DOUYIN, KUAISHOU, WECHAT_CHANNELS -> 6;
			case WECHAT_OFFICIAL_ACCOUNT, WEIBO, APP -> 2;
			case PARTNER_OUTLET, XUEXI_QIANGGUO, WEBSITE -> 1.5;
			case TV -> 1;
			default -> 0.3;
		};
	}

	/**
	 * A year of the channels' own figures: big-screen airings every day (60,000 a year),
	 * placements in higher-level media month by month (3,590 a year: 160 central, 980 provincial,
	 * 2,450 municipal), and followers of the Douyin and WeChat accounts at each month's end.
	 */
	private static List<BootstrapSample> channelFigures(Tenant tenant, Map<Platform, Channel> channels, Instant now,
			Random random) {
		List<BootstrapSample> samples = new ArrayList<>();
		Instant yearAgo = now.minus(Duration.ofDays(365));
		Channel screen = channels.get(Platform.OUTDOOR_SCREEN);
		if (screen != null) {
			for (int day = 0; day < 365; day++) {
				samples.add(new BootstrapSample(screen.id(), null, MetricName.AIRINGS, 160 + random.nextInt(14), null,
						yearAgo.plus(Duration.ofDays(day)).plus(Duration.ofHours(14)), SampleMode.DELTA, SampleSource.MANUAL));
			}
		}
		Channel outlet = channels.getOrDefault(Platform.PARTNER_OUTLET, channels.get(Platform.WEBSITE));
		if (outlet != null) {
			int[][] byMonth = spread(new int[] { 160, 980, 2450 }, 12);
			MetricName[] levels = { MetricName.PLACEMENTS_CENTRAL, MetricName.PLACEMENTS_PROVINCIAL,
					MetricName.PLACEMENTS_MUNICIPAL };
			for (int month = 0; month < 12; month++) {
				Instant at = yearAgo.plus(Duration.ofDays(30L * month + 28));
				int all = 0;
				for (int level = 0; level < levels.length; level++) {
					all += byMonth[level][month];
					samples.add(new BootstrapSample(outlet.id(), null, levels[level], byMonth[level][month], null, at,
							SampleMode.DELTA, SampleSource.MANUAL));
				}
				samples.add(new BootstrapSample(outlet.id(), null, MetricName.PLACEMENTS, all, null, at, SampleMode.DELTA,
						SampleSource.MANUAL));
			}
		}
		followers(samples, channels.get(Platform.DOUYIN), 182_000, 261_000, yearAgo);
		followers(samples, channels.get(Platform.WECHAT_OFFICIAL_ACCOUNT), 52_300, 61_800, yearAgo);
		return samples;
	}

	private static void followers(List<BootstrapSample> samples, @Nullable Channel channel, int from, int to,
			Instant yearAgo) {
		if (channel == null) {
			return;
		}
		for (int month = 0; month <= 12; month++) {
			samples.add(new BootstrapSample(channel.id(), null, MetricName.FOLLOWERS, from + (to - from) * month / 12.0,
					null, yearAgo.plus(Duration.ofDays(30L * month)), SampleMode.CUMULATIVE, SampleSource.API));
		}
	}

	/** Each total spread over the months, summing exactly to it. */
	private static int[][] spread(int[] totals, int months) {
		int[][] spread = new int[totals.length][months];
		for (int t = 0; t < totals.length; t++) {
			for (int m = 0; m < months; m++) {
				spread[t][m] = totals[t] / months + (m < totals[t] % months ? 1 : 0);
			}
		}
		return spread;
	}

}
