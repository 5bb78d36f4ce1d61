package cn.mediagraph.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.metrics.MetricsIntegrationTests.Payload;
import cn.mediagraph.metrics.MetricsIntegrationTests.ReachView;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;

import static cn.mediagraph.metrics.MetricsIntegrationTests.range;
import static cn.mediagraph.metrics.MetricsIntegrationTests.record;
import static cn.mediagraph.metrics.MetricsIntegrationTests.sample;
import static cn.mediagraph.metrics.MetricsIntegrationTests.storyReach;
import static cn.mediagraph.metrics.MetricsIntegrationTests.tenantReach;
import static cn.mediagraph.metrics.MetricsIntegrationTests.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollups are a function of what was observed: a rebuild over HTTP gives the same figures,
 * and a batch interrupted between its state write and its rollup write (rollups short, a marker
 * left behind) is repaired by the rebuild the server starts by itself.
 */
@IntegrationTest
class MetricRollupRebuildTests {

	static final Map<String, String> AUG_10_16 = range("2026-08-10T00:00:00+08:00", "2026-08-17T00:00:00+08:00");

	static final Map<String, String> AUG_14 = range("2026-08-14T00:00:00+08:00", "2026-08-15T00:00:00+08:00");

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	TenantStore store;

	@Autowired
	MetricIngestion ingestion;

	@Autowired
	MetricRollupRebuilds rebuilds;

	@Autowired
	java.time.Clock clock;

	record Figures(ReachView storyDays, ReachView storyHoursOfTheOpenDay, ReachView tenantDays, ReachView airings,
			ReachView peaks, List<Double> top) {
	}

	/**
	 * The batches write every rollup document whole (as they write the center's wide ones), the
	 * rebuild by increments: the same figures either way.
	 */
	@Test
	void aRebuildGivesTheSameFiguresAndRepairsAnInterruptedBatch() {
		ingestion.widePaths = 0;
		try {
			rebuildAndRepair();
		}
		finally {
			ingestion.widePaths = MetricIngestion.WIDE_PATHS;
		}
	}

	private void rebuildAndRepair() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		Channel screen = channels.create(center, "广场大屏", Platform.OUTDOOR_SCREEN, Medium.OUTDOOR);
		String dy = TestChannels.globalId(douyin);
		String tenantId = TestChannels.tenantIdOf(center);
		String story = story(center, "国际山地越野赛开跑");
		String other = story(center, "七夕集体婚礼");
		String onDouyin = TestPosts.post(store, tenantId, decode(story), douyin.id(), null);
		String onWechat = TestPosts.post(store, tenantId, decode(story), wechat.id(), null);
		String otherPost = TestPosts.post(store, tenantId, decode(other), douyin.id(), null);

		// five days of hourly snapshots, sent late and out of order, so days close behind them
		List<Map<String, Object>> samples = new ArrayList<>();
		for (int hour = 0; hour < 5 * 24; hour += 3) {
			String at = Instant.parse("2026-08-09T16:30:00Z").plusSeconds(3600L * hour).toString();
			samples.add(sample(null, onDouyin, null, "VIEWS", 1_000 + 37 * hour, at));
			samples.add(sample(null, onWechat, null, "VIEWS", 500 + 11 * hour, at));
			samples.add(sample(null, otherPost, null, "VIEWS", 40 * hour, at));
			samples.add(sample(null, onDouyin, null, "PEAK_CONCURRENT_VIEWERS", 100 + hour % 17, at));
			samples.add(sample(dy, null, "7390001", "VIEWS", 80 + hour, at));
			samples.add(with(sample(TestChannels.globalId(screen), null, null, "AIRINGS", 3, at), "mode", "DELTA"));
		}
		List<Map<String, Object>> late = new ArrayList<>(samples.subList(0, 60));
		for (int from = 60; from < samples.size(); from += 100) {
			record(center.as(Role.EDITOR), samples.subList(from, Math.min(from + 100, samples.size())));
		}
		Payload lateOnes = record(center.as(Role.EDITOR), late);
		assertThat(lateOnes.rejected()).as("late deltas of closed days are refused").isPositive();
		center.as(Role.EDITOR).documentName("linkContent")
			.variable("input", Map.of("channelId", dy, "externalId", "7390001", "postId", onDouyin)).execute()
			.path("linkContent.linked").entity(Boolean.class).isEqualTo(true);

		Figures before = figures(center, story);
		ingestion.widePaths = MetricIngestion.WIDE_PATHS;
		assertThat(before.storyDays().total("VIEWS")).isEqualTo(1_000 + 37 * 117 + 500 + 11 * 117 + 80 + 117.0);
		assertThat(before.top()).containsExactly(1_000 + 37 * 117 + 500 + 11 * 117 + 80 + 117.0, 40 * 117.0);

