package cn.mediagraph.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.metrics.TestPosts;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.Browser;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.RunningApp;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The newsroom front end in a real headless Chromium against the running app: what a newsroom
 * team does in it, each page checked with axe-core, and a screenshot of each main page under
 * {@code target/browser-screenshots}. One test starts a second app with the demo center, to see
 * its stories' posts as a newcomer does.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NewsroomBrowserTests {

	private static final String CREATE = """
			mutation($input: CreateStoryInput!) { createStory(input: $input) { story { id revision } userErrors { code message } } }""";

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	TenantStore store;

	@LocalServerPort
	int port;

	TestCenter center;

	final List<String> yakStories = new ArrayList<>();

	@BeforeAll
	void aCenterWithStories() {
		center = clients.newCenter();
		for (int i = 0; i < 14; i++) {
			yakStories.add(create(Role.EDITOR, Map.of("title", "牦牛合作社第" + (i + 1) + "次分红", "summary", "切吉乡牧民领到红利钱",
					"body", "合作社把牦牛统一放牧，年底按股分红。", "language", "zh-Hans", "region", "切吉乡", "tags", List.of("乡村振兴"))));
		}
		for (int i = 0; i < 10; i++) {
			create(Role.EDITOR, Map.of("title", "龙羊峡库区巡查第" + (i + 1) + "天", "body", "沿岸村庄完成应急演练。", "language", "zh-Hans",
					"region", "龙羊峡镇"));
		}
		create(Role.EDITOR, Map.of("title", "ཆབ་ཆ་རྫོང་གི་འབྲོག་ཁུལ་དུ་དཔྱིད་ཀའི་ཕྱུགས་ནད་སྔོན་འགོག་སྤེལ།", "body", "ཕྱུགས་ནད་སྔོན་འགོག", "language", "bo"));
	}

	private String create(Role role, Map<String, Object> input) {
		return create(center, role, input);
	}

	private String create(TestCenter center, Role role, Map<String, Object> input) {
		return clients.withToken(center.token(role))
			.document(CREATE)
			.variable("input", input)
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	private void submit(TestCenter center, String storyId) {
		clients.withToken(center.token(Role.REPORTER))
			.document("mutation($input: SubmitStoryInput!) { submitStory(input: $input) { userErrors { code } } }")
			.variable("input", Map.of("id", storyId))
			.execute()
			.path("submitStory.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private Browser desktop() {
		return Browser.open("http://127.0.0.1:" + port, 1280, 900);
	}

	private static String username(Role role) {
		return role.name().toLowerCase().replace('_', '-');
	}

	private void signIn(Browser browser, Role role) {
		signIn(browser, center, role);
	}

	private void signIn(Browser browser, TestCenter center, Role role) {
		browser.signIn(center.slug(), username(role), GraphQlClients.PASSWORD);
		browser.visible("#who button");
	}

	/** Scrolls to the list's last story, opens it and checks that its title is on screen; returns the title. */
	private static String openTheLastStoryOfTheList(Browser browser) {
		List<WebElement> links = browser.all("ol.stories a.title");
		WebElement last = links.get(links.size() - 1);
		String title = last.getText();
		browser.script("arguments[0].scrollIntoView({ block: 'end' })", last);
		last.click();
		WebElement heading = browser.until(d -> {
			WebElement h = browser.find("#story-title");
			return h.getText().equals(title) && h.isDisplayed() ? h : null;
		});
		assertThat(browser.inViewport(heading)).as("the open story's title is on screen").isTrue();
		return title;
	}

	private static void assertAccessible(Browser browser) throws Exception {
		assertThat(browser.accessibilityViolations()).as("axe-core violations at " + browser.path()).isEmpty();
	}

	@Test
	void signInSearchOpenAStoryFromTheBottomOfTheListAndGoBack() throws Exception {
		try (Browser browser = desktop()) {
			browser.go("/");
			browser.visible("main input[name=tenant]");
			assertThat(browser.find("html").getAttribute("lang")).isEqualTo("zh-Hans");
			browser.screenshot("desktop-sign-in");
			assertAccessible(browser);
			browser.signIn(center.slug(), "editor", "wrong password!");
			assertThat(browser.visible("main .error").getText()).isEqualTo("媒体中心、用户名或密码不正确。");
			signIn(browser, Role.EDITOR);
			browser.until(d -> browser.path().equals("/stories"));
			browser.until(d -> browser.find(".count").getText().equals("共 25 篇"));
			assertThat(browser.find("a.title[lang=bo]").getText()).startsWith("ཆབ་ཆ་");
			assertAccessible(browser);

			browser.type("input[name=q]", "牦牛");
			browser.find("form.search button[type=submit]").click();
			browser.until(d -> browser.find(".count").getText().equals("“牦牛” 共 14 篇"));
			assertThat(browser.path()).isEqualTo("/stories?q=%E7%89%A6%E7%89%9B");
			assertThat(browser.all("ol.stories li[data-id]")).hasSize(14);
			assertThat(browser.all("ol.stories mark")).isNotEmpty().allMatch(mark -> mark.getText().equals("牦牛"));
			browser.screenshot("desktop-stories-search");

			String title = openTheLastStoryOfTheList(browser);
			assertThat(browser.path()).startsWith("/stories/").endsWith("?q=%E7%89%A6%E7%89%9B");
			assertThat(browser.find("ol.stories li.selected a.title").getText()).isEqualTo(title);
			assertThat(browser.find("ol.stories li.selected a.title").getAttribute("aria-current")).isEqualTo("true");
			assertThat(browser.find(".detail .badge").getText()).isEqualTo("草稿");
			browser.screenshot("desktop-story");
			assertAccessible(browser);
			String storyPath = browser.path();

			browser.driver().navigate().back();
			browser.until(d -> browser.path().equals("/stories?q=%E7%89%A6%E7%89%9B"));
			browser.until(d -> !browser.find(".detail").isDisplayed());
			assertThat(browser.find("input[name=q]").getAttribute("value")).isEqualTo("牦牛");
			assertThat(browser.all("ol.stories li.selected")).isEmpty();

			// a shared link opens the same story, list and search included
			browser.go(storyPath);
			browser.until(d -> browser.find("#story-title").getText().equals(title));
			browser.until(d -> browser.all("ol.stories li.selected").size() == 1);

			// a one-character search replaces the list and its count, and closes the story
			browser.type("input[name=q]", "牛");
			browser.find("form.search button[type=submit]").click();
			browser.until(d -> browser.find(".count").getText().startsWith("“牛” 共 14 篇"));
			assertThat(browser.find(".detail").isDisplayed()).isFalse();

			// cursor paging and facets live in the address too
			browser.go("/stories");
			browser.until(d -> browser.all("ol.stories li[data-id]").size() == 20);
			browser.find("a[rel=next]").click();
			browser.until(d -> browser.all("ol.stories li[data-id]").size() == 5);
			assertThat(browser.path()).startsWith("/stories?after=");
			browser.driver().navigate().back();
			browser.until(d -> browser.all("ol.stories li[data-id]").size() == 20);
			browser.visible(".facet a[href*='region=%E9%BE%99%E7%BE%8A%E5%B3%A1%E9%95%87']").click();
			browser.until(d -> browser.find(".count").getText().equals("共 10 篇"));
			assertThat(browser.find(".facet a.on").getText()).startsWith("龙羊峡镇");

			// an address edited by hand: what it cannot mean is left out, the rest still applies
			browser.go("/stories?from=notadate&to=2026-13-45&status=NOPE&sort=sideways&region=%E9%BE%99%E7%BE%8A%E5%B3%A1%E9%95%87");
			browser.until(d -> browser.find(".count").getText().equals("共 10 篇"));
			assertThat(browser.all("main .error")).isEmpty();
			// a cursor that is no longer (or never was) one of this list: the list from its start
			browser.go("/stories?region=%E9%BE%99%E7%BE%8A%E5%B3%A1%E9%95%87&after=bm90LWEtY3Vyc29y");
			browser.until(d -> browser.path().equals("/stories?region=%E9%BE%99%E7%BE%8A%E5%B3%A1%E9%95%87"));
			browser.until(d -> browser.find(".count").getText().equals("共 10 篇"));
		}
	}

	@Test
	void writeAStoryWithAFieldErrorSubmitItAndApproveItAtThreeLevels() throws Exception {
		TestCenter center = clients.newCenter();
		try (Browser browser = desktop()) {
			browser.go("/stories/new");
			signIn(browser, center, Role.REPORTER);
			browser.visible("form.story-form input[name=title]");
			browser.type("textarea[name=body]", "塘格木镇寄宿制学校新校舍投用，六百多名学生住进新宿舍。");
			browser.find(".versions-edit > button").click();
			browser.type(".version-edit input[name=versionTitle]", "新校舍投用");
			browser.type(".version-edit input[name=durationSeconds]", "100000");
			browser.find("form.story-form button[type=submit]").click();
			WebElement titleError = browser.visible("[data-error-for=title]");
			assertThat(titleError.getText()).isEqualTo("必填。");
			assertThat(browser.find("input[name=title]").getAttribute("aria-invalid")).isEqualTo("true");
			assertThat(browser.visible("[data-error-for='versions.0.durationSeconds']").getText()).isEqualTo("须在 0 到 86400 秒之间。");
			assertThat(browser.find(".form-summary").getText()).contains("请修改标出的 2 处问题");
			browser.screenshot("desktop-write-errors");
			assertAccessible(browser);

			browser.type("input[name=title]", "塘格木镇寄宿制学校新校舍投用");
			browser.type(".version-edit input[name=durationSeconds]", "90");
			browser.find("form.story-form button[type=submit]").click();
			browser.until(d -> browser.all("#story-title").size() == 1 && browser.find("#story-title").getText().equals("塘格木镇寄宿制学校新校舍投用"));
			String storyPath = browser.path();
			browser.visible(".detail .actions button").click(); // 提交审核
			browser.until(d -> browser.find(".detail .story-head .badge").getText().equals("审核中 · 待初审"));

			for (Role role : List.of(Role.EDITOR, Role.SENIOR_EDITOR, Role.CHIEF_EDITOR)) {
				browser.signOut();
				browser.go("/review");
				signIn(browser, center, role);
				WebElement card = browser.until(d -> d.findElements(By.cssSelector("li.card")).stream()
					.filter(c -> c.getText().contains("塘格木镇寄宿制学校新校舍投用")).findFirst().orElse(null));
				if (role == Role.EDITOR) {
					browser.screenshot("desktop-review");
					assertAccessible(browser);
				}
				card.findElement(By.cssSelector("button.primary")).click();
				browser.until(d -> browser.find(".review [role=status]").getText().contains("已通过"));
			}
			browser.go(storyPath);
			browser.until(d -> browser.find(".detail .story-head .badge").getText().equals("已签发"));
			assertThat(browser.all(".trail li")).extracting(WebElement::getText)
				.anySatisfy(text -> assertThat(text).startsWith("初审 · 通过"))
				.anySatisfy(text -> assertThat(text).startsWith("复审 · 通过"))
				.anySatisfy(text -> assertThat(text).startsWith("终审 · 通过"));
		}
	}

	@Test
	void aRejectionNeedsAnOpinionShownAtItsField() throws Exception {
		TestCenter center = clients.newCenter();
		submit(center, create(center, Role.REPORTER, Map.of("title", "县中学生机器人社团获奖", "language", "zh-Hans")));
		try (Browser browser = desktop()) {
			browser.go("/review?level=FIRST");
			signIn(browser, center, Role.EDITOR);
			WebElement card = browser.until(d -> d.findElements(By.cssSelector("li.card")).stream()
				.filter(c -> c.getText().contains("县中学生机器人社团获奖")).findFirst().orElse(null));
			// live: a story submitted by someone else meanwhile shows up without a reload
			String other = create(center, Role.REPORTER, Map.of("title", "包虫病免费筛查覆盖全县牧区", "language", "zh-Hans"));
			submit(center, other);
			browser.until(d -> browser.all("li.card").stream().anyMatch(c -> c.getText().contains("包虫病免费筛查覆盖全县牧区")));
			card.findElement(By.cssSelector("button.danger")).click();
			browser.until(d -> card.findElement(By.cssSelector(".field-error")).getText().equals("退回时必须写明意见。"));
			assertThat(card.findElement(By.cssSelector("textarea")).getAttribute("aria-invalid")).isEqualTo("true");
			card.findElement(By.cssSelector("textarea")).sendKeys("获奖名次请与教育局通报核对");
			card.findElement(By.cssSelector("button.danger")).click();
			browser.until(d -> browser.find(".review [role=status]").getText().contains("已退回"));
			assertThat(browser.all("li.card")).noneMatch(c -> c.getText().contains("县中学生机器人社团获奖"));
		}
	}

	@Test
	void anEditConflictIsExplainedWithAWayToLoadTheNewerStory() throws Exception {
		TestCenter center = clients.newCenter();
		String id = create(center, Role.EDITOR, Map.of("title", "黑马河日出成顶流", "language", "zh-Hans"));
		try (Browser browser = desktop()) {
			browser.go("/stories/" + id + "/edit");
			signIn(browser, center, Role.EDITOR);
			browser.until(d -> browser.find("input[name=title]").getAttribute("value").equals("黑马河日出成顶流"));
			clients.withToken(center.token(Role.SENIOR_EDITOR))
				.document("mutation($input: UpdateStoryInput!) { updateStory(input: $input) { userErrors { code } } }")
				.variable("input", Map.of("id", id, "expectedRevision", 1, "title", "黑马河日出成“顶流” 民宿推出观日出套餐"))
				.execute();
			browser.type("input[name=title]", "我的标题");
			browser.find("form.story-form button[type=submit]").click();
			assertThat(browser.visible(".conflict [role=alert]").getText()).contains("被他人修改过（现为第 2 版）");
			browser.screenshot("desktop-edit-conflict");
			browser.find(".conflict button.primary").click();
			browser.until(d -> browser.find("input[name=title]").getAttribute("value").equals("黑马河日出成“顶流” 民宿推出观日出套餐"));

			// the story page shows the edit that won, with its difference
			browser.go("/stories/" + id);
			WebElement revision = browser.visible(".revisions summary");
			assertThat(revision.getText()).startsWith("第 2 版 · 编辑 · senior-editor").endsWith("改动：标题");
			revision.click();
			assertThat(browser.visible(".revisions .diff del").getText().replace("\n", "")).isEqualTo("（删除）黑马河日出成顶流");
			assertThat(browser.visible(".revisions .diff ins").getText().replace("\n", "")).isEqualTo("（新增）黑马河日出成“顶流” 民宿推出观日出套餐");
			browser.screenshot("desktop-story-revisions");
			assertAccessible(browser);
		}
	}

	@Test
	void theAdminManagesUsersAndChannelsWithErrorsAtTheirFields() throws Exception {
		TestCenter center = clients.newCenter();
		try (Browser browser = desktop()) {
			browser.go("/admin");
			signIn(browser, center, Role.ADMIN);
			browser.until(d -> browser.all("table tbody tr").size() >= 6);
			browser.type("form[aria-labelledby=new-channel-h] input[name=name]", "共和县融媒体中心快手号");
			new org.openqa.selenium.support.ui.Select(browser.find("form[aria-labelledby=new-channel-h] select[name=platform]")).selectByValue("KUAISHOU");
			new org.openqa.selenium.support.ui.Select(browser.find("form[aria-labelledby=new-channel-h] select[name=medium]")).selectByValue("SHORT_VIDEO");
			browser.type("form[aria-labelledby=new-channel-h] input[name=maxPostsPerDay]", "5000");
			browser.find("form[aria-labelledby=new-channel-h] button[type=submit]").click();
			assertThat(browser.visible("form[aria-labelledby=new-channel-h] [data-error-for=maxPostsPerDay]").getText()).isEqualTo("须在 1 到 1000 之间。");
			browser.type("form[aria-labelledby=new-channel-h] input[name=maxPostsPerDay]", "20");
			browser.find("form[aria-labelledby=new-channel-h] button[type=submit]").click();
			browser.until(d -> browser.all(".channel-list summary").stream().anyMatch(s -> s.getText().startsWith("共和县融媒体中心快手号 · 快手 · 短视频")));
			browser.screenshot("desktop-admin");
			assertAccessible(browser);
		}
	}

	@Test
	void reachIsChartedForTheCenterAndShownByChannelOnTheStoryPage() throws Exception {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "共和县融媒体中心抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		Channel wechat = channels.create(center, "共和发布", Platform.WECHAT_OFFICIAL_ACCOUNT, Medium.SOCIAL);
		String storyId = create(center, Role.EDITOR, Map.of("title", "环湖赛共和段观赛指南", "language", "zh-Hans"));
		String tenantId = TestChannels.tenantIdOf(center);
		String storyDocument = GlobalId.decode(storyId, "Story").orElseThrow();
		String campaignId = clients.withToken(center.token(Role.EDITOR))
			.document("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } userErrors { message } } }")
			.variable("input", Map.of("name", "环湖赛宣传", "startsAt", Instant.now().minus(10, ChronoUnit.DAYS).toString(), "endsAt",
					Instant.now().plus(10, ChronoUnit.DAYS).toString(), "channelIds", List.of(TestChannels.globalId(douyin)),
					"goals", List.of(Map.of("metric", "VIEWS", "target", 50000))))
			.execute()
			.path("createCampaign.campaign.id")
			.entity(String.class)
			.get();
		String campaignDocument = GlobalId.decode(campaignId, "Campaign").orElseThrow();
		String onDouyin = TestPosts.post(store, tenantId, storyDocument, douyin.id(), campaignDocument);
		String onWechat = TestPosts.post(store, tenantId, storyDocument, wechat.id(), campaignDocument);
		List<Map<String, Object>> samples = new ArrayList<>();
		Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
		for (int day = 5; day >= 1; day--) {
			String at = now.minus(day, ChronoUnit.DAYS).toString();
			samples.add(Map.of("postId", onDouyin, "metric", "VIEWS", "value", 1000.0 * (6 - day), "observedAt", at, "mode", "DELTA"));
			samples.add(Map.of("postId", onWechat, "metric", "VIEWS", "value", 300.0 * (6 - day), "observedAt", at, "mode", "DELTA"));
		}
		clients.withToken(center.token(Role.EDITOR))
			.document("mutation($input: RecordMetricsInput!) { recordMetrics(input: $input) { accepted userErrors { message } } }")
			.variable("input", Map.of("samples", samples))
			.execute()
			.path("recordMetrics.accepted")
			.entity(Integer.class)
			.isEqualTo(10);
		try (Browser browser = desktop()) {
			browser.go("/analytics");
			signIn(browser, center, Role.ANALYST);
			WebElement line = browser.visible("figure.chart-figure[data-drawn]");
			assertThat(line.findElement(By.cssSelector("figcaption")).getText()).isEqualTo("阅读量走势");
			assertThat(Integer.parseInt(line.getAttribute("data-points"))).as("a point a day for 30 days").isEqualTo(30);
			assertThat(line.findElements(By.cssSelector("svg path"))).isNotEmpty();
			browser.until(d -> browser.all("figure.chart-figure[data-drawn]").size() >= 3);
			assertThat(browser.find(".totals li.on").getText()).isEqualTo("阅读量\n19,500");
			assertThat(browser.find(".ranking li").getText()).contains("环湖赛共和段观赛指南", "19,500");
			browser.screenshot("desktop-analytics");
			assertAccessible(browser);

			// a campaign's goal progress
			browser.go("/analytics?campaign=" + java.net.URLEncoder.encode(campaignId, java.nio.charset.StandardCharsets.UTF_8));
			WebElement goals = browser.until(d -> d.findElements(By.cssSelector("figure.chart-figure[data-drawn]")).stream()
				.filter(f -> f.getText().startsWith("活动目标完成度")).findFirst().orElse(null));
			assertThat(goals.getAttribute("data-points")).isEqualTo("1");
			assertThat(goals.findElements(By.cssSelector("svg text")).stream().map(WebElement::getText))
				.contains("39%（19,500 / 50,000）");
			browser.screenshot("desktop-analytics-campaign");

			browser.go("/analytics");
			browser.visible(".ranking li a").click();
			WebElement row = browser.until(d -> d.findElements(By.cssSelector(".reach-table tbody tr")).stream()
				.filter(r -> r.getText().startsWith("共和县融媒体中心抖音号")).findFirst().orElse(null));
			assertThat(row.getText()).endsWith("15,000");
		}
	}

	@Test
	void scheduleAPostSeeAValidationErrorAtItsFieldThenSeeItInTheWeekAndCancelIt() throws Exception {
		TestCenter center = clients.newCenter();
		Channel douyin = channels.create(center, "共和县融媒体中心抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO);
		String storyId = create(center, Role.REPORTER, Map.of("title", "七夕灯光秀点亮恰卜恰河畔", "language", "zh-Hans"));
		submit(center, storyId);
		Instant now = Instant.now();
		clients.withToken(center.token(Role.EDITOR))
			.document("mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id } userErrors { message } } }")
			.variable("input", Map.of("name", "我们的节日·七夕", "startsAt", now.minus(1, ChronoUnit.DAYS).toString(), "endsAt",
					now.plus(20, ChronoUnit.DAYS).toString(), "channelIds", List.of(TestChannels.globalId(douyin))))
			.execute()
			.path("createCampaign.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
			.withZone(java.time.ZoneOffset.ofHours(8));
		try (Browser browser = desktop()) {
			browser.go("/campaigns");
			signIn(browser, center, Role.EDITOR);
			WebElement form = browser.visible("form.schedule");
			browser.until(d -> form.findElements(By.cssSelector("select[name=storyId] option")).size() > 1);
			new org.openqa.selenium.support.ui.Select(form.findElement(By.name("campaignId"))).selectByVisibleText("我们的节日·七夕");
			new org.openqa.selenium.support.ui.Select(form.findElement(By.name("storyId"))).selectByVisibleText("七夕灯光秀点亮恰卜恰河畔");
			new org.openqa.selenium.support.ui.Select(form.findElement(By.name("channelId"))).selectByVisibleText("共和县融媒体中心抖音号");
			WebElement time = form.findElement(By.name("scheduledAt"));
			browser.script("arguments[0].value = arguments[1]", time, local.format(now.minus(2, ChronoUnit.HOURS)));
			form.findElement(By.cssSelector("button[type=submit]")).click();
			assertThat(browser.visible("form.schedule [data-error-for=scheduledAt]").getText()).isEqualTo("这个时间已经过去了。");
			assertThat(time.getAttribute("aria-invalid")).isEqualTo("true");
			browser.screenshot("desktop-campaigns-error");

			browser.script("arguments[0].value = arguments[1]", time, local.format(now.plus(2, ChronoUnit.DAYS)).substring(0, 11) + "10:00");
			form.findElement(By.cssSelector("button[type=submit]")).click();
			WebElement post = browser.visible("table.calendar button.post");
			assertThat(post.getText()).contains("10:00", "七夕灯光秀点亮恰卜恰河畔", "已排期");
			browser.screenshot("desktop-campaigns");
			assertAccessible(browser);

			post.click();
			assertThat(browser.visible(".post-detail .transitions li").getText()).contains("已排期");
			browser.find(".post-detail button.danger").click();
			// a cancelled post leaves the week's plan (or stays, marked cancelled)
			browser.until(d -> browser.all("table.calendar button.post").stream().allMatch(b -> b.getText().contains("已取消")));
		}
	}

	/**
	 * The demo center (loaded by a second app, as a newcomer's first start does): a Qixi story
	 * shows where it ran and is planned to run, with each post's channel, campaign, Beijing time,
	 * status, link and failure reason; a story never scheduled says so.
	 */
	@Test
	void aDemoStoryShowsItsPostsWithChannelCampaignLocalTimeStatusLinkAndReason(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext demo = SpringApplication.run(MediaGraphApplication.class, "--server.port=0",
				"--mediagraph.demo.enabled=true", "--mediagraph.embedded.storage=memory", "--mediagraph.index.in-memory=true",
				"--mediagraph.publisher.enabled=false")) {
			Matcher editor = Pattern.compile("\\n\\s+editor\\s+(\\S+)").matcher(output.getOut());
			assertThat(editor.find()).as("the demo editor's password is shown").isTrue();
			RunningApp app = new RunningApp(RunningApp.portOf(demo));
			String token = app.login("gonghe", "editor", editor.group(1));
			JsonNode launch = demoStory(app, token, "共和情话");
			JsonNode lights = demoStory(app, token, "七夕灯光秀");
			List<JsonNode> unscheduled = new ArrayList<>();
			app.graphql(token, "{ stories(first: 100) { nodes { id posts(first: 1) { totalCount } } } }", Map.of())
				.path("stories").path("nodes").forEach(story -> {
					if (story.path("posts").path("totalCount").asInt() == 0) {
						unscheduled.add(story);
					}
				});
			assertThat(unscheduled).as("some demo stories were never scheduled").isNotEmpty();
			JsonNode never = unscheduled.get(0);
			DateTimeFormatter beijing = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
			try (Browser browser = Browser.open("http://127.0.0.1:" + app.port(), 1280, 900)) {
				browser.go("/stories/" + launch.path("id").asString());
				browser.signIn("gonghe", "editor", editor.group(1));
				browser.visible("#who button");
				List<WebElement> rows = browser.until(d -> {
					List<WebElement> found = d.findElements(By.cssSelector(".posts-table tbody tr"));
					return found.size() == 2 ? found : null;
				});
				assertThat(browser.find("#posts-h").getText()).isEqualTo("发布安排");
				List<String> cells = rows.get(0).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
				assertThat(cells.get(0)).as("Beijing time")
					.isEqualTo(beijing.format(Instant.parse(launch.path("posts").path("nodes").get(0).path("scheduledAt").asString())));
				assertThat(cells.get(1)).isEqualTo("共和新闻网（网站）");
				assertThat(cells.get(2)).isEqualTo("“我们的节日·七夕”爱在共和主题宣传");
				assertThat(cells.get(3)).startsWith("已发布 查看已发布内容");
				assertThat(rows.get(0).findElement(By.cssSelector("a[target=_blank]")).getAttribute("href"))
					.isEqualTo("https://news.gonghe.example.cn/2026/qixi/launch.html");
				assertThat(rows.get(1).getText()).contains("共和县广播电视台综合频道", "发布中");
				assertThat(rows.get(1).findElements(By.cssSelector("a[target=_blank]"))).as("no link before it is out").isEmpty();
				assertThat(rows.get(0).findElement(By.cssSelector("td a[href^='/campaigns?']")).getAttribute("href"))
					.contains("campaign=");
				browser.script("arguments[0].scrollIntoView({ block: 'start', behavior: 'instant' })", browser.find("section.posts"));
				browser.screenshot("desktop-story-posts");
				assertAccessible(browser);

				browser.go("/stories/" + lights.path("id").asString());
				WebElement failed = browser.until(d -> d.findElements(By.cssSelector(".posts-table tbody tr")).stream()
					.filter(row -> row.getText().contains("智慧共和客户端")).findFirst().orElse(null));
				assertThat(failed.getText()).contains("发布失败");
				assertThat(failed.findElement(By.cssSelector(".reason")).getText()).startsWith("原因：Gave up after 8 attempts");

				browser.go("/stories/" + never.path("id").asString());
				assertThat(browser.until(d -> {
					WebElement empty = browser.find("section.posts");
					return empty.findElements(By.cssSelector(".loading")).isEmpty() ? empty : null;
				}).getText()).endsWith("这篇稿件还没有排期发布。");
			}
		}
	}

	/** The demo story whose title holds this phrase, with its posts. */
	private static JsonNode demoStory(RunningApp app, String token, String phrase) throws Exception {
		return app.graphql(token, "query($text: String) { stories(filter: {text: $text}, first: 1) { nodes { id title "
				+ "posts { nodes { scheduledAt } } } } }", Map.of("text", phrase))
			.path("stories").path("nodes").get(0);
	}

	@Test
	void onAPhoneTheOpenStoryTakesTheScreenAndBackReturnsToTheList() throws Exception {
		try (Browser browser = Browser.open("http://127.0.0.1:" + port, 390, 844)) {
			browser.go("/stories?q=%E7%89%A6%E7%89%9B");
			signIn(browser, Role.EDITOR);
			browser.until(d -> browser.all("ol.stories li[data-id]").size() == 14);
			assertThat(browser.script("return [window.innerWidth, document.documentElement.scrollWidth]")).isEqualTo(List.of(390L, 390L));
			browser.screenshot("phone-stories");
			assertAccessible(browser);
			String title = openTheLastStoryOfTheList(browser);
			assertThat(browser.find(".list").isDisplayed()).isFalse();
			assertThat(browser.find(".detail .back").isDisplayed()).isTrue();
			assertThat(browser.script("return [window.innerWidth, document.documentElement.scrollWidth]")).isEqualTo(List.of(390L, 390L));
			browser.screenshot("phone-story");
			assertAccessible(browser);
			browser.find(".detail .back").click();
			browser.until(d -> browser.find(".list").isDisplayed());
			assertThat(browser.path()).isEqualTo("/stories?q=%E7%89%A6%E7%89%9B");

			for (String page : List.of("/review", "/campaigns", "/analytics")) {
				browser.go(page);
				browser.visible("main h1");
				browser.until(d -> browser.all("main .loading").isEmpty());
				assertThat(browser.script("return [window.innerWidth, document.documentElement.scrollWidth]")).as(page)
					.isEqualTo(List.of(390L, 390L));
				browser.screenshot("phone" + page.replace('/', '-'));
				assertAccessible(browser);
			}
		}
	}

}
