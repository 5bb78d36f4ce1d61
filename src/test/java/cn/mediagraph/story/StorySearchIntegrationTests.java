package cn.mediagraph.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.StoryApi.PageInfoView;
import cn.mediagraph.story.StoryApi.Payload;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static cn.mediagraph.story.StoryApi.create;
import static cn.mediagraph.story.StoryApi.delete;
import static cn.mediagraph.story.StoryApi.minimal;
import static cn.mediagraph.story.StoryApi.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text search, relevance order, facet counts and highlights of the newsroom list, over HTTP as
 * a front end uses them.
 */
@IntegrationTest
class StorySearchIntegrationTests {

	private static final Instant NOON = Instant.parse("2026-09-01T04:00:00Z");

	/** Ordinary newsroom prose with neither 铜 nor 川 in it, to bury a match in. */
	private static final String FILLER = "今年秋季，全县农业生产稳步推进，各乡镇积极组织农户开展秋收工作。";

	private static final String CHABCHA_TITLE = "ཆབ་ཆ་རྫོང་གི་གསར་འགྱུར།";

	private static final String CHABCHA_BODY = "ཆབ་ཆ་རྫོང་གི་གྲོང་ཁྱེར་ནང་དུ་ལོ་གསར་གྱི་དུས་ཆེན་ཚོགས་པ་རེད། "
			+ "ས་གནས་ཀྱི་མི་མང་རྣམས་ཀྱིས་གཞས་བཏང་ནས་བྲོ་འཁྲབ་པ་རེད། "
			+ "སློབ་གྲྭའི་སློབ་ཕྲུག་རྣམས་ཀྱིས་ཡི་གེ་འབྲི་བའི་འགྲན་བསྡུར་ལ་ཞུགས་པ་རེད།";

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	StoryService stories;

	@Test
	void aChineseQueryOfAnyLengthMatchesOnlyAsWrittenAndLatinWordsInAnyCaseOrWidth() {
		TestCenter center = clients.newCenter();
		importIndexed(center, List.of(text("铜川新区夜市开张", "", "夜市设在铜川新区人民广场。"),
				text("铜仁客商走进四川", "两地企业签约合作", ""), text("山地越野赛鸣枪开跑", "彭镇迎来五百名选手", ""),
				text("山地自行车赛与越野赛同日举行", "", ""), text("城关镇的早市", "", ""), text("DOUYIN 直播带货", "", ""),
				text("Douyin 短视频大赛", "", ""), text("Kuaishou 快手直播", "", "")));
		GraphQlTester reader = center.as(Role.ANALYST);

		assertThat(titles(reader, "铜川")).containsExactly("铜川新区夜市开张");
		assertThat(titles(reader, "山地越野赛")).containsExactly("山地越野赛鸣枪开跑");
		assertThat(titles(reader, "越野赛")).containsExactlyInAnyOrder("山地越野赛鸣枪开跑", "山地自行车赛与越野赛同日举行");
		assertThat(titles(reader, "镇")).containsExactlyInAnyOrder("山地越野赛鸣枪开跑", "城关镇的早市");
		assertThat(titles(reader, "仁")).containsExactly("铜仁客商走进四川");
		for (String douyin : List.of("douyin", "DouYin", "ＤＯＵＹＩＮ", "ｄｏｕｙｉｎ")) {
			assertThat(titles(reader, douyin)).as(douyin)
				.containsExactlyInAnyOrder("DOUYIN 直播带货", "Douyin 短视频大赛");
		}
	}

	@Test
	void spaceAroundOrInsideAQueryIsIgnored() {
		TestCenter center = clients.newCenter();
		importIndexed(center, List.of(text("铜川新区夜市开张", "", ""), text("铜仁客商走进四川", "", ""),
				text("山地越野赛鸣枪开跑", "", ""), text("山地自行车赛与越野赛同日举行", "", ""), text("山地 越野赛 报名开始", "", ""),
				text("DOUYIN 直播带货", "", ""), text("乡村直播 DOUYIN 开播", "", "")));
		GraphQlTester reader = center.as(Role.ANALYST);

		assertThat(titles(reader, " \t铜川\u3000 ")).containsExactly("铜川新区夜市开张");
		assertThat(titles(reader, "  douyin ")).containsExactlyInAnyOrder("DOUYIN 直播带货", "乡村直播 DOUYIN 开播");
		assertThat(titles(reader, "douyin 直播")).containsExactly("DOUYIN 直播带货");
		assertThat(titles(reader, "铜 川")).containsExactly("铜川新区夜市开张");
		// two runs of Chinese, or Chinese then a Latin word: found where the text has them side by side
		assertThat(titles(reader, "山地 越野赛")).containsExactlyInAnyOrder("山地越野赛鸣枪开跑", "山地 越野赛 报名开始");
		assertThat(titles(reader, "乡村直播 douyin")).containsExactly("乡村直播 DOUYIN 开播");
	}

