package cn.mediagraph.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reach over HTTP: each aggregation rule, re-sent and out-of-order samples, a correction, local
 * days across midnight in Asia/Shanghai, attribution after the fact, rankings, the province
 * view and tenant isolation.
 */
@IntegrationTest
class MetricsIntegrationTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	TenantStore store;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MetricIngestion ingestion;

	record Err(List<String> field, String code, String message) {
	}

	record Payload(long accepted, long duplicates, long rejected, List<Err> userErrors) {
	}

	record Value(String metric, Double value) {
	}

	record Point(String start, Double value) {
	}

	record Ref(String id) {
	}

	record ChannelTotals(Ref channel, List<Value> totals) {
	}

	record ReachView(List<Value> totals, List<ChannelTotals> byChannel, List<Point> series) {

		Double total(String metric) {
			return totals.stream().filter(v -> v.metric().equals(metric)).map(Value::value).findFirst().orElse(null);
		}

		Double channel(String channelId, String metric) {
			return byChannel.stream().filter(c -> c.channel().id().equals(channelId)).flatMap(c -> c.totals().stream())
				.filter(v -> v.metric().equals(metric)).map(Value::value).findFirst().orElse(null);
		}

		List<Double> values() {
			return series.stream().map(Point::value).toList();
		}

	}

	static final Map<String, String> AUG_10_11 = range("2026-08-10T00:00:00+08:00", "2026-08-12T00:00:00+08:00");

	static Map<String, String> range(String from, String to) {
		return Map.of("from", from, "to", to);
	}

	static Map<String, Object> sample(String channelId, String postId, String externalId, String metric, double value,
			String at) {
		Map<String, Object> sample = new LinkedHashMap<>();
		if (channelId != null) {
			sample.put("channelId", channelId);
		}
		if (postId != null) {
			sample.put("postId", postId);
		}
		if (externalId != null) {
			sample.put("externalId", externalId);
		}
		sample.put("metric", metric);
		sample.put("value", value);
		sample.put("observedAt", at);
		return sample;
	}

	static Map<String, Object> with(Map<String, Object> sample, String key, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(sample);
		copy.put(key, value);
		return copy;
	}

	static Payload record(GraphQlTester tester, List<Map<String, Object>> samples) {
		return tester.documentName("recordMetrics").variable("input", Map.of("samples", samples)).execute()
			.path("recordMetrics").entity(Payload.class).get();
	}

	String story(TestCenter center, String title) {
		return center.as(Role.EDITOR).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans")).execute()
			.path("createStory.story.id").entity(String.class).get();
	}

	/** A post as the campaign feature stores it: tests of reach need only its attribution fields. */
	String post(TestCenter center, String storyGlobalId, Channel channel, String campaignId) {
		return TestPosts.post(store, TestChannels.tenantIdOf(center), GlobalId.decode(storyGlobalId, "Story").orElseThrow(),
				channel.id(), campaignId);
	}

	static ReachView storyReach(GraphQlTester tester, String storyId, Map<String, String> range, String metric,
			String granularity) {
		return tester.documentName("storyReach").variable("id", storyId).variable("range", range)
			.variable("metric", metric).variable("granularity", granularity).execute()
			.path("story.reach").entity(ReachView.class).get();
	}

	static ReachView tenantReach(GraphQlTester tester, Map<String, String> range, String metric, String granularity) {
		return tester.documentName("tenantReach").variable("range", range).variable("metric", metric)
			.variable("granularity", granularity).execute().path("tenantReach").entity(ReachView.class).get();
	}

	static ReachView channelReach(GraphQlTester tester, String channelId, Map<String, String> range, String metric,
			String granularity) {
		Map<String, Object> reach = tester.documentName("channelReach").variable("id", channelId).variable("range", range)
			.variable("metric", metric).variable("granularity", granularity).execute()
			.path("channel.reach").entity(ReachViewWithoutChannels.class).get().asReach();
		return (ReachView) reach.get("reach");
	}

	record ReachViewWithoutChannels(List<Value> totals, List<Point> series) {

		Map<String, Object> asReach() {
			return Map.of("reach", new ReachView(totals, List.of(), series));
		}

	}

	@Test
	void cumulativeCountersAreIdempotentOrderTolerantCorrectedAndBucketedByLocalDay() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String story = story(center, "国际山地越野赛开跑");
		String post = post(center, story, douyin, null);
		// 23:30 and 00:30 in Shanghai are the same UTC day (15:30Z, 16:30Z) but two local days
		List<Map<String, Object>> samples = new ArrayList<>(List.of(
				sample(null, post, null, "VIEWS", 100, "2026-08-10T10:00:00+08:00"),
				sample(null, post, null, "VIEWS", 300, "2026-08-10T23:30:00+08:00"),
				sample(null, post, null, "VIEWS", 320, "2026-08-11T00:30:00+08:00"),
				sample(null, post, null, "VIEWS", 400, "2026-08-11T09:00:00+08:00")));
		Collections.reverse(samples);
		Payload first = record(center.as(Role.EDITOR), samples);
		assertThat(first).extracting(Payload::accepted, Payload::duplicates, Payload::rejected).containsExactly(4L, 0L, 0L);

		ReachView reach = storyReach(center.as(Role.ANALYST), story, AUG_10_11, "VIEWS", "DAY");
		assertThat(reach.total("VIEWS")).isEqualTo(400.0);
		assertThat(reach.values()).containsExactly(300.0, 100.0);

		Collections.shuffle(samples);
		Payload again = record(center.as(Role.EDITOR), samples);
		assertThat(again).extracting(Payload::accepted, Payload::duplicates).containsExactly(0L, 4L);
		assertThat(storyReach(center.as(Role.ANALYST), story, AUG_10_11, "VIEWS", "DAY").values()).containsExactly(300.0,
				100.0);

		// a late sample between two known ones moves figures between hours, not the total
		record(center.as(Role.EDITOR), List.of(sample(null, post, null, "VIEWS", 200, "2026-08-10T15:00:00+08:00")));
		ReachView hours = storyReach(center.as(Role.ANALYST), story,
				range("2026-08-10T09:00:00+08:00", "2026-08-10T16:00:00+08:00"), "VIEWS", "HOUR");
		assertThat(hours.values()).containsExactly(0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 100.0);
		assertThat(hours.total("VIEWS")).isEqualTo(200.0);

		// a correction: a later, lower snapshot is the latest observation
		record(center.as(Role.EDITOR), List.of(sample(null, post, null, "VIEWS", 390, "2026-08-11T12:00:00+08:00")));
		ReachView corrected = storyReach(center.as(Role.ANALYST), story, AUG_10_11, "VIEWS", "DAY");
		assertThat(corrected.total("VIEWS")).isEqualTo(390.0);
		assertThat(corrected.values()).containsExactly(300.0, 90.0);
		assertThat(tenantReach(center.as(Role.ANALYST), AUG_10_11, "VIEWS", "WEEK").total("VIEWS")).isEqualTo(390.0);
		assertThat(channelReach(center.as(Role.ANALYST), TestChannels.globalId(douyin), AUG_10_11, "VIEWS", "MONTH")
			.values()).containsExactly(390.0);
	}

	@Test
	void peaksGaugesRatesAndDeltasAddUpByTheirRules() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		Channel screen = channels.create(center, "广场大屏", Platform.OUTDOOR_SCREEN, Medium.OUTDOOR);
		String story = story(center, "文艺晚会直播");
		String onDouyin = post(center, story, douyin, null);
		String onWechat = post(center, story, wechat, null);
		String dy = TestChannels.globalId(douyin);
		Payload payload = record(center.as(Role.EDITOR), List.of(
				sample(null, onDouyin, null, "PEAK_CONCURRENT_VIEWERS", 500, "2026-08-10T20:00:00+08:00"),
				sample(null, onDouyin, null, "PEAK_CONCURRENT_VIEWERS", 800, "2026-08-10T21:00:00+08:00"),
				sample(null, onWechat, null, "PEAK_CONCURRENT_VIEWERS", 300, "2026-08-10T21:00:00+08:00"),
				sample(null, onDouyin, null, "PEAK_CONCURRENT_VIEWERS", 600, "2026-08-11T20:00:00+08:00"),
				sample(dy, null, null, "FOLLOWERS", 1200, "2026-08-11T08:00:00+08:00"),
				sample(dy, null, null, "FOLLOWERS", 1000, "2026-08-10T08:00:00+08:00"),
				with(sample(null, onDouyin, null, "COMPLETION_RATE", 0.5, "2026-08-10T22:00:00+08:00"), "weight", 100),
				with(sample(null, onWechat, null, "COMPLETION_RATE", 0.2, "2026-08-10T22:00:00+08:00"), "weight", 300),
				with(sample(TestChannels.globalId(screen), null, null, "AIRINGS", 5, "2026-08-10T08:00:00+08:00"), "mode", "DELTA"),
				with(sample(TestChannels.globalId(screen), null, null, "AIRINGS", 7, "2026-08-11T08:00:00+08:00"), "mode", "DELTA"),
				with(sample(TestChannels.globalId(screen), null, null, "AIRINGS", 5, "2026-08-10T08:00:00+08:00"), "mode", "DELTA"),
				with(sample(dy, null, null, "FOLLOWERS", 5, "2026-08-10T08:00:00+08:00"), "mode", "DELTA"),
				sample(null, onDouyin, null, "UNIQUE_VISITORS", 40, "2026-08-10T20:00:00+08:00")));
		assertThat(payload).extracting(Payload::accepted, Payload::duplicates, Payload::rejected).containsExactly(11L, 1L, 1L);
		assertThat(payload.userErrors()).singleElement().satisfies(error -> {
			assertThat(error.field()).containsExactly("input", "samples", "11", "mode");
			assertThat(error.code()).isEqualTo("INVALID");
		});

		ReachView reach = storyReach(center.as(Role.ANALYST), story, AUG_10_11, "PEAK_CONCURRENT_VIEWERS", "DAY");
		assertThat(reach.total("PEAK_CONCURRENT_VIEWERS")).isEqualTo(800.0);
		assertThat(reach.values()).containsExactly(800.0, 600.0);
		assertThat(reach.total("COMPLETION_RATE")).isCloseTo((0.5 * 100 + 0.2 * 300) / 400, within(1e-9));
		assertThat(reach.channel(TestChannels.globalId(wechat), "COMPLETION_RATE")).isCloseTo(0.2, within(1e-9));
		assertThat(reach.total("UNIQUE_VISITORS")).as("unique users are never summed over channels").isNull();

		Map<String, String> firstDay = range("2026-08-10T00:00:00+08:00", "2026-08-11T00:00:00+08:00");
		assertThat(channelReach(center.as(Role.ANALYST), dy, firstDay, "FOLLOWERS", "DAY").total("FOLLOWERS"))
			.isEqualTo(1000.0);
		ReachView followers = channelReach(center.as(Role.ANALYST), dy, AUG_10_11, "FOLLOWERS", "DAY");
		assertThat(followers.total("FOLLOWERS")).isEqualTo(1200.0);
		assertThat(followers.values()).containsExactly(1000.0, 1200.0);

		ReachView center10 = tenantReach(center.as(Role.ANALYST), AUG_10_11, "AIRINGS", "DAY");
		assertThat(center10.total("AIRINGS")).isEqualTo(12.0);
		assertThat(center10.values()).containsExactly(5.0, 7.0);
		assertThat(center10.total("FOLLOWERS")).isEqualTo(1200.0);
	}

	@Test
	void figuresOfAPlatformIdCountOnceLinkedToAPost() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String story = story(center, "七夕短视频接力");
		String post = post(center, story, douyin, null);
		String dy = TestChannels.globalId(douyin);
		record(center.as(Role.EDITOR), List.of(sample(dy, null, "7390001", "PLAYS", 5000, "2026-08-10T10:00:00+08:00")));
		assertThat(storyReach(center.as(Role.ANALYST), story, AUG_10_11, "PLAYS", "DAY").total("PLAYS")).isNull();
		assertThat(tenantReach(center.as(Role.ANALYST), AUG_10_11, "PLAYS", "DAY").total("PLAYS")).isNull();

		Map<String, Object> link = Map.of("channelId", dy, "externalId", "7390001", "postId", post);
		center.as(Role.EDITOR).documentName("linkContent").variable("input", link).execute()
			.path("linkContent.linked").entity(Boolean.class).isEqualTo(true);
		center.as(Role.EDITOR).documentName("linkContent").variable("input", link).execute()
			.path("linkContent.linked").entity(Boolean.class).isEqualTo(true);
		assertThat(storyReach(center.as(Role.ANALYST), story, AUG_10_11, "PLAYS", "DAY").total("PLAYS")).isEqualTo(5000.0);

		record(center.as(Role.EDITOR), List.of(sample(dy, null, "7390001", "PLAYS", 7000, "2026-08-11T10:00:00+08:00")));
		ReachView reach = storyReach(center.as(Role.ANALYST), story, AUG_10_11, "PLAYS", "DAY");
		assertThat(reach.total("PLAYS")).isEqualTo(7000.0);
		assertThat(reach.values()).containsExactly(5000.0, 2000.0);
		assertThat(tenantReach(center.as(Role.ANALYST), AUG_10_11, "PLAYS", "DAY").total("PLAYS")).isEqualTo(7000.0);
	}

	/**
	 * Days written before rankings were kept by metric read them from the figures per story and
	 * platform; a write by increments leaves them so, a whole write derives the rankings.
	 */
	@Test
	void topStoriesOfDaysWrittenBeforeRankingsWereKept() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		String tenantId = TestChannels.tenantIdOf(center);
		String a = story(center, "稿件 a");
		String b = story(center, "稿件 b");
		String aOnDouyin = post(center, a, douyin, null);
		String aOnWechat = post(center, a, wechat, null);
		String bOnDouyin = post(center, b, douyin, null);
		record(center.as(Role.EDITOR), List.of(sample(null, aOnDouyin, null, "VIEWS", 300, "2026-08-10T10:00:00+08:00"),
				sample(null, aOnWechat, null, "VIEWS", 500, "2026-08-10T10:00:00+08:00"),
				sample(null, bOnDouyin, null, "VIEWS", 700, "2026-08-10T10:00:00+08:00"),
				sample(null, aOnDouyin, null, "PEAK_CONCURRENT_VIEWERS", 40, "2026-08-10T10:00:00+08:00"),
				sample(null, aOnWechat, null, "PEAK_CONCURRENT_VIEWERS", 90, "2026-08-10T10:00:00+08:00"),
				sample(null, bOnDouyin, null, "PEAK_CONCURRENT_VIEWERS", 60, "2026-08-11T10:00:00+08:00")));
		assertThat(top(center, "VIEWS")).containsExactly(Map.entry(a, 800.0), Map.entry(b, 700.0));
		assertThat(top(center, "PEAK_CONCURRENT_VIEWERS")).containsExactly(Map.entry(a, 90.0), Map.entry(b, 60.0));

		Query centerDays = Query.query(Criteria.where("tenantId").is(tenantId).and(Rollup.RANKED).exists(true));
		assertThat(mongo.find(centerDays, org.bson.Document.class, Rollup.COLLECTION)).as("the center's days and month")
			.hasSize(3)
			.allSatisfy(document -> assertThat(document).containsKey(Rollup.RANKS));
		mongo.updateMulti(centerDays, new Update().unset(Rollup.RANKS).unset(Rollup.RANKED), Rollup.COLLECTION);

		assertThat(top(center, "VIEWS")).containsExactly(Map.entry(a, 800.0), Map.entry(b, 700.0));
		assertThat(top(center, "PEAK_CONCURRENT_VIEWERS")).containsExactly(Map.entry(a, 90.0), Map.entry(b, 60.0));

		// by increments: the rankings of those days stay partial, and unread
		record(center.as(Role.EDITOR), List.of(sample(null, bOnDouyin, null, "VIEWS", 750, "2026-08-10T11:00:00+08:00")));
		assertThat(top(center, "VIEWS")).containsExactly(Map.entry(a, 800.0), Map.entry(b, 750.0));

		// whole: derived from the figures per story and platform
		ingestion.widePaths = 0;
		try {
			record(center.as(Role.EDITOR), List.of(sample(null, aOnWechat, null, "VIEWS", 520, "2026-08-10T12:00:00+08:00")));
		}
		finally {
			ingestion.widePaths = MetricIngestion.WIDE_PATHS;
		}
		org.bson.Document day = mongo.findById(Scope.tenant().docId(tenantId, LocalCalendar.dayKey(java.time.LocalDate.of(2026, 8, 10))), org.bson.Document.class,
				Rollup.COLLECTION);
		assertThat(day).containsKey(Rollup.RANKED);
		assertThat(day.get(Rollup.RANKS, org.bson.Document.class).get("VIEWS", org.bson.Document.class))
			.containsExactlyInAnyOrderEntriesOf(Map.of(GlobalId.decode(a, "Story").orElseThrow(), 820.0,
					GlobalId.decode(b, "Story").orElseThrow(), 750.0));
		assertThat(top(center, "VIEWS")).containsExactly(Map.entry(a, 820.0), Map.entry(b, 750.0));
		assertThat(top(center, "PEAK_CONCURRENT_VIEWERS")).containsExactly(Map.entry(a, 90.0), Map.entry(b, 60.0));
	}

	private static List<Map.Entry<String, Double>> top(TestCenter center, String metric) {
		var answer = center.as(Role.ANALYST).documentName("topStories").variable("metric", metric)
			.variable("range", AUG_10_11).variable("first", 10).execute();
		List<String> ids = answer.path("topStories.edges[*].node.id").entityList(String.class).get();
		List<Double> values = answer.path("topStories.edges[*].value").entityList(Double.class).get();
		List<Map.Entry<String, Double>> ranked = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			ranked.add(Map.entry(ids.get(i), values.get(i)));
		}
		return ranked;
	}

	/**
	 * Over most of a month the ranking is read from the month's rankings less those of its days
	 * outside the range ({@link RollupPlan#signedDays}): the same figures as day by day.
	 */
	@Test
	void topStoriesOverMostOfAMonthLeaveOutItsOtherDays() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String a = story(center, "稿件 a");
		String b = story(center, "稿件 b");
		String c = story(center, "稿件 c");
		String aPost = post(center, a, douyin, null);
		String bPost = post(center, b, douyin, null);
		String cPost = post(center, c, douyin, null);
		record(center.as(Role.EDITOR), List.of(sample(null, aPost, null, "VIEWS", 100, "2026-08-01T10:00:00+08:00"),
				sample(null, aPost, null, "VIEWS", 400, "2026-08-20T10:00:00+08:00"),
				sample(null, aPost, null, "VIEWS", 450, "2026-08-31T10:00:00+08:00"),
				sample(null, bPost, null, "VIEWS", 1_000, "2026-08-31T10:00:00+08:00"),
				sample(null, cPost, null, "VIEWS", 50.25, "2026-08-15T10:00:00+08:00")));
		Map<String, String> most = range("2026-08-02T00:00:00+08:00", "2026-08-31T00:00:00+08:00");
		var answer = center.as(Role.ANALYST).documentName("topStories").variable("metric", "VIEWS")
			.variable("range", most).variable("first", 10).execute();
		answer.path("topStories.edges[*].node.id").entityList(String.class).containsExactly(a, c);
		answer.path("topStories.edges[*].value").entityList(Double.class).containsExactly(300.0, 50.25);
		answer.path("topStories.totalCount").entity(Integer.class).isEqualTo(2);
		center.as(Role.ANALYST).documentName("topStories").variable("metric", "VIEWS")
			.variable("range", range("2026-08-01T00:00:00+08:00", "2026-09-01T00:00:00+08:00")).variable("first", 10)
			.execute().path("topStories.edges[*].value").entityList(Double.class).containsExactly(1_000.0, 450.0, 50.25);
	}

	@Test
	void topStoriesRankByTheMetricInPages() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Map<String, String> posts = new LinkedHashMap<>();
		Map<String, Double> views = Map.of("a", 300.0, "b", 1000.0, "c", 50.0);
		List<Map<String, Object>> samples = new ArrayList<>();
		Map<String, String> stories = new HashMap<>();
		for (String name : List.of("a", "b", "c")) {
			stories.put(name, story(center, "稿件 " + name));
			posts.put(name, post(center, stories.get(name), douyin, null));
			samples.add(sample(null, posts.get(name), null, "VIEWS", views.get(name), "2026-08-10T10:00:00+08:00"));
		}
		record(center.as(Role.EDITOR), samples);
		var page = center.as(Role.ANALYST).documentName("topStories").variable("metric", "VIEWS")
			.variable("range", AUG_10_11).variable("first", 2).execute();
		page.path("topStories.totalCount").entity(Integer.class).isEqualTo(3);
		page.path("topStories.edges[*].node.id").entityList(String.class).containsExactly(stories.get("b"), stories.get("a"));
		page.path("topStories.edges[*].value").entityList(Double.class).containsExactly(1000.0, 300.0);
		String cursor = page.path("topStories.pageInfo.endCursor").entity(String.class).get();
		center.as(Role.ANALYST).documentName("topStories").variable("metric", "VIEWS").variable("range", AUG_10_11)
			.variable("first", 2).variable("after", cursor).execute()
			.path("topStories.edges[*].rank").entityList(Integer.class).containsExactly(3);
		center.as(Role.ANALYST).documentName("storyInfluence").variable("range", AUG_10_11).execute()
			.path("storyInfluence.edges[0].node.id").entity(String.class).isEqualTo(stories.get("b"))
			.path("channelInfluence[0].channel.id").entity(String.class).isEqualTo(TestChannels.globalId(douyin));
	}

	@Test
	void everyFigureStaysInItsCenterAndThePlatformAdminSeesTheProvince() {
		TestCenter mine = clients.newCenter();
		TestCenter theirs = clients.newCenter();
		Channel douyin = channels.create(mine, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel theirDouyin = channels.create(theirs, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String story = story(mine, "县域新闻");
		String post = post(mine, story, douyin, null);
		record(mine.as(Role.EDITOR), List.of(sample(null, post, null, "CLICKS", 340, "2026-08-10T10:00:00+08:00")));
		record(theirs.as(Role.EDITOR), List.of(
				sample(TestChannels.globalId(theirDouyin), null, null, "CLICKS", 60, "2026-08-10T10:00:00+08:00")));

		Payload intrusion = record(theirs.as(Role.EDITOR), List.of(
				sample(null, post, null, "CLICKS", 1_000_000, "2026-08-10T11:00:00+08:00"),
				sample(TestChannels.globalId(douyin), null, null, "CLICKS", 1_000_000, "2026-08-10T11:00:00+08:00")));
		assertThat(intrusion.rejected()).isEqualTo(2);
		assertThat(intrusion.userErrors()).extracting(Err::code).containsOnly("NOT_FOUND");
		assertThat(tenantReach(theirs.as(Role.ANALYST), AUG_10_11, "CLICKS", "DAY").total("CLICKS")).isEqualTo(60.0);
		assertThat(tenantReach(mine.as(Role.ANALYST), AUG_10_11, "CLICKS", "DAY").total("CLICKS")).isEqualTo(340.0);
		theirs.as(Role.ANALYST).documentName("storyReach").variable("id", story).variable("range", AUG_10_11)
			.variable("metric", "CLICKS").variable("granularity", "DAY").execute()
			.path("story").valueIsNull();
		theirs.as(Role.REPORTER).documentName("recordMetrics")
			.variable("input", Map.of("samples", List.of()))
			.execute().errors().expect(error -> error.getErrorType().toString().equals("FORBIDDEN")).verify();

		var province = clients.platformAdmin().documentName("provinceReach").variable("range", AUG_10_11).execute();
		List<String> centers = province.path("provinceReach.byCenter[*].center.id").entityList(String.class).get();
		assertThat(centers).contains(mine.tenantId(), theirs.tenantId());
		province.path("provinceReach.byCenter[?(@.center.id == '" + mine.tenantId() + "')].totals[0].value")
			.entityList(Double.class).containsExactly(340.0);
		double total = province.path("provinceReach.totals[?(@.metric == 'CLICKS')].value").entityList(Double.class)
			.get().get(0);
		assertThat(total).isGreaterThanOrEqualTo(400.0);
		mine.as(Role.ADMIN).documentName("provinceReach").variable("range", AUG_10_11).execute().errors()
			.expect(error -> error.getErrorType().toString().equals("FORBIDDEN")).verify();
	}

	/** A story through the three-level review, so a campaign may schedule it. */
	String approved(TestCenter center, String title) {
		String id = center.as(Role.REPORTER).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans", "body", title + "：正文。")).execute()
			.path("createStory.story.id").entity(String.class).get();
		long revision = center.as(Role.REPORTER).documentName("submitStory").variable("input", Map.of("id", id)).execute()
			.path("submitStory.story.revision").entity(Long.class).get();
		for (Role role : List.of(Role.EDITOR, Role.SENIOR_EDITOR, Role.CHIEF_EDITOR)) {
			revision = center.as(role).documentName("reviewStory")
				.variable("input", Map.of("storyId", id, "revision", revision, "decision", "APPROVE")).execute()
				.path("reviewStory.story.revision").entity(Long.class).get();
		}
		return id;
	}

	@Test
	void campaignsShowReachByChannelAndProgressTowardTheirGoals() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		String story = approved(center, "七夕 青海湖畔的爱情故事");
		Instant now = Instant.now();
		String campaign = center.as(Role.EDITOR).documentName("createCampaign")
			.variable("input", Map.of("name", "我们的节日·七夕", "startsAt", now.plusSeconds(3600).toString(), "endsAt",
					now.plusSeconds(3 * 86400).toString(), "channelIds",
					List.of(TestChannels.globalId(douyin), TestChannels.globalId(wechat)), "goals",
					List.of(Map.of("metric", "PLAYS", "target", 10_000.0), Map.of("metric", "SHARES", "target", 100.0),
							Map.of("metric", "WATCH_TIME", "target", 5.0))))
			.execute().path("createCampaign.campaign.id").entity(String.class).get();
		Map<String, String> posts = new HashMap<>();
		for (Channel channel : List.of(douyin, wechat)) {
			posts.put(channel.id(), center.as(Role.EDITOR).documentName("schedulePost")
				.variable("input", Map.of("campaignId", campaign, "storyId", story, "channelId", TestChannels.globalId(channel),
						"scheduledAt", now.plusSeconds(2 * 3600 + (channel == douyin ? 0 : 1800)).toString()))
				.execute().path("schedulePost.post.id").entity(String.class).get());
		}
		String at = now.minusSeconds(600).toString();
		Payload payload = record(center.as(Role.EDITOR), List.of(
				sample(null, posts.get(douyin.id()), null, "PLAYS", 6000, at),
				sample(null, posts.get(wechat.id()), null, "PLAYS", 1500, at),
				sample(null, posts.get(wechat.id()), null, "SHARES", 40, at),
				sample(null, posts.get(douyin.id()), null, "UNIQUE_VISITORS", 900, at)));
		assertThat(payload.rejected()).isZero();

		Map<String, String> today = range(now.minusSeconds(86400).toString(), now.plusSeconds(86400).toString());
		var campaignReach = center.as(Role.ANALYST).documentName("campaignReach").variable("id", campaign)
			.variable("range", today).execute();
		campaignReach.path("campaign.reach.totals[?(@.metric == 'PLAYS')].value").entityList(Double.class)
			.containsExactly(7500.0);
		campaignReach.path("campaign.reach.byChannel[?(@.channel.id == '" + TestChannels.globalId(wechat)
				+ "')].totals[?(@.metric == 'PLAYS')].value").entityList(Double.class).containsExactly(1500.0);
		campaignReach.path("campaign.reach.byPlatform[?(@.key == 'DOUYIN')].totals[0].value").entityList(Double.class)
			.containsExactly(6000.0);
		campaignReach.path("campaign.goalProgress[*].metric").entityList(String.class).containsExactly("PLAYS", "SHARES");
		campaignReach.path("campaign.goalProgress[0].value").entity(Double.class).isEqualTo(7500.0);
		campaignReach.path("campaign.goalProgress[0].ratio").entity(Double.class).isEqualTo(0.75);
		campaignReach.path("campaign.goalProgress[1].ratio").entity(Double.class).isEqualTo(0.4);
		// nothing was observed inside the campaign's own window yet
		campaignReach.path("campaign.window[0].value").entity(Double.class).isEqualTo(0.0);

		// unique visitors are given over at most one local day: the range is the samples' day in
		// Shanghai, whatever the time the test runs at (an hour around them crossed midnight there)
		java.time.ZonedDateTime day = Instant.parse(at).atZone(java.time.ZoneId.of("Asia/Shanghai"))
			.toLocalDate()
			.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai"));
		Map<String, String> theirDay = range(day.toInstant().toString(), day.plusDays(1).toInstant().toString());
		var postReach = center.as(Role.ANALYST).documentName("postReach").variable("id", posts.get(douyin.id()))
			.variable("range", theirDay).execute();
		postReach.path("node.reach.totals[?(@.metric == 'PLAYS')].value").entityList(Double.class).containsExactly(6000.0);
		postReach.path("node.reach.totals[?(@.metric == 'UNIQUE_VISITORS')].value").entityList(Double.class)
			.containsExactly(900.0);
		postReach.path("node.reach.byChannel[0].channel.id").entity(String.class).isEqualTo(TestChannels.globalId(douyin));
	}

	@Test
	void theCatalogueSaysEachMetricsUnitAndRule() {
		TestCenter center = clients.newCenter();
		center.as(Role.REPORTER).documentName("metricCatalogue").execute()
			.path("metricCatalogue[?(@.name == 'FOLLOWERS')].aggregation").entityList(String.class).containsExactly("LATEST")
			.path("metricCatalogue[?(@.name == 'LIVE_VIEWERS')].gross").entityList(Boolean.class).containsExactly(true)
			.path("metricCatalogue[?(@.name == 'COMPLETION_RATE')].unit").entityList(String.class).containsExactly("RATIO");
	}

}
