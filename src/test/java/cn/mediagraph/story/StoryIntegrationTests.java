package cn.mediagraph.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.StoryApi.Page;
import cn.mediagraph.story.StoryApi.Payload;
import cn.mediagraph.story.StoryApi.StoryView;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static cn.mediagraph.story.StoryApi.create;
import static cn.mediagraph.story.StoryApi.delete;
import static cn.mediagraph.story.StoryApi.minimal;
import static cn.mediagraph.story.StoryApi.page;
import static cn.mediagraph.story.StoryApi.read;
import static cn.mediagraph.story.StoryApi.update;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class StoryIntegrationTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	StoryService stories;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void aStoryIsFiledOnceWithAVersionPerChannelAndReadBackByAnyone() {
		TestCenter center = clients.newCenter();
		Channel tv = channels.create(center, "宜君县电视台", Platform.TV, Medium.BROADCAST);
		Channel douyin = channels.create(center, "宜君融媒抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Map<String, Object> input = minimal("宜君苹果采摘节开幕");
		input.putAll(Map.of("summary", "千亩果园迎来游客", "body", "彭镇苹果采摘节今日开幕……", "tags",
				List.of(" 乡村振兴 ", "文旅", "乡村振兴"), "region", "彭镇", "bylines", List.of("王丽", "李强"), "assets",
				List.of(Map.of("kind", "VIDEO", "url", "https://media.example.cn/apple.mp4", "durationSeconds", 95,
						"caption", "开幕式")),
				"versions",
				List.of(version(tv, "TV_SEGMENT", "采摘节开幕", 90), version(douyin, "SHORT_VIDEO", "果园里的秋天", 30),
						Map.of("medium", "PRINT", "format", "PRINT_ARTICLE", "title", "苹果红了", "body", "本报讯……"))));

		Payload created = create(center.as(Role.REPORTER), input);

		assertThat(created.userErrors()).isEmpty();
		StoryView story = created.story();
		assertThat(story.status()).isEqualTo("DRAFT");
		assertThat(story.revision()).isEqualTo(1);
		assertThat(story.tags()).containsExactly("乡村振兴", "文旅");
		assertThat(story.assets()).singleElement().satisfies(asset -> assertThat(asset.durationSeconds()).isEqualTo(95));
		assertThat(story.versions()).extracting(v -> v.medium()).containsExactly("BROADCAST", "SHORT_VIDEO", "PRINT");
		assertThat(story.versions().get(2).channel()).isNull();

		StoryView read = read(center.as(Role.ANALYST), story.id()).path("story").entity(StoryView.class).get();
		assertThat(read).isEqualTo(story);
		assertThat(read.versions().get(0).channel().id()).isEqualTo(TestChannels.globalId(tv));
		assertThat(read.versions().get(1).channel().name()).isEqualTo("宜君融媒抖音号");
		assertThat(read.versions().get(1).channel().platform()).isEqualTo("DOUYIN");
		center.as(Role.ANALYST)
			.documentName("storyNode")
			.variable("id", story.id())
			.execute()
			.path("node.title")
			.entity(String.class)
			.isEqualTo("宜君苹果采摘节开幕");
	}

	@Test
	void anUpdateAtTheCurrentRevisionChangesWhatItNamesAndRaisesTheRevision() {
		TestCenter center = clients.newCenter();
		Channel web = channels.create(center, "宜君县融媒体中心网站", Platform.WEBSITE, Medium.WEB);
		Map<String, Object> input = minimal("初稿标题");
		input.putAll(Map.of("summary", "保持不变的摘要", "region", "彭镇", "versions",
				List.of(Map.of("medium", "BROADCAST", "format", "RADIO_SEGMENT", "title", "广播稿"))));
		StoryView original = create(center.as(Role.REPORTER), input).story();

		Payload updated = update(center.as(Role.EDITOR), Map.of("id", original.id(), "expectedRevision", 1, "title",
				"改后的标题", "region", "", "tags", List.of("民生"), "versions",
				List.of(version(web, "WEB_ARTICLE", "网站稿", null))));

		assertThat(updated.userErrors()).isEmpty();
		StoryView story = updated.story();
		assertThat(story.revision()).isEqualTo(2);
		assertThat(story.title()).isEqualTo("改后的标题");
		assertThat(story.summary()).isEqualTo("保持不变的摘要");
		assertThat(story.region()).isNull();
		assertThat(story.tags()).containsExactly("民生");
		assertThat(story.status()).isEqualTo("DRAFT");
		assertThat(story.createdAt()).isEqualTo(original.createdAt());
		assertThat(story.updatedAt()).isAfterOrEqualTo(original.updatedAt());
		assertThat(story.versions()).singleElement().satisfies(version -> {
			assertThat(version.format()).isEqualTo("WEB_ARTICLE");
			assertThat(version.medium()).isEqualTo("WEB");
			assertThat(version.channel().name()).isEqualTo("宜君县融媒体中心网站");
		});
		Page byChannel = page(center.as(Role.EDITOR),
				Map.of("filter", Map.of("channelId", TestChannels.globalId(web))));
		assertThat(byChannel.ids()).containsExactly(story.id());
	}

	@Test
	void aStaleRevisionIsAConflictAndTheNewerEditIsKept() {
		TestCenter center = clients.newCenter();
		StoryView story = create(center.as(Role.REPORTER), minimal("原标题")).story();
		update(center.as(Role.EDITOR), Map.of("id", story.id(), "expectedRevision", 1, "title", "编辑改的标题"));

		Payload stale = update(center.as(Role.REPORTER),
				Map.of("id", story.id(), "expectedRevision", 1, "title", "记者改的标题"));

		assertThat(stale.story()).isNull();
		assertThat(stale.userErrors()).singleElement().satisfies(error -> {
			assertThat(error.code()).isEqualTo("CONFLICT");
			assertThat(error.path()).isEqualTo("input.expectedRevision");
			assertThat(error.message()).contains("revision 2");
		});
		StoryView current = read(center.as(Role.REPORTER), story.id()).path("story").entity(StoryView.class).get();
		assertThat(current.title()).isEqualTo("编辑改的标题");
		assertThat(current.revision()).isEqualTo(2);
	}

	@Test
	void reportersEditTheirOwnStoriesOnlyAndEditorsDelete() {
		TestCenter center = clients.newCenter();
		StoryView editors = create(center.as(Role.EDITOR), minimal("编辑的稿件")).story();
		StoryView own = create(center.as(Role.REPORTER), minimal("记者的稿件")).story();

		Payload forbidden = update(center.as(Role.REPORTER),
				Map.of("id", editors.id(), "expectedRevision", 1, "title", "改别人的稿"));
		assertThat(forbidden.userErrors()).extracting(StoryApi.Err::code).containsExactly("FORBIDDEN");
		assertThat(update(center.as(Role.REPORTER), Map.of("id", own.id(), "expectedRevision", 1, "title", "改自己的稿"))
			.userErrors()).isEmpty();
		assertThat(update(center.as(Role.CHIEF_EDITOR), Map.of("id", own.id(), "expectedRevision", 2, "body", "终审改"))
			.story()
			.revision()).isEqualTo(3);

		center.as(Role.REPORTER)
			.documentName("deleteStory")
			.variable("input", Map.of("id", own.id(), "expectedRevision", 3))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType()).containsExactly(ErrorType.FORBIDDEN));
		assertThat(delete(center.as(Role.EDITOR), own.id(), 2).userErrors()).extracting(StoryApi.Err::code)
			.containsExactly("CONFLICT");
		assertThat(delete(center.as(Role.EDITOR), own.id(), 3).deletedStoryId()).isEqualTo(own.id());
		read(center.as(Role.EDITOR), own.id()).path("story").valueIsNull();
		assertThat(delete(center.as(Role.EDITOR), own.id(), 3).userErrors()).extracting(StoryApi.Err::path)
			.containsExactly("input.id");
	}

	@Test
	void aHeadlineThatShowsNothingIsRequired() {
		TestCenter center = clients.newCenter();
		for (String invisible : List.of("\u200b\u200b\u200b", "\u3000", "\u00a0\u200d", "\ufeff", "\u2060\u00ad")) {
			Payload failed = create(center.as(Role.REPORTER), minimal(invisible));
			assertThat(failed.story()).as("title %s", invisible.codePoints().mapToObj(Integer::toHexString).toList())
				.isNull();
			assertThat(failed.userErrors()).extracting(error -> error.path() + ":" + error.code())
				.containsExactly("input.title:REQUIRED");
		}
		assertThat(create(center.as(Role.REPORTER), minimal("\u200b有字的标题")).story()).isNotNull();
	}

	@Test
	void invalidInputIsReportedFieldByFieldAndNothingIsWritten() {
		TestCenter center = clients.newCenter();
		Channel foreign = channels.create(clients.newCenter(), "别县电视台", Platform.TV, Medium.BROADCAST);
		Channel radio = channels.create(center, "县广播", Platform.RADIO, Medium.BROADCAST);
		List<String> tags = IntStream.range(0, 21).mapToObj(i -> "标签" + i).toList();
		Map<String, Object> input = new HashMap<>(Map.of("title", " ", "language", "Chinese", "tags", tags, "region",
				"很".repeat(51), "bylines", List.of("x".repeat(61)), "assets",
				List.of(Map.of("kind", "PHOTO", "url", "ftp://files.example.cn/a.jpg", "durationSeconds", -1)),
				"versions",
				List.of(version(foreign, "TV_SEGMENT", "外县频道", null), Map.of("format", "SMS_MESSAGE", "title", "短信"),
						Map.of("channelId", "not-an-id", "format", "WEB_ARTICLE", "title", "坏的编号"),
						Map.of("channelId", TestChannels.globalId(radio), "medium", "WEB", "format", "RADIO_SEGMENT",
								"title", "媒介不符", "durationSeconds", 90_000))));
		input.put("summary", "摘".repeat(1001));

		Payload failed = create(center.as(Role.REPORTER), input);

		assertThat(failed.story()).isNull();
		assertThat(failed.errorPaths()).containsExactlyInAnyOrder("input.title", "input.language", "input.tags",
				"input.summary", "input.region", "input.bylines.0", "input.assets.0.url",
				"input.assets.0.durationSeconds", "input.versions.0.channelId", "input.versions.1",
				"input.versions.2.channelId", "input.versions.3.medium", "input.versions.3.durationSeconds");
		assertThat(failed.userErrors()).filteredOn(error -> error.path().equals("input.versions.0.channelId"))
			.extracting(StoryApi.Err::code)
			.containsExactly("NOT_FOUND");
		assertThat(page(center.as(Role.REPORTER), Map.of()).totalCount()).isZero();

		StoryView story = create(center.as(Role.REPORTER), minimal("合格的稿件")).story();
		Payload badUpdate = update(center.as(Role.REPORTER),
				Map.of("id", story.id(), "expectedRevision", 1, "title", "", "language", "bo-"));
		assertThat(badUpdate.errorPaths()).containsExactlyInAnyOrder("input.title", "input.language");
		assertThat(update(center.as(Role.REPORTER), Map.of("id", "bm90LWEtc3Rvcnk", "expectedRevision", 1))
			.errorPaths()).containsExactly("input.id");
	}

	@Test
	void pagesRunNewestFirstForwardAndBackwardWithoutGapsOrRepeats() {
		TestCenter center = clients.newCenter();
		Instant noon = Instant.parse("2026-08-29T04:00:00Z");
		List<Instant> times = List.of(noon, noon.plusSeconds(3600), noon.plusSeconds(3600), noon.plusSeconds(3600),
				noon.plusSeconds(7200), noon.minusSeconds(60), noon.plusSeconds(3600));
		List<Story> imported = importIndexed(TestChannels.tenantIdOf(center),
				times.stream().map(time -> StoryFixtures.story("稿件 " + time, StoryStatus.DRAFT, time)).toList());
		List<String> newestFirst = imported.stream()
			.sorted(Comparator.comparingInt(Story::seq).reversed())
			.map(story -> cn.mediagraph.platform.graphql.GlobalId.encode("Story", story.id()))
			.toList();
		GraphQlTester reader = center.as(Role.ANALYST);

		List<Page> forward = new ArrayList<>();
		forward.add(page(reader, Map.of("first", 3)));
		while (forward.get(forward.size() - 1).pageInfo().hasNextPage()) {
			forward.add(page(reader, Map.of("first", 3, "after", forward.get(forward.size() - 1).pageInfo().endCursor())));
		}
		assertThat(forward).extracting(p -> p.ids().size()).containsExactly(3, 3, 1);
		assertThat(forward.stream().flatMap(p -> p.ids().stream())).containsExactlyElementsOf(newestFirst);
		assertThat(forward).extracting(p -> p.pageInfo().hasPreviousPage()).containsExactly(false, true, true);
		assertThat(forward.get(0).totalCount()).isEqualTo(7);

		List<Page> backward = new ArrayList<>();
		backward.add(page(reader, Map.of("last", 3)));
		while (backward.get(backward.size() - 1).pageInfo().hasPreviousPage()) {
			backward.add(page(reader, Map.of("last", 3, "before", backward.get(backward.size() - 1).pageInfo().startCursor())));
		}
		assertThat(backward).extracting(p -> p.ids().size()).containsExactly(3, 3, 1);
		assertThat(backward).extracting(p -> p.pageInfo().hasNextPage()).containsExactly(false, true, true);
		List<String> collected = new ArrayList<>();
		backward.forEach(p -> collected.addAll(0, p.ids()));
		assertThat(collected).containsExactlyElementsOf(newestFirst);
	}

	@Test
	void pageSizesOutsideOneToAHundredAndOverlongSearchesAreBadRequests() {
		TestCenter center = clients.newCenter();
		for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of("first", 0), Map.of("first", 101),
				Map.of("last", 0), Map.of("filter", Map.of("text", "长".repeat(101))))) {
			center.as(Role.REPORTER)
				.documentName("stories")
				.variables(arguments)
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).as(errors.toString())
					.extracting(error -> error.getPath() + ":" + error.getErrorType())
					.containsExactly("stories:" + ErrorType.BAD_REQUEST));
		}
	}

	@Test
	void aRefusedPageOfANestedListIsOneErrorAndKeepsItsStory() {
		TestCenter center = clients.newCenter();
		StoryView story = create(center.as(Role.REPORTER), minimal("有修订的稿件")).story();
		for (String arguments : List.of("first: -1", "first: 101", "after: \"junk\"")) {
			GraphQlTester.Response response = center.as(Role.REPORTER)
				.document("query($id: ID!) { story(id: $id) { title revisions(" + arguments
						+ ") { totalCount nodes { revision } edges { cursor } } } }")
				.variable("id", story.id())
				.execute();
			response.errors()
				.satisfy(errors -> assertThat(errors).as(arguments)
					.extracting(error -> error.getPath() + ":" + error.getErrorType())
					.containsExactly("story.revisions:" + ErrorType.BAD_REQUEST));
			response.path("story.title").entity(String.class).isEqualTo("有修订的稿件");
			response.path("story.revisions.totalCount").entity(Integer.class).isEqualTo(0);
			response.path("story.revisions.nodes").entityList(Object.class).hasSize(0);
		}
	}

	@Test
	void everyFilterNarrowsTheList() {
		TestCenter center = clients.newCenter();
		Channel tv = channels.create(center, "电视", Platform.TV, Medium.BROADCAST);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		String tenantId = TestChannels.tenantIdOf(center);
		importIndexed(tenantId, List.of(
				StoryFixtures.story("一月", StoryStatus.PUBLISHED, Instant.parse("2026-01-10T00:00:00Z"), List.of("文旅"), "彭镇", "zh-Hans", StoryFixtures.versionOn(tv)),
				StoryFixtures.story("二月", StoryStatus.DRAFT, Instant.parse("2026-02-10T00:00:00Z"), List.of("民生", "文旅"), "城关镇", "bo", StoryFixtures.versionOn(wechat)),
				StoryFixtures.story("三月", StoryStatus.ARCHIVED, Instant.parse("2026-03-10T00:00:00Z"), List.of(), null, "zh-Hans", StoryFixtures.versionFor(Medium.PRINT))));
		GraphQlTester reader = center.as(Role.REPORTER);

		assertThat(titles(reader, Map.of())).containsExactly("三月", "二月", "一月");
		assertThat(titles(reader, Map.of("status", "PUBLISHED"))).containsExactly("一月");
		assertThat(titles(reader, Map.of("channelId", TestChannels.globalId(tv)))).containsExactly("一月");
		assertThat(titles(reader, Map.of("channelId", TestChannels.globalId(wechat)))).containsExactly("二月");
		assertThat(titles(reader, Map.of("channelId", "garbage"))).isEmpty();
		assertThat(titles(reader, Map.of("tag", "文旅"))).containsExactly("二月", "一月");
		assertThat(titles(reader, Map.of("region", "城关镇"))).containsExactly("二月");
		assertThat(titles(reader, Map.of("language", "zh-Hans"))).containsExactly("三月", "一月");
		assertThat(titles(reader, Map.of("createdAfter", "2026-02-10T08:00:00+08:00"))).containsExactly("三月", "二月");
		assertThat(titles(reader, Map.of("createdBefore", "2026-02-10T08:00:00+08:00"))).containsExactly("一月");
		assertThat(titles(reader, Map.of("createdAfter", "2026-01-11T00:00:00Z", "createdBefore",
				"2026-03-10T00:00:00Z"))).containsExactly("二月");
		assertThat(titles(reader, Map.of("tag", "文旅", "language", "zh-Hans"))).containsExactly("一月");
		assertThat(page(reader, Map.of("filter", Map.of("tag", "文旅"))).totalCount()).isEqualTo(2);
	}

	@Test
	void textSearchFindsChineseWordsInTitleSummaryOrBody() {
		TestCenter center = clients.newCenter();
		importIndexed(TestChannels.tenantIdOf(center), List.of(
				StoryFixtures.text("铜川新区夜市开张", "", ""), StoryFixtures.text("夜市", "来自铜川的摊主", ""),
				StoryFixtures.text("游客", "", "不少游客从铜川赶来"), StoryFixtures.text("铜仁", "四川", "川铜"),
				StoryFixtures.text("Douyin Live 直播", "", ""), StoryFixtures.text("a+b 的问题", "", "aab")));
		GraphQlTester reader = center.as(Role.ANALYST);

		assertThat(titles(reader, Map.of("text", "铜川"))).containsExactlyInAnyOrder("铜川新区夜市开张", "夜市", "游客");
		assertThat(titles(reader, Map.of("text", "  铜川  "))).hasSize(3);
		assertThat(titles(reader, Map.of("text", "DOUYIN"))).containsExactly("Douyin Live 直播");
		assertThat(titles(reader, Map.of("text", "a+b"))).containsExactly("a+b 的问题");
		assertThat(titles(reader, Map.of("text", ".*"))).isEmpty();
		Page first = page(reader, Map.of("first", 2, "filter", Map.of("text", "铜川")));
		Page rest = page(reader, Map.of("first", 2, "after", first.pageInfo().endCursor(), "filter", Map.of("text", "铜川")));
		assertThat(first.titles()).hasSize(2).doesNotContainAnyElementsOf(rest.titles());
		assertThat(rest.titles()).hasSize(1);
		assertThat(rest.pageInfo().hasNextPage()).isFalse();
	}

	@Test
	void anotherCenterSeesNothingOfThisOne() {
		TestCenter a = clients.newCenter();
		TestCenter b = clients.newCenter();
		Channel tv = channels.create(a, "甲县电视台", Platform.TV, Medium.BROADCAST);
		Map<String, Object> input = minimal("甲县的稿件");
		input.put("versions", List.of(version(tv, "TV_SEGMENT", "电视稿", 60)));
		StoryView story = create(a.as(Role.REPORTER), input).story();

		read(b.as(Role.CHIEF_EDITOR), story.id()).path("story").valueIsNull();
		b.as(Role.CHIEF_EDITOR).documentName("storyNode").variable("id", story.id()).execute().path("node").valueIsNull();
		assertThat(update(b.as(Role.CHIEF_EDITOR), Map.of("id", story.id(), "expectedRevision", 1, "title", "篡改"))
			.userErrors()).extracting(StoryApi.Err::code, StoryApi.Err::path)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("NOT_FOUND", "input.id"));
		assertThat(delete(b.as(Role.CHIEF_EDITOR), story.id(), 1).userErrors()).extracting(StoryApi.Err::code)
			.containsExactly("NOT_FOUND");
		create(b.as(Role.REPORTER), minimal("乙县的稿件"));
		assertThat(titles(b.as(Role.CHIEF_EDITOR), Map.of())).containsExactly("乙县的稿件");
		assertThat(titles(b.as(Role.CHIEF_EDITOR), Map.of("channelId", TestChannels.globalId(tv)))).isEmpty();
		assertThat(titles(b.as(Role.CHIEF_EDITOR), Map.of("text", "甲县"))).isEmpty();
		Map<String, Object> borrowing = minimal("借用甲县频道");
		borrowing.put("versions", List.of(version(tv, "TV_SEGMENT", "电视稿", 60)));
		assertThat(create(b.as(Role.REPORTER), borrowing).errorPaths()).containsExactly("input.versions.0.channelId");
		StoryView unchanged = read(a.as(Role.REPORTER), story.id()).path("story").entity(StoryView.class).get();
		assertThat(unchanged.title()).isEqualTo("甲县的稿件");
		assertThat(unchanged.revision()).isEqualTo(1);
	}

	@Test
	void theStorySchemaDocumentsEveryTypeFieldArgumentAndValue() {
		GraphQLSchema schema = graphQlSource.schema();
		List<String> undocumented = new ArrayList<>();
		for (String name : List.of("Story", "StoryStatus", "MediaAsset", "AssetKind", "StoryVersion", "StoryFormat",
				"StoryConnection", "StoryEdge", "StoryFilter", "MediaAssetInput", "StoryVersionInput", "CreateStoryInput",
				"CreateStoryPayload", "UpdateStoryInput", "UpdateStoryPayload", "DeleteStoryInput", "DeleteStoryPayload")) {
			GraphQLNamedType type = (GraphQLNamedType) schema.getType(name);
			assertThat(type).as(name).isNotNull();
			SchemaDescriptions.collectUndocumented(type, undocumented);
		}
		for (String field : List.of("story", "stories")) {
			SchemaDescriptions.collectUndocumented(schema.getQueryType().getFieldDefinition(field), "Query", undocumented);
		}
		for (String field : List.of("createStory", "updateStory", "deleteStory")) {
			SchemaDescriptions.collectUndocumented(schema.getMutationType().getFieldDefinition(field), "Mutation",
					undocumented);
		}
		assertThat(undocumented).isEmpty();
	}

	private static List<String> titles(GraphQlTester reader, Map<String, Object> filter) {
		return page(reader, Map.of("first", 100, "filter", filter)).titles();
	}

	static Map<String, Object> version(Channel channel, String format, String title, Integer durationSeconds) {
		Map<String, Object> version = new HashMap<>(Map.of("channelId", TestChannels.globalId(channel), "format", format,
				"title", title, "body", title + "的正文"));
		if (durationSeconds != null) {
			version.put("durationSeconds", durationSeconds);
		}
		return version;
	}

	/** Imports prepared stories and indexes them, as the demo loader does. */
	private List<Story> importIndexed(String tenantId, List<Story> prepared) {
		return stories.importStories(tenantId, prepared);
	}

}
