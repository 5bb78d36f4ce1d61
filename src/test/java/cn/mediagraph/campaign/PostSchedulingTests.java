package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import cn.mediagraph.campaign.CampaignFixture.Err;
import cn.mediagraph.campaign.CampaignFixture.PostView;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.platform.time.MovableClock;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduling posts over HTTP: every rule tried and broken once (each a typed user error with its
 * field), idempotency keys, the center's local day (a post at 23:30 local; the daily limit counts
 * local days, not UTC days), rescheduling, cancelling and the calendar. The clock is frozen.
 */
@IntegrationTest
class PostSchedulingTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	GraphQlClients clients;

	@Autowired
	ChannelService channelService;

	@Autowired
	MovableClock clock;

	TestCenter center;

	CampaignFixture fixture;

	Instant now;

	/** A local day three days ahead, in the center's zone. */
	LocalDate day;

	String web;

	String wechat;

	String campaign;

	String story;

	@BeforeEach
	void setUp() {
		center = clients.newCenter();
		fixture = new CampaignFixture(center, channelService);
		clock.freezeAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		now = clock.instant();
		day = LocalDate.ofInstant(now, SHANGHAI).plusDays(3);
		web = fixture.channel("共和县融媒体中心网站", Platform.WEBSITE, Medium.WEB, null);
		wechat = fixture.channel("共和发布", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL, 1);
		campaign = fixture.campaign("七夕节主题宣传", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20)), web, wechat);
		story = fixture.approved("七夕 青海湖畔的爱情故事");
	}

	@AfterEach
	void release() {
		clock.release();
	}

	Instant local(LocalDate date, int hour, int minute) {
		return LocalDateTime.of(date, LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
	}

	@Test
	void aPostIsScheduledAndReadBack() {
		Instant at = local(day, 20, 0);
		PostView post = fixture.schedule(campaign, story, web, at, "qixi-web-1").ok();
		assertThat(post.status()).isEqualTo("SCHEDULED");
		assertThat(post.scheduledAt()).isEqualTo(at);
		assertThat(post.localDay()).isEqualTo(day.toString());
		assertThat(post.idempotencyKey()).isEqualTo("qixi-web-1");
		assertThat(post.transitions()).extracting(CampaignFixture.Transition::status).containsExactly("SCHEDULED");
		assertThat(fixture.post(post.id()).status()).isEqualTo("SCHEDULED");
	}

	@Test
	void theSameKeyAndInputGiveTheSamePostAndOtherInputIsRefused() {
		Instant at = local(day, 20, 0);
		PostView first = fixture.schedule(campaign, story, web, at, "qixi-key").ok();
		PostView again = fixture.schedule(campaign, story, web, at, "qixi-key").ok();
		assertThat(again.id()).isEqualTo(first.id());
		Err other = fixture.schedule(campaign, story, web, at.plus(Duration.ofHours(3)), "qixi-key").error();
		assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		assertThat(other.field()).containsExactly("input", "idempotencyKey");
		assertThat(campaignPostCount()).isEqualTo(1);
	}

	@Test
	void eachRuleBrokenIsAUserErrorWithItsField() {
		String outside = fixture.channel("共和县电视台", Platform.TV, Medium.BROADCAST, null);
		String inactive = fixture.channel("共和旧网站", Platform.WEBSITE, Medium.WEB, null);
		String withInactive = fixture.campaign("旅游大会", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20)),
				web, inactive);
		center.as(Role.CHIEF_EDITOR).documentName("deactivateChannel").variable("input", Map.of("id", inactive))
			.execute();

		assertRule(fixture.schedule(campaign, story, web, now.minus(Duration.ofMinutes(1)), null), "IN_PAST", "scheduledAt");
		assertRule(fixture.schedule(campaign, story, web, now.plus(Duration.ofDays(25)), null), "OUTSIDE_WINDOW", "scheduledAt");
		assertRule(fixture.schedule(campaign, story, outside, local(day, 9, 0), null), "CHANNEL_NOT_IN_CAMPAIGN", "channelId");
		assertRule(fixture.schedule(withInactive, story, inactive, local(day, 9, 0), null), "CHANNEL_INACTIVE", "channelId");

		fixture.schedule(campaign, story, web, local(day, 9, 0), null).ok();
		assertRule(fixture.schedule(campaign, story, web, local(day, 10, 30), null), "TOO_CLOSE", "scheduledAt");
		fixture.schedule(campaign, story, web, local(day, 11, 1), null).ok();

		fixture.schedule(campaign, story, wechat, local(day, 8, 0), null).ok();
		String other = fixture.approved("七夕 另一篇");
		assertRule(fixture.schedule(campaign, other, wechat, local(day, 21, 0), null), "DAILY_LIMIT", "scheduledAt");

		assertRule(fixture.schedule(campaign, "U3Rvcnk6bm9uZQ", web, local(day, 15, 0), null), "NOT_FOUND", "storyId");
		assertRule(fixture.schedule(campaign, story, web, local(day, 15, 0), "no spaces allowed"), "INVALID",
				"idempotencyKey");
		assertThat(campaignPostCount()).as("only the three valid posts were written").isEqualTo(3);
	}

	private static void assertRule(CampaignFixture.PostPayload payload, String code, String field) {
		Err error = payload.error();
		assertThat(error.code()).isEqualTo(code);
		assertThat(error.field()).containsExactly("input", field);
	}

	@Test
	void aPostAt2330LocalLandsOnItsLocalDayAndTheDailyLimitCountsLocalDays() {
		// 23:30 in Shanghai is 15:30 UTC of the same date; 00:30 the next local day is still that UTC day
		Instant lateEvening = local(day, 23, 30);
		Instant pastMidnight = local(day.plusDays(1), 0, 30);
		Instant earlyMorning = local(day, 7, 0);
		assertThat(LocalDate.ofInstant(lateEvening, ZoneId.of("UTC")))
			.isEqualTo(LocalDate.ofInstant(pastMidnight, ZoneId.of("UTC")));
		assertThat(LocalDate.ofInstant(earlyMorning, ZoneId.of("UTC"))).isNotEqualTo(LocalDate.ofInstant(lateEvening, ZoneId.of("UTC")));

		PostView evening = fixture.schedule(campaign, story, wechat, lateEvening, null).ok();
		assertThat(evening.localDay()).isEqualTo(day.toString());
		String second = fixture.approved("七夕 第二天");
		PostView nextDay = fixture.schedule(campaign, second, wechat, pastMidnight, null).ok();
		assertThat(nextDay.localDay()).as("the same UTC day, the next local day: allowed").isEqualTo(day.plusDays(1).toString());
		String third = fixture.approved("七夕 清晨");
		Err full = fixture.schedule(campaign, third, wechat, earlyMorning, null).error();
		assertThat(full.code()).as("another UTC day, the same local day: the limit of 1 is reached").isEqualTo("DAILY_LIMIT");

		List<Map<String, Object>> days = center.as(Role.EDITOR)
			.documentName("calendar")
			.variable("from", local(day, 0, 0).toString())
			.variable("to", local(day.plusDays(2), 0, 0).toString())
			.variable("channelIds", List.of(wechat))
			.execute()
			.path("calendar")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(days).extracting(d -> d.get("date")).containsExactly(day.toString(), day.plusDays(1).toString());
		assertThat(days).extracting(d -> ((List<?>) d.get("posts")).size()).containsExactly(1, 1);
		assertThat(days).extracting(d -> d.get("hasConflicts")).containsOnly(false);
	}

	@Test
	void theCalendarFlagsAStoryNotYetApproved() {
		String draft = fixture.draft("七夕 还在写");
		fixture.schedule(campaign, draft, web, local(day, 12, 0), null).ok();
		List<Map<String, Object>> days = center.as(Role.EDITOR)
			.documentName("calendar")
			.variable("from", local(day, 0, 0).toString())
			.variable("to", local(day.plusDays(1), 0, 0).toString())
			.execute()
			.path("calendar")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(days).hasSize(1);
		assertThat(days.get(0).get("hasConflicts")).isEqualTo(true);
		assertThat(days.get(0).toString()).contains("STORY_NOT_APPROVED");
	}

	@Test
	void aPostIsRescheduledCheckedAgainAndCancelled() {
		PostView post = fixture.schedule(campaign, story, wechat, local(day, 20, 0), null).ok();
		String other = fixture.approved("七夕 次日");
		fixture.schedule(campaign, other, wechat, local(day.plusDays(1), 20, 0), null).ok();

		Err full = fixture.mutate("reschedulePost", Map.of("id", post.id(), "scheduledAt",
				local(day.plusDays(1), 9, 0).toString())).error();
		assertThat(full.code()).isEqualTo("DAILY_LIMIT");
		PostView moved = fixture.mutate("reschedulePost", Map.of("id", post.id(), "scheduledAt",
				local(day, 21, 0).toString())).ok();
		assertThat(moved.scheduledAt()).as("moving within its own day does not count itself").isEqualTo(local(day, 21, 0));
		assertThat(moved.transitions()).hasSize(2);

		PostView cancelled = fixture.mutate("cancelPost", Map.of("id", post.id())).ok();
		assertThat(cancelled.status()).isEqualTo("CANCELLED");
		assertThat(fixture.mutate("reschedulePost", Map.of("id", post.id(), "scheduledAt", local(day, 22, 0).toString()))
			.error()
			.code()).isEqualTo("WRONG_STATUS");
		String third = fixture.approved("七夕 第三篇");
		fixture.schedule(campaign, third, wechat, local(day, 8, 0), null).ok();
	}

	@Test
	void aStoryListsItsPostsAcrossCampaignsInOrderFilteredPagedAndOnlyToItsCenter() {
		String tourism = fixture.campaign("青海湖旅游大会", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20)), wechat);
		PostView evening = fixture.schedule(campaign, story, web, local(day, 20, 0), null).ok();
		PostView morning = fixture.schedule(tourism, story, wechat, local(day, 9, 0), null).ok();
		fixture.schedule(campaign, fixture.approved("七夕 另一篇"), web, local(day, 12, 0), null).ok();

		Map<String, Object> all = storyPosts(center, Map.of());
		assertThat(all.get("totalCount")).isEqualTo(2);
		assertThat(nodes(all)).extracting(post -> post.get("id")).as("earliest first, other stories left out")
			.containsExactly(morning.id(), evening.id());
		assertThat(nodes(all)).extracting(post -> of(post, "campaign", "name"))
			.containsExactly("青海湖旅游大会", "七夕节主题宣传");
		assertThat(nodes(all)).extracting(post -> of(post, "channel", "id")).containsExactly(wechat, web);
		assertThat(nodes(all)).extracting(post -> of(post, "story", "id")).containsOnly(story);

		fixture.mutate("cancelPost", Map.of("id", morning.id())).ok();
		assertThat(nodes(storyPosts(center, Map.of("status", "CANCELLED")))).extracting(post -> post.get("id"))
			.containsExactly(morning.id());
		assertThat(nodes(storyPosts(center, Map.of("status", "SCHEDULED")))).extracting(post -> post.get("id"))
			.containsExactly(evening.id());
		assertThat(nodes(storyPosts(center, Map.of("status", "PUBLISHED")))).isEmpty();

		Map<String, Object> first = storyPosts(center, Map.of("first", 1));
		assertThat(nodes(first)).extracting(post -> post.get("id")).containsExactly(morning.id());
		Map<?, ?> info = (Map<?, ?>) first.get("pageInfo");
		assertThat(info.get("hasNextPage")).isEqualTo(true);
		Map<String, Object> second = storyPosts(center, Map.of("first", 1, "after", info.get("endCursor")));
		assertThat(nodes(second)).extracting(post -> post.get("id")).containsExactly(evening.id());
		assertThat(((Map<?, ?>) second.get("pageInfo")).get("hasNextPage")).isEqualTo(false);

		TestCenter other = clients.newCenter();
		// another center sees neither the story nor its posts
		other.as(Role.CHIEF_EDITOR).documentName("storyPosts").variable("id", story).execute().path("node").valueIsNull();
		String theirs = new CampaignFixture(other, channelService).approved("七夕 他们的稿件");
		assertThat(storyPosts(other, Map.of(), theirs).get("totalCount")).isEqualTo(0);
	}

	private Map<String, Object> storyPosts(TestCenter caller, Map<String, Object> arguments) {
		return storyPosts(caller, arguments, story);
	}

	private static Map<String, Object> storyPosts(TestCenter caller, Map<String, Object> arguments, String storyId) {
		var request = caller.as(Role.ANALYST).documentName("storyPosts").variable("id", storyId);
		for (Map.Entry<String, Object> argument : arguments.entrySet()) {
			request = request.variable(argument.getKey(), argument.getValue());
		}
		return request.execute().path("node.posts").entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
		}).get();
	}

	/** A field of what a post points at, e.g. of(post, "campaign", "name"). */
	private static Object of(Map<String, Object> post, String relation, String field) {
		return ((Map<?, ?>) post.get(relation)).get(field);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(Map<String, Object> connection) {
		return (List<Map<String, Object>>) connection.get("nodes");
	}

	@Test
	void aCampaignListsItsStoriesMostPostedFirstWithTheirCountsAndTotal() {
		String other = fixture.approved("青海湖畔 七夕 集体婚礼");
		fixture.schedule(campaign, story, web, local(day, 20, 0), null).ok();
		fixture.schedule(campaign, story, wechat, local(day, 20, 0), null).ok();
		fixture.schedule(campaign, other, web, local(day, 23, 0), null).ok();
		String document = "query($id: ID!, $after: String) { node(id: $id) { ... on Campaign { "
				+ "stories(first: 1, after: $after) { totalCount nodes { id } edges { cursor postCount node { id } } } } } }";

		var first = center.as(Role.ANALYST).document(document).variable("id", campaign).execute();
		first.path("node.stories.totalCount").entity(Integer.class).isEqualTo(2);
		first.path("node.stories.nodes[*].id").entityList(String.class).containsExactly(story);
		first.path("node.stories.edges[*].postCount").entityList(Integer.class).containsExactly(2);
		String cursor = first.path("node.stories.edges[0].cursor").entity(String.class).get();

		var next = center.as(Role.ANALYST).document(document).variable("id", campaign).variable("after", cursor).execute();
		next.path("node.stories.totalCount").entity(Integer.class).isEqualTo(2);
		next.path("node.stories.nodes[*].id").entityList(String.class).containsExactly(other);
		next.path("node.stories.edges[*].postCount").entityList(Integer.class).containsExactly(1);
	}

	@Test
	void campaignsAreListedAndFilteredFromTheIndex() {
		String tag = "旅游";
		center.as(Role.EDITOR).documentName("createCampaign").variable("input", Map.of("name", "青海湖旅游大会短视频大赛",
				"startsAt", now.plus(Duration.ofDays(10)).toString(), "endsAt", now.plus(Duration.ofDays(40)).toString(),
				"channelIds", List.of(web), "tags", List.of(tag))).execute();
		assertThat(names(Map.of())).as("no filter: all, latest start first").containsExactly("青海湖旅游大会短视频大赛", "七夕节主题宣传");
		assertThat(names(Map.of("status", "ACTIVE"))).containsExactly("七夕节主题宣传");
		assertThat(names(Map.of("status", "PLANNED"))).containsExactly("青海湖旅游大会短视频大赛");
		assertThat(names(Map.of("tag", tag))).containsExactly("青海湖旅游大会短视频大赛");
		assertThat(names(Map.of("text", "旅游大会"))).containsExactly("青海湖旅游大会短视频大赛");
		assertThat(names(Map.of("channelId", wechat))).containsExactly("七夕节主题宣传");
		assertThat(names(Map.of("from", now.plus(Duration.ofDays(25)).toString()))).containsExactly("青海湖旅游大会短视频大赛");

		center.as(Role.EDITOR).documentName("cancelCampaign").variable("input", Map.of("id", campaign)).execute();
		assertThat(names(Map.of("status", "CANCELLED"))).containsExactly("七夕节主题宣传");
		assertThat(names(Map.of("status", "ACTIVE"))).isEmpty();
		clock.advance(Duration.ofDays(12));
		assertThat(names(Map.of("status", "ACTIVE"))).containsExactly("青海湖旅游大会短视频大赛");
	}

	@Test
	void aCampaignsRulesAreUserErrors() {
		List<Err> errors = center.as(Role.EDITOR).documentName("createCampaign").variable("input", Map.of("name", " ",
				"startsAt", now.toString(), "endsAt", now.minusSeconds(1).toString(), "channelIds", List.of(),
				"goals", List.of(Map.of("metric", "plays", "target", -1)))).execute()
			.path("createCampaign.userErrors").entityList(Err.class).get();
		assertThat(errors).extracting(e -> String.join(".", e.field()))
			.contains("input.name", "input.endsAt", "input.channelIds", "input.goals.0.metric", "input.goals.0.target");
	}

	private List<String> names(Map<String, Object> filter) {
		return center.as(Role.ANALYST).documentName("campaigns").variable("filter", filter).execute()
			.path("campaigns.nodes[*].name").entityList(String.class).get();
	}

	private int campaignPostCount() {
		return center.as(Role.ANALYST).documentName("campaign").variable("id", campaign).execute()
			.path("campaign.posts.totalCount").entity(Integer.class).get();
	}

}