		GraphQlTester admin = center.as(Role.ADMIN);
		String state = admin.documentName("rebuildMetricRollups").variable("input", Map.of()).execute()
			.path("rebuildMetricRollups.rebuild.state").entity(String.class).get();
		assertThat(state).isIn("RUNNING", "SUCCEEDED");
		assertThat(awaitRebuild(admin).path("metricRollupRebuild.states").entity(Long.class).get()).isEqualTo(5);
		assertThat(figures(center, story)).isEqualTo(before);

		// a batch that dies between its state write and its rollup write leaves the rollups short
		ingestion.afterStates = () -> {
			throw new IllegalStateException("killed between the state write and the rollup write");
		};
		List<Map<String, Object>> lastDay = List.of(sample(null, onDouyin, null, "VIEWS", 9_000, "2026-08-15T10:00:00+08:00"),
				sample(null, otherPost, null, "VIEWS", 9_500, "2026-08-15T10:00:00+08:00"));
		try {
			center.as(Role.EDITOR).documentName("recordMetrics").variable("input", Map.of("samples", lastDay)).execute()
				.errors().satisfy(errors -> assertThat(errors).isNotEmpty());
		}
		finally {
			ingestion.afterStates = null;
		}
		Payload resent = record(center.as(Role.EDITOR), lastDay);
		assertThat(resent.duplicates()).as("the states took the batch").isEqualTo(2);
		assertThat(figures(center, story).storyDays().total("VIEWS")).isEqualTo(before.storyDays().total("VIEWS"));

		assertThat(rebuilds.repair(clock.instant(), tenantId)).as("a fresh marker is a write in progress").isEmpty();
		assertThat(rebuilds.repair(clock.instant().plus(MetricRollupRebuilds.STALE).plusSeconds(1), tenantId))
			.containsExactly(tenantId);
		GraphQlTester.Response repaired = awaitRebuild(admin);
		repaired.path("metricRollupRebuild.repair").entity(Boolean.class).isEqualTo(true);
		Figures after = figures(center, story);
		assertThat(after.storyDays().total("VIEWS")).isEqualTo(9_000 + 500 + 11 * 117 + 80 + 117.0);
		assertThat(after.top()).containsExactly(9_000 + 500 + 11 * 117 + 80 + 117.0, 9_500.0);
		assertThat(after.storyDays().values().subList(0, 5)).isEqualTo(before.storyDays().values().subList(0, 5));
		assertThat(rebuilds.repair(clock.instant().plus(MetricRollupRebuilds.STALE).plusSeconds(1), tenantId))
			.as("nothing left to repair").isEmpty();

		// a store from before the rollups' ids began with the period: none where they are read now
		store.forTenant(tenantId).deleteAll(new org.springframework.data.mongodb.core.query.Query(), Rollup.class);
		assertThat(rebuilds.rebuildMissing()).contains(tenantId);
		awaitRebuild(admin);
		assertThat(figures(center, story)).isEqualTo(after);
	}

	private Figures figures(TestCenter center, String story) {
		GraphQlTester analyst = center.as(Role.ANALYST);
		List<Double> top = analyst.documentName("topStories").variable("metric", "VIEWS").variable("range", AUG_10_16)
			.variable("first", 10).execute().path("topStories.edges[*].value").entityList(Double.class).get();
		return new Figures(storyReach(analyst, story, AUG_10_16, "VIEWS", "DAY"),
				storyReach(analyst, story, AUG_14, "VIEWS", "HOUR"), tenantReach(analyst, AUG_10_16, "VIEWS", "DAY"),
				tenantReach(analyst, AUG_10_16, "AIRINGS", "DAY"),
				tenantReach(analyst, AUG_10_16, "PEAK_CONCURRENT_VIEWERS", "DAY"), top);
	}

	/** Waits for the background rebuild to end (it takes milliseconds here) and checks that it succeeded. */
	static GraphQlTester.Response awaitRebuild(GraphQlTester admin) {
		for (int i = 0; i < 400; i++) {
			GraphQlTester.Response response = admin.documentName("metricRollupRebuild").execute();
			String state = response.path("metricRollupRebuild.state").entity(String.class).get();
			if (!state.equals("RUNNING")) {
				assertThat(state).isEqualTo("SUCCEEDED");
				return response;
			}
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("The rebuild did not end within 10 s");
	}

	private String story(TestCenter center, String title) {
		return center.as(Role.EDITOR).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans")).execute()
			.path("createStory.story.id").entity(String.class).get();
	}

	private static String decode(String storyGlobalId) {
		return cn.mediagraph.platform.graphql.GlobalId.decode(storyGlobalId, "Story").orElseThrow();
	}

}
