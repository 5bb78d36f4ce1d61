package cn.mediagraph.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.metrics.MetricsIntegrationTests.Payload;
import cn.mediagraph.metrics.MetricsIntegrationTests.ReachView;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;

import static cn.mediagraph.metrics.MetricsIntegrationTests.range;
import static cn.mediagraph.metrics.MetricsIntegrationTests.record;
import static cn.mediagraph.metrics.MetricsIntegrationTests.sample;
import static cn.mediagraph.metrics.MetricsIntegrationTests.storyReach;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A content reported for ten weeks keeps only its latest closed days in its state; older ones
 * move out to archived segments, and every figure stays what the samples say: late snapshots
 * into archived days (a correction among them), a platform id linked after the fact, and a
 * rebuild of the rollups, each against daily figures computed here from the samples.
 */
@IntegrationTest
class DayArchiveTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final LocalDate FIRST = LocalDate.parse("2026-06-01");

	private static final int DAYS = 70;

	private static final Map<String, String> ALL = range("2026-06-01T00:00:00+08:00", "2026-08-10T00:00:00+08:00");

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	TenantStore store;

	/** A cumulative snapshot: when, and the value. */
	private record Seen(Instant at, double value) {
	}

	@Test
	void oldDaysMoveOutOfTheStateAndStillCountExactly() {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String tenantId = TestChannels.tenantIdOf(center);
		String story = center.as(Role.EDITOR).documentName("createStory")
			.variable("input", Map.of("title", "国际山地越野赛开跑", "language", "zh-Hans")).execute()
			.path("createStory.story.id").entity(String.class).get();
		String storyId = GlobalId.decode(story, "Story").orElseThrow();
		String post = TestPosts.post(store, tenantId, storyId, douyin.id(), null);
		String postId = GlobalId.decode(post, "Post").orElseThrow();

		// every three hours for ten weeks, in order, a post and a platform id not linked yet
		List<Seen> postSeen = new ArrayList<>();
		List<Seen> externalSeen = new ArrayList<>();
		List<Map<String, Object>> samples = new ArrayList<>();
		Instant start = FIRST.atStartOfDay(SHANGHAI).toInstant();
		for (int hour = 1; hour < DAYS * 24; hour += 3) {
			Instant at = start.plusSeconds(3600L * hour + 600);
			postSeen.add(new Seen(at, 1_000 + 7.0 * hour + (hour % 5)));
			externalSeen.add(new Seen(at, 30 + 2.0 * hour));
			samples.add(sample(null, post, null, "VIEWS", postSeen.get(postSeen.size() - 1).value(), at.toString()));
			samples.add(sample(TestChannels.globalId(douyin), null, "7390002", "VIEWS",
					externalSeen.get(externalSeen.size() - 1).value(), at.toString()));
		}
		// another metric reported for the first three weeks only, and peaks once a day
		List<Seen> likesSeen = new ArrayList<>();
		for (int day = 0; day < 21; day++) {
			Instant at = start.plusSeconds(day * 86_400L + 12 * 3600L);
			likesSeen.add(new Seen(at, 10.0 * day * day));
			samples.add(sample(null, post, null, "LIKES", 10.0 * day * day, at.toString()));
			samples.add(sample(null, post, null, "PEAK_CONCURRENT_VIEWERS", 100 + day, at.toString()));
		}
		samples.sort(java.util.Comparator.comparing(one -> Instant.parse((String) one.get("observedAt"))));
		for (int from = 0; from < samples.size(); from += 40) {
			Payload payload = record(center.as(Role.EDITOR), samples.subList(from, Math.min(from + 40, samples.size())));
			assertThat(payload.rejected()).isZero();
		}

		String stateId = MetricState.id(tenantId, douyin.id(), "p:" + postId);
		MetricState state = store.forTenant(tenantId).findById(stateId, MetricState.class).orElseThrow();
		assertThat(state.series().get("VIEWS").days()).as("closed days kept in the state: two weeks at most")
			.hasSizeLessThanOrEqualTo(2 * DayArchive.SEGMENT_DAYS);
		assertThat(state.archive()).as("older ones in archived segments").hasSizeGreaterThanOrEqualTo(7);
		assertThat(segmentsOf(tenantId)).as("one document per segment a state names, none left over")
			.containsExactlyInAnyOrderElementsOf(allNamed(tenantId));

		GraphQlTester analyst = center.as(Role.ANALYST);
		assertThat(storyReach(analyst, story, ALL, "VIEWS", "DAY").values()).isEqualTo(daily(postSeen));

		// late snapshots into archived days: one becomes its day's latest (a correction downward),
		// one is earlier than its day's latest and changes nothing, a day's latest is re-sent
		Instant day10Late = start.plusSeconds(9 * 86_400L + 23 * 3600L + 1_800);
		Instant day20Early = start.plusSeconds(19 * 86_400L + 1_800);
		List<Map<String, Object>> late = List.of(sample(null, post, null, "VIEWS", 1_500, day10Late.toString()),
				sample(null, post, null, "VIEWS", 1, day20Early.toString()),
				sample(null, post, null, "VIEWS", postSeen.get(103).value(), postSeen.get(103).at().toString()));
		Payload payload = record(center.as(Role.EDITOR), late);
		assertThat(payload.accepted()).isEqualTo(2);
		assertThat(payload.duplicates()).isEqualTo(1);
		postSeen.add(new Seen(day10Late, 1_500));
		postSeen.add(new Seen(day20Early, 1));
		// the metric reported for three weeks: a late snapshot, and a late peak higher than its day's
		Instant day4Late = start.plusSeconds(3 * 86_400L + 20 * 3600L);
		Payload lateLikes = record(center.as(Role.EDITOR), List.of(sample(null, post, null, "LIKES", 95, day4Late.toString()),
				sample(null, post, null, "PEAK_CONCURRENT_VIEWERS", 999, day4Late.toString()),
				sample(null, post, null, "PEAK_CONCURRENT_VIEWERS", 50, day4Late.toString())));
		assertThat(lateLikes.accepted()).isEqualTo(3);
		likesSeen.add(new Seen(day4Late, 95));
		assertThat(storyReach(analyst, story, ALL, "LIKES", "DAY").values()).isEqualTo(daily(likesSeen));
		List<Double> peaks = storyReach(analyst, story, ALL, "PEAK_CONCURRENT_VIEWERS", "DAY").values();
		assertThat(peaks.subList(0, 5)).containsExactly(100.0, 101.0, 102.0, 999.0, 104.0);
		List<Double> expected = daily(postSeen);
		ReachView days = storyReach(analyst, story, ALL, "VIEWS", "DAY");
		assertThat(days.values()).isEqualTo(expected);
		assertThat(days.values().get(9)).as("the corrected day").isEqualTo(1_500 - latestBefore(postSeen, 9));
		assertThat(segmentsOf(tenantId)).as("the rewritten segment replaced the one it was read from")
			.containsExactlyInAnyOrderElementsOf(allNamed(tenantId));

		// the platform id's ten weeks count once it is linked to the post
		center.as(Role.EDITOR).documentName("linkContent")
			.variable("input", Map.of("channelId", TestChannels.globalId(douyin), "externalId", "7390002", "postId", post))
			.execute().path("linkContent.linked").entity(Boolean.class).isEqualTo(true);
		List<Double> linked = daily(postSeen);
		List<Double> external = daily(externalSeen);
		for (int i = 0; i < linked.size(); i++) {
			linked.set(i, linked.get(i) + external.get(i));
		}
		ReachView withLinked = storyReach(analyst, story, ALL, "VIEWS", "DAY");
		assertThat(withLinked.values()).isEqualTo(linked);

		GraphQlTester admin = center.as(Role.ADMIN);
		admin.documentName("rebuildMetricRollups").variable("input", Map.of()).execute();
		MetricRollupRebuildTests.awaitRebuild(admin);
		assertThat(storyReach(analyst, story, ALL, "VIEWS", "DAY").values()).as("rebuilt from states and their segments")
			.isEqualTo(linked);
	}

	/** Each local day's figure: its latest snapshot minus the latest one before it. */
	private static List<Double> daily(List<Seen> seen) {
		TreeMap<Instant, Double> byTime = new TreeMap<>();
		seen.forEach(one -> byTime.put(one.at(), one.value()));
		List<Double> days = new ArrayList<>();
		for (int day = 0; day < DAYS; day++) {
			Instant end = FIRST.plusDays(day + 1).atStartOfDay(SHANGHAI).toInstant();
			var latest = byTime.lowerEntry(end);
			double now = latest == null ? 0 : latest.getValue();
			days.add(now - latestBefore(seen, day));
		}
		return days;
	}

	private static double latestBefore(List<Seen> seen, int day) {
		TreeMap<Instant, Double> byTime = new TreeMap<>();
		seen.forEach(one -> byTime.put(one.at(), one.value()));
		var before = byTime.lowerEntry(FIRST.plusDays(day).atStartOfDay(SHANGHAI).toInstant());
		return before == null ? 0 : before.getValue();
	}

	private List<String> segmentsOf(String tenantId) {
		return store.forTenant(tenantId).find(new Query(), DayArchive.Segment.class).stream().map(DayArchive.Segment::id)
			.toList();
	}

	private List<String> allNamed(String tenantId) {
		return store.forTenant(tenantId).find(Query.query(Criteria.where("archive").exists(true)), MetricState.class)
			.stream().flatMap(state -> DayArchive.idsOf(state).stream()).toList();
	}

}