	@Test
	void aTibetanStoryIsFoundBySyllablesItContainsInOrderAndCountedUnderBo() {
		TestCenter center = clients.newCenter();
		Map<String, Object> tibetan = minimal(CHABCHA_TITLE);
		tibetan.putAll(Map.of("language", "bo", "body", CHABCHA_BODY));
		String chabcha = create(center.as(Role.REPORTER), tibetan).story().id();
		String chinese = create(center.as(Role.REPORTER), minimal("共和县新闻：ཆབ་ཆ་的秋收")).story().id();
		GraphQlTester reader = center.as(Role.ANALYST);

		SearchPage byName = search(reader, Map.of("first", 100, "filter", Map.of("text", "ཆབ་ཆ")));
		assertThat(byName.ids()).containsExactlyInAnyOrder(chabcha, chinese);
		assertThat(search(reader, Map.of("filter", Map.of("text", "གསར་འགྱུར"))).ids()).containsExactly(chabcha);
		SearchPage inBody = search(reader, Map.of("filter", Map.of("text", "བྲོ་འཁྲབ")));
		assertThat(inBody.ids()).containsExactly(chabcha);
		assertThat(inBody.edges().get(0).highlight()).satisfies(highlight -> {
			assertThat(highlight.field()).isEqualTo("body");
			assertThat(CHABCHA_BODY).contains(highlight.text());
			assertThat(highlight.marked()).containsExactly("བྲོ་འཁྲབ");
		});
		assertThat(titles(reader, "ལྷ་ས")).isEmpty();
		assertThat(titles(reader, "འགྱུར་གསར")).isEmpty();
		assertThat(titles(reader, "བྲོ་ཞུགས")).isEmpty();

		assertThat(search(reader, Map.of("filter", Map.of("language", "bo", "text", "ཆབ་ཆ"))).ids())
			.containsExactly(chabcha);
		assertThat(search(reader, Map.of("filter", Map.of("language", "zh-Hans", "text", "ཆབ་ཆ"))).ids())
			.containsExactly(chinese);
		assertThat(search(reader, Map.of("filter", Map.of("language", "zh-Hans", "text", "བྲོ་འཁྲབ"))).ids())
			.isEmpty();
		assertThat(counts(facets(reader, Map.of()).language())).containsExactlyInAnyOrderEntriesOf(Map.of("bo", 1, "zh-Hans", 1));
		assertThat(counts(facets(reader, Map.of("text", "གསར་འགྱུར")).language()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("bo", 1));
	}

	@Test
	void relevancePutsAHeadlineMatchAboveAMentionDeepInTheBodyWhileNewestKeepsFilingOrder() {
		TestCenter center = clients.newCenter();
		Map<String, String> ids = idsByTitle(importIndexed(center, List.of(
				text("铜川苹果丰收", "", "", NOON),
				text("秋季农业新闻", "", FILLER.repeat(15) + "也有来自铜川的客商前来洽谈。", NOON.plusSeconds(3600)),
				text("县城天气晴好", "", FILLER, NOON.plusSeconds(7200)))));
		GraphQlTester reader = center.as(Role.EDITOR);

		assertThat(search(reader, Map.of("filter", Map.of("text", "铜川"), "orderBy", "RELEVANCE")).titles())
			.containsExactly("铜川苹果丰收", "秋季农业新闻");
		assertThat(search(reader, Map.of("filter", Map.of("text", "铜川"), "orderBy", "NEWEST")).titles())
			.containsExactly("秋季农业新闻", "铜川苹果丰收");
		assertThat(search(reader, Map.of("filter", Map.of("text", "铜川"))).titles())
			.containsExactly("秋季农业新闻", "铜川苹果丰收");
		assertThat(search(reader, Map.of()).ids()).containsExactly(ids.get("县城天气晴好"), ids.get("秋季农业新闻"),
				ids.get("铜川苹果丰收"));
		assertThat(search(reader, Map.of("orderBy", "RELEVANCE")).titles()).containsExactly("县城天气晴好", "秋季农业新闻",
				"铜川苹果丰收");
	}

	@Test
	void relevancePagesForwardAndBackwardHoldTheSameStoriesWithoutGapsOrRepeats() {
		TestCenter center = clients.newCenter();
		importIndexed(center, List.of(text("铜川苹果丰收", "", "", NOON),
				text("夜市", "来自铜川的摊主", "", NOON.plusSeconds(60)),
				text("游客", "", "不少游客从铜川赶来。", NOON.plusSeconds(120)),
				text("秋季农业新闻", "", FILLER.repeat(10) + "也有来自铜川的客商。", NOON.plusSeconds(180)),
				text("铜川夜市", "铜川的夜晚", "铜川夜市人气旺。", NOON.plusSeconds(240)),
				text("铜川新闻", "", "", NOON.plusSeconds(300)), text("铜川新闻", "", "", NOON.plusSeconds(360)),
				text("铜川新闻", "", "", NOON.plusSeconds(360)), text("无关的稿件", "", FILLER, NOON.plusSeconds(420))));
		GraphQlTester reader = center.as(Role.ANALYST);
		Map<String, Object> relevance = Map.of("filter", Map.of("text", "铜川"), "orderBy", "RELEVANCE");

		SearchPage all = search(reader, with(relevance, "first", 100));
		assertThat(all.totalCount()).isEqualTo(8);
		assertThat(all.ids()).hasSize(8).doesNotHaveDuplicates();
		assertThat(all.titles()).containsExactlyInAnyOrder("铜川苹果丰收", "夜市", "游客", "秋季农业新闻", "铜川夜市", "铜川新闻",
				"铜川新闻", "铜川新闻");

		List<SearchPage> forward = pagesForward(reader, relevance, 3);
		assertThat(forward).extracting(page -> page.ids().size()).containsExactly(3, 3, 2);
		assertThat(forward.stream().flatMap(page -> page.ids().stream())).containsExactlyElementsOf(all.ids());
		assertThat(forward).extracting(page -> page.pageInfo().hasPreviousPage()).containsExactly(false, true, true);

		List<SearchPage> backward = pagesBackward(reader, relevance, 3);
		assertThat(backward).extracting(page -> page.ids().size()).containsExactly(3, 3, 2);
		List<String> collected = new ArrayList<>();
		backward.forEach(page -> collected.addAll(0, page.ids()));
		assertThat(collected).containsExactlyElementsOf(all.ids());

		SearchPage middle = forward.get(1);
		SearchPage back = search(reader, with(with(relevance, "last", 3), "before", middle.pageInfo().startCursor()));
		assertThat(back.ids()).containsExactlyElementsOf(forward.get(0).ids());
	}

	@Test
	void relevancePagesStayWholeWhileAnotherCenterFilesStoriesBetweenThem() {
		TestCenter center = clients.newCenter();
		TestCenter other = clients.newCenter();
		importIndexed(center, List.of(text("铜川苹果丰收", "", "", NOON), text("夜市", "来自铜川的摊主", "", NOON.plusSeconds(60)),
				text("游客", "", "不少游客从铜川赶来。", NOON.plusSeconds(120)),
				text("秋季农业新闻", "", FILLER.repeat(5) + "也有来自铜川的客商。", NOON.plusSeconds(180))));
		GraphQlTester reader = center.as(Role.ANALYST);

		SoftAssertions.assertSoftly(softly -> {
			for (Map<String, Object> order : List.<Map<String, Object>>of(
					Map.of("filter", Map.of("text", "铜川"), "orderBy", "RELEVANCE"), Map.of("orderBy", "RELEVANCE"),
					Map.of("filter", Map.of("text", "铜川"), "orderBy", "NEWEST"))) {
				List<String> whole = search(reader, with(order, "first", 100)).ids();
				assertThat(whole).hasSize(4);
				SearchPage first = search(reader, with(order, "first", 2));
				importIndexed(other, Stream.generate(() -> text("铜川", "铜川", "铜川新闻", NOON)).limit(20).toList());
				SearchPage second = search(reader, with(with(order, "first", 2), "after", first.pageInfo().endCursor()));
				softly.assertThat(Stream.concat(first.ids().stream(), second.ids().stream()).toList())
					.as(order.toString())
					.containsExactlyElementsOf(whole);
			}
		});
	}

	@Test
	void aHighlightMarksExactlyThePhraseInAPassageOfTheBestField() {
		TestCenter center = clients.newCenter();
		String buried = FILLER.repeat(8) + "不少游客从铜川赶来。" + FILLER.repeat(8);
		String unpunctuated = "农业生产稳步推进".repeat(30) + "铜川" + "农业生产稳步推进".repeat(10);
		importIndexed(center, List.of(text("铜川人说铜川话", "铜川", "铜川"), text("夜市", "来自铜川的摊主", "铜川夜市"),
				text("游客", "", buried), text("农业", "", unpunctuated), text("𠮷野家在铜川开店", "", ""),
				text("ＤＯＵＹＩＮ直播间", "", ""), text("彭镇山地越野赛鸣枪", "", "")));
		GraphQlTester reader = center.as(Role.ANALYST);

		Map<String, HighlightView> byTitle = highlights(reader, "铜川");
		assertThat(byTitle).hasSize(5);
		assertThat(byTitle.get("铜川人说铜川话")).isEqualTo(new HighlightView("title", "铜川人说铜川话",
				List.of(new RangeView(0, 2), new RangeView(4, 2))));
		assertThat(byTitle.get("夜市")).isEqualTo(new HighlightView("summary", "来自铜川的摊主", List.of(new RangeView(2, 2))));
		assertThat(byTitle.get("𠮷野家在铜川开店").ranges()).containsExactly(new RangeView(5, 2));
		for (String title : List.of("游客", "农业")) {
			HighlightView highlight = byTitle.get(title);
			assertThat(highlight.field()).as(title).isEqualTo("body");
			assertThat(highlight.text()).as(title).hasSizeLessThanOrEqualTo(160).contains("铜川");
			assertThat(title.equals("游客") ? buried : unpunctuated).as(title).contains(highlight.text());
			assertThat(highlight.marked()).as(title).containsExactly("铜川");
		}
		assertThat(highlights(reader, "山地越野赛").get("彭镇山地越野赛鸣枪"))
			.isEqualTo(new HighlightView("title", "彭镇山地越野赛鸣枪", List.of(new RangeView(2, 5))));
		assertThat(highlights(reader, "douyin").get("ＤＯＵＹＩＮ直播间").marked()).containsExactly("ＤＯＵＹＩＮ");

		for (Map<String, Object> noText : List.<Map<String, Object>>of(Map.of(), Map.of("text", "   "),
				Map.of("language", "zh-Hans"))) {
			SearchPage page = search(reader, Map.of("first", 100, "filter", noText));
			assertThat(page.edges()).as(noText.toString()).hasSize(7).allSatisfy(edge -> assertThat(edge.highlight()).isNull());
		}
	}

	@Test
	void facetsCountTheMatchingStoriesPerValueAndFollowTheFilter() {
		TestCenter center = clients.newCenter();
		Channel tv = channels.create(center, "电视", Platform.TV, Medium.BROADCAST);
		Channel wechat = channels.create(center, "微信公众号", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		String tvId = TestChannels.globalId(tv);
		String wechatId = TestChannels.globalId(wechat);
		importIndexed(center, List.of(
				StoryFixtures.story("苹果丰收", StoryStatus.PUBLISHED, NOON, List.of("文旅", "乡村振兴"), "彭镇", "zh-Hans",
						StoryFixtures.versionOn(tv)),
				StoryFixtures.story("牧场转场", StoryStatus.DRAFT, NOON.plusSeconds(60), List.of("文旅"), "城关镇", "bo",
						StoryFixtures.versionOn(wechat)),
				StoryFixtures.story("苹果加工厂投产", StoryStatus.DRAFT, NOON.plusSeconds(120), List.of("民生"), "彭镇",
						"zh-Hans", StoryFixtures.versionOn(tv)),
				StoryFixtures.story("旧闻", StoryStatus.ARCHIVED, NOON.plusSeconds(180), List.of(), null, "zh-Hans",
						StoryFixtures.versionFor(Medium.PRINT))));
		GraphQlTester reader = center.as(Role.ANALYST);

		FacetPage everything = facetPage(reader, Map.of());
		assertThat(everything.totalCount()).isEqualTo(4);
		assertFacets(everything.facets(), Map.of("DRAFT", 2, "PUBLISHED", 1, "ARCHIVED", 1), Map.of(tvId, 2, wechatId, 1),
				Map.of("文旅", 2, "乡村振兴", 1, "民生", 1), Map.of("彭镇", 2, "城关镇", 1), Map.of("zh-Hans", 3, "bo", 1));

		FacetPage byTag = facetPage(reader, Map.of("tag", "文旅"));
		assertThat(byTag.totalCount()).isEqualTo(2);
		assertFacets(byTag.facets(), Map.of("DRAFT", 1, "PUBLISHED", 1), Map.of(tvId, 1, wechatId, 1),
				Map.of("文旅", 2, "乡村振兴", 1), Map.of("彭镇", 1, "城关镇", 1), Map.of("zh-Hans", 1, "bo", 1));

		FacetPage byText = facetPage(reader, Map.of("text", "苹果"));
		assertThat(byText.totalCount()).isEqualTo(2);
		assertFacets(byText.facets(), Map.of("DRAFT", 1, "PUBLISHED", 1), Map.of(tvId, 2),
				Map.of("文旅", 1, "乡村振兴", 1, "民生", 1), Map.of("彭镇", 2), Map.of("zh-Hans", 2));

		FacetPage byTextAndStatus = facetPage(reader, Map.of("text", "苹果", "status", "DRAFT"));
		assertFacets(byTextAndStatus.facets(), Map.of("DRAFT", 1), Map.of(tvId, 1), Map.of("民生", 1), Map.of("彭镇", 1),
				Map.of("zh-Hans", 1));

		Map<String, Function<FacetsView, List<FacetView>>> filterFields = Map.of("status", FacetsView::status,
				"channelId", FacetsView::channel, "tag", FacetsView::tag, "region", FacetsView::region, "language",
				FacetsView::language);
		filterFields.forEach((filterField, facet) -> {
			for (FacetView value : facet.apply(everything.facets())) {
				assertThat(facetPage(reader, Map.of(filterField, value.value())).totalCount())
					.as(filterField + "=" + value.value())
					.isEqualTo(value.count());
			}
		});
	}

	@Test
	void theNextSearchSeesEachCreateUpdateAndDeleteAsSoonAsItReturns() {
		TestCenter center = clients.newCenter();
		GraphQlTester reporter = center.as(Role.REPORTER);
		List<String> created = new ArrayList<>();
		for (String word : List.of("春耕", "夏收", "秋种", "冬藏", "育苗")) {
			Payload filed = create(reporter, minimal(word + "现场会召开"));
			assertThat(filed.userErrors()).isEmpty();
			created.add(filed.story().id());
			SearchPage found = search(reporter, Map.of("filter", Map.of("text", word)));
			assertThat(found.ids()).as(word).containsExactly(filed.story().id());
			assertThat(found.totalCount()).isEqualTo(1);
		}
		String story = created.get(0);
		// the whole list's facets, counted now and kept per segment: the writes below must show in them
		assertThat(facets(reporter, Map.of()).tag()).isEmpty();

		Payload retitled = update(reporter,
				Map.of("id", story, "expectedRevision", 1, "title", "县人民医院搬迁", "tags", List.of("医疗")));
		assertThat(retitled.userErrors()).isEmpty();
		assertThat(titles(reporter, "春耕")).isEmpty();
		SearchPage moved = search(reporter, Map.of("filter", Map.of("text", "搬迁")));
		assertThat(moved.ids()).containsExactly(story);
		assertThat(moved.edges().get(0).highlight().marked()).containsExactly("搬迁");
		assertThat(counts(facets(reporter, Map.of("text", "搬迁")).tag())).containsExactlyEntriesOf(Map.of("医疗", 1));
		assertThat(counts(facets(reporter, Map.of()).tag())).containsExactlyEntriesOf(Map.of("医疗", 1));

		assertThat(delete(center.as(Role.EDITOR), story, 2).deletedStoryId()).isEqualTo(story);
		SearchPage gone = search(reporter, Map.of("filter", Map.of("text", "搬迁")));
		assertThat(gone.ids()).isEmpty();
		assertThat(gone.totalCount()).isZero();
		assertThat(facets(reporter, Map.of()).tag()).isEmpty();
		assertThat(search(reporter, Map.of("filter", Map.of("text", "现场会"))).totalCount()).isEqualTo(4);
	}

	@Test
	void anotherCentersStoriesNeverReachThisCentersResultsCountsFacetsOrHighlights() {
		TestCenter center = clients.newCenter();
		TestCenter other = clients.newCenter();
		Channel ours = channels.create(center, "本县电视台", Platform.TV, Medium.BROADCAST);
		Channel theirs = channels.create(other, "外县电视台", Platform.TV, Medium.BROADCAST);
		String own = idsByTitle(importIndexed(center, List.of(StoryFixtures.story("铜川夜市开张", StoryStatus.PUBLISHED,
				NOON, List.of("文旅"), "彭镇", "zh-Hans", StoryFixtures.versionOn(ours))))).get("铜川夜市开张");
		importIndexed(other, List.of(
				StoryFixtures.story("铜川夜市开张", StoryStatus.ARCHIVED, NOON.plusSeconds(60), List.of("外县"), "外县镇", "bo",
						StoryFixtures.versionOn(theirs)),
				StoryFixtures.story("铜川", StoryStatus.DRAFT, NOON.plusSeconds(120), List.of("外县"), "外县镇", "bo",
						StoryFixtures.versionOn(theirs)),
				text("外县也有铜川夜市开张", "铜川夜市开张", "铜川夜市开张", NOON.plusSeconds(180))));
		GraphQlTester reader = center.as(Role.CHIEF_EDITOR);

		for (String order : List.of("NEWEST", "RELEVANCE")) {
			SearchPage found = search(reader, Map.of("first", 100, "filter", Map.of("text", "铜川夜市"), "orderBy", order));
			assertThat(found.ids()).as(order).containsExactly(own);
			assertThat(found.totalCount()).as(order).isEqualTo(1);
			assertThat(found.edges().get(0).highlight())
				.isEqualTo(new HighlightView("title", "铜川夜市开张", List.of(new RangeView(0, 4))));
		}
		for (Map<String, Object> filter : List.<Map<String, Object>>of(Map.of(), Map.of("text", "铜川"))) {
			FacetPage page = facetPage(reader, filter);
			assertThat(page.totalCount()).as(filter.toString()).isEqualTo(1);
			assertFacets(page.facets(), Map.of("PUBLISHED", 1), Map.of(TestChannels.globalId(ours), 1), Map.of("文旅", 1),
					Map.of("彭镇", 1), Map.of("zh-Hans", 1));
		}
		for (Map<String, Object> foreign : List.<Map<String, Object>>of(Map.of("channelId", TestChannels.globalId(theirs)),
				Map.of("tag", "外县"), Map.of("region", "外县镇"), Map.of("language", "bo"), Map.of("status", "ARCHIVED"),
				Map.of("text", "外县"))) {
			FacetPage page = facetPage(reader, foreign);
			assertThat(page.totalCount()).as(foreign.toString()).isZero();
			assertFacets(page.facets(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
		}
		assertThat(facetPage(other.as(Role.CHIEF_EDITOR), Map.of("text", "铜川")).totalCount()).isEqualTo(3);
	}

	@Test
	void cursorsOfAnotherOrderOrNoneAndOverlongTextsAreBadRequestsAndPunctuationFindsNothing() {
		TestCenter center = clients.newCenter();
		importIndexed(center, List.of(text("铜川新闻", "", "", NOON), text("铜川夜市", "", "", NOON.plusSeconds(60)),
				text("铜川苹果", "", "", NOON.plusSeconds(120))));
		GraphQlTester reader = center.as(Role.REPORTER);
		Map<String, Object> text = Map.of("text", "铜川");
		String newestCursor = search(reader, Map.of("first", 1, "filter", text)).pageInfo().endCursor();
		String relevanceCursor = search(reader, Map.of("first", 1, "filter", text, "orderBy", "RELEVANCE")).pageInfo()
			.endCursor();
		assertThat(search(reader, Map.of("first", 1, "after", relevanceCursor, "filter", text, "orderBy", "RELEVANCE"))
			.ids()).hasSize(1);

		String garbage = "bm90IGEgY3Vyc29y";
		for (Map<String, Object> refused : List.<Map<String, Object>>of(
				Map.of("first", 1, "after", newestCursor, "filter", text, "orderBy", "RELEVANCE"),
				Map.of("last", 1, "before", newestCursor, "filter", text, "orderBy", "RELEVANCE"),
				Map.of("first", 1, "after", relevanceCursor, "filter", text, "orderBy", "NEWEST"),
				Map.of("first", 1, "after", relevanceCursor, "filter", text),
				Map.of("first", 1, "after", "%%% not base64 %%%", "filter", text, "orderBy", "RELEVANCE"),
				Map.of("first", 1, "after", garbage, "filter", text, "orderBy", "RELEVANCE"),
				Map.of("last", 1, "before", garbage),
				Map.of("filter", Map.of("text", "铜".repeat(101))),
				Map.of("filter", Map.of("text", "ཆབ་".repeat(34)), "orderBy", "RELEVANCE"))) {
			assertBadRequest(reader, refused);
		}

		assertThat(search(reader, Map.of("filter", Map.of("text", "  " + "铜".repeat(100) + "  "))).ids()).isEmpty();
		for (String punctuation : List.of("，。！？", ".*", "——", "《》", "***", "།")) {
			SearchPage page = search(reader, Map.of("filter", Map.of("text", punctuation), "orderBy", "RELEVANCE"));
			assertThat(page.ids()).as(punctuation).isEmpty();
			assertThat(page.totalCount()).as(punctuation).isZero();
			assertThat(page.pageInfo().hasNextPage()).isFalse();
			assertFacets(facetPage(reader, Map.of("text", punctuation)).facets(), Map.of(), Map.of(), Map.of(), Map.of(),
					Map.of());
		}
	}

	// ------------------------------------------------------------------ the client's view

	record RangeView(int start, int length) {
	}

	record HighlightView(String field, String text, List<RangeView> ranges) {

		/** What each range marks, as a client would cut it out of the passage. */
		List<String> marked() {
			return ranges.stream().map(range -> text.substring(range.start(), range.start() + range.length())).toList();
		}

	}

	record NodeView(String id, String title, Instant createdAt) {
	}

	record HitView(String cursor, NodeView node, @Nullable HighlightView highlight) {
	}

	record SearchPage(int totalCount, PageInfoView pageInfo, List<HitView> edges) {

		List<String> ids() {
			return edges.stream().map(edge -> edge.node().id()).toList();
		}

		List<String> titles() {
			return edges.stream().map(edge -> edge.node().title()).toList();
		}

	}

	record FacetView(String value, int count) {
	}

	record FacetsView(List<FacetView> status, List<FacetView> channel, List<FacetView> tag, List<FacetView> region,
			List<FacetView> language) {
	}

	record FacetPage(int totalCount, FacetsView facets) {
	}

	private static SearchPage search(GraphQlTester reader, Map<String, Object> arguments) {
		return reader.documentName("searchStories")
			.variables(arguments)
			.execute()
			.path("stories")
			.entity(SearchPage.class)
			.get();
	}

	private static List<String> titles(GraphQlTester reader, String text) {
		return search(reader, Map.of("first", 100, "filter", Map.of("text", text))).titles();
	}

	/** The highlight of each story found, by title. */
	private static Map<String, HighlightView> highlights(GraphQlTester reader, String text) {
		Map<String, HighlightView> byTitle = new LinkedHashMap<>();
		for (HitView edge : search(reader, Map.of("first", 100, "filter", Map.of("text", text))).edges()) {
			assertThat(edge.highlight()).as(edge.node().title()).isNotNull();
			byTitle.put(edge.node().title(), edge.highlight());
		}
		return byTitle;
	}

	private static FacetPage facetPage(GraphQlTester reader, Map<String, Object> filter) {
		return reader.documentName("storyFacets")
			.variable("filter", filter)
			.execute()
			.path("stories")
			.entity(FacetPage.class)
			.get();
	}

	private static FacetsView facets(GraphQlTester reader, Map<String, Object> filter) {
		return facetPage(reader, filter).facets();
	}

	private static Map<String, Integer> counts(List<FacetView> facet) {
		assertThat(facet).as("most common first").isSortedAccordingTo(Comparator.comparingInt(FacetView::count).reversed());
		return facet.stream().collect(Collectors.toMap(FacetView::value, FacetView::count));
	}

	private static void assertFacets(FacetsView facets, Map<String, Integer> status, Map<String, Integer> channel,
			Map<String, Integer> tag, Map<String, Integer> region, Map<String, Integer> language) {
		assertThat(counts(facets.status())).as("status").containsExactlyInAnyOrderEntriesOf(status);
		assertThat(counts(facets.channel())).as("channel").containsExactlyInAnyOrderEntriesOf(channel);
		assertThat(counts(facets.tag())).as("tag").containsExactlyInAnyOrderEntriesOf(tag);
		assertThat(counts(facets.region())).as("region").containsExactlyInAnyOrderEntriesOf(region);
		assertThat(counts(facets.language())).as("language").containsExactlyInAnyOrderEntriesOf(language);
	}

	private static void assertBadRequest(GraphQlTester reader, Map<String, Object> arguments) {
		reader.documentName("searchStories")
			.variables(arguments)
			.execute()
			.errors()
			.satisfy(errors -> {
				assertThat(errors).as(arguments + " " + errors)
					.filteredOn(error -> error.getPath().equals("stories"))
					.extracting(ResponseError::getErrorType)
					.containsExactly(ErrorType.BAD_REQUEST);
				assertThat(errors).as(arguments + " " + errors)
					.extracting(ResponseError::getErrorType)
					.doesNotContain(ErrorType.INTERNAL_ERROR);
			});
	}

	private static List<SearchPage> pagesForward(GraphQlTester reader, Map<String, Object> arguments, int size) {
		List<SearchPage> pages = new ArrayList<>();
		pages.add(search(reader, with(arguments, "first", size)));
		while (pages.get(pages.size() - 1).pageInfo().hasNextPage()) {
			String after = pages.get(pages.size() - 1).pageInfo().endCursor();
			pages.add(search(reader, with(with(arguments, "first", size), "after", after)));
		}
		return pages;
	}

	private static List<SearchPage> pagesBackward(GraphQlTester reader, Map<String, Object> arguments, int size) {
		List<SearchPage> pages = new ArrayList<>();
		pages.add(search(reader, with(arguments, "last", size)));
		while (pages.get(pages.size() - 1).pageInfo().hasPreviousPage()) {
			String before = pages.get(pages.size() - 1).pageInfo().startCursor();
			pages.add(search(reader, with(with(arguments, "last", size), "before", before)));
		}
		return pages;
	}

	private static Map<String, Object> with(Map<String, Object> arguments, String name, Object value) {
		Map<String, Object> more = new HashMap<>(arguments);
		more.put(name, value);
		return more;
	}

	// ------------------------------------------------------------------ prepared stories

	/** Imports prepared stories and indexes them, as the demo loader does. */
	private List<Story> importIndexed(TestCenter center, List<Story> prepared) {
		return stories.importStories(TestChannels.tenantIdOf(center), prepared);
	}

	private static Map<String, String> idsByTitle(List<Story> imported) {
		return imported.stream()
			.collect(Collectors.toMap(Story::title, story -> GlobalId.encode(StoryService.NODE_TYPE, story.id())));
	}

	private static Story text(String title, String summary, String body) {
		return text(title, summary, body, NOON);
	}

	private static Story text(String title, String summary, String body, Instant createdAt) {
		return new Story("", "", 0, "search-" + UUID.randomUUID(), title, summary, body, "zh-Hans", List.of(), null,
				List.of(), List.of(), List.of(), List.of(), StoryStatus.DRAFT, Story.FIRST_REVISION, "demo", createdAt,
				createdAt);
	}

}
