package cn.mediagraph.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.tenant.TenantService;
import cn.mediagraph.testing.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first start loads the demo center; one stopped half-way (here: after the center
 * was made, before anything else) is finished by the next start, which shows the passwords.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoLoaderTests {

	@TempDir
	Path dataDir;

	@Test
	void aFirstStartStoppedHalfWayIsFinishedByTheNextWithItsPasswordsShown(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext interrupted = start(false)) {
			interrupted.getBean(TenantService.class).createForBootstrap("gonghe", "共和县融媒体中心", "Asia/Shanghai");
			interrupted.getBean(PlatformStore.class).save(new DemoState(DemoState.ID, false, Instant.now(), null));
		}
		try (ConfigurableApplicationContext next = start(true)) {
			assertThat(output).contains("Finishing the demo media center '共和县融媒体中心', whose loading was interrupted");
			Matcher editor = Pattern.compile("\\n\\s+editor\\s+(\\S+)").matcher(output.getOut());
			assertThat(editor.find()).as("the editor's password is shown").isTrue();
			RunningApp app = new RunningApp(next.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			String token = app.login("gonghe", "editor", editor.group(1));
			var stories = app.graphql(token, "{ stories { totalCount } }", Map.of());
			assertThat(stories.path("stories").path("totalCount").asInt()).isEqualTo(60);
			var stages = app.graphql(token, "{ stories { facets { status { value count } } } }", Map.of());
			List<String> statuses = new ArrayList<>();
			stages.path("stories").path("facets").path("status").forEach(count -> statuses.add(count.path("value").asString()));
			assertThat(statuses).as("every stage of the review is shown").containsExactlyInAnyOrder("DRAFT", "IN_REVIEW",
					"APPROVED", "PUBLISHED", "CORRECTED", "WITHDRAWN", "ARCHIVED");
			var waiting = app.graphql(token, "{ stories(filter: {status: IN_REVIEW}) { nodes { reviewLevel } } }", Map.of());
			List<String> levels = new ArrayList<>();
			waiting.path("stories").path("nodes").forEach(node -> levels.add(node.path("reviewLevel").asString()));
			assertThat(levels).as("stories wait at every level").contains("FIRST", "SECOND", "FINAL");
			var queue = app.graphql(token, "{ reviewQueue(level: FIRST) { totalCount } }", Map.of());
			assertThat(queue.path("reviewQueue").path("totalCount").asInt()).isPositive();
			var trails = app.graphql(token,
					"{ stories(filter: {status: PUBLISHED}, first: 1) { nodes { reviewTrail { level reviewer { username } } } } }",
					Map.of());
			assertThat(trails.path("stories").path("nodes").get(0).path("reviewTrail").size()).isEqualTo(3);
			var corrected = app.graphql(token, """
					{ stories(filter: {status: CORRECTED}, first: 1) { nodes { revisions { totalCount nodes {
					  kind publishedRevision previous { body } content { body } changes { field segments { change } } } } } } }""",
					Map.of()).path("stories").path("nodes").get(0).path("revisions");
			assertThat(corrected.path("totalCount").asInt()).as("the correction is on record").isEqualTo(1);
			var correction = corrected.path("nodes").get(0);
			assertThat(correction.path("kind").asString()).isEqualTo("CORRECTION");
			assertThat(correction.path("publishedRevision").asInt()).isPositive();
			assertThat(correction.path("previous").path("body").asString())
				.isNotEqualTo(correction.path("content").path("body").asString());
			assertThat(correction.path("changes").get(0).path("field").asString()).isEqualTo("body");
			var drafts = app.graphql(token, "{ stories(filter: {status: DRAFT}, first: 100) { nodes { revisions { totalCount } } } }",
					Map.of());
			List<Integer> edits = new ArrayList<>();
			drafts.path("stories").path("nodes").forEach(node -> edits.add(node.path("revisions").path("totalCount").asInt()));
			assertThat(edits).as("a draft with several saved edits").contains(2);
			var campaigns = app.graphql(token,
					"{ campaigns { nodes { name status startsAt endsAt posts(first: 20) { nodes { status scheduledAt } } } } }",
					Map.of());
			List<String> campaignStates = new ArrayList<>();
			List<String> postStates = new ArrayList<>();
			campaigns.path("campaigns").path("nodes").forEach(campaign -> {
				campaignStates.add(campaign.path("status").asString());
				Instant startsAt = Instant.parse(campaign.path("startsAt").asString());
				Instant endsAt = Instant.parse(campaign.path("endsAt").asString());
				campaign.path("posts").path("nodes").forEach(post -> {
					postStates.add(post.path("status").asString());
					assertThat(Instant.parse(post.path("scheduledAt").asString()))
						.as("a post of %s inside its window, as scheduling demands", campaign.path("name").asString())
						.isBetween(startsAt, endsAt);
				});
			});
			assertThat(campaignStates).as("campaigns in every state").hasSize(6).contains("ACTIVE", "PLANNED", "COMPLETED",
					"CANCELLED");
			assertThat(postStates).as("posts in every state").contains("SCHEDULED", "PUBLISHING", "PUBLISHED", "FAILED",
					"CANCELLED", "BLOCKED");
			Map<String, Object> year = Map.of("r", Map.of("from", Instant.now().minus(java.time.Duration.ofDays(400)).toString(),
					"to", Instant.now().plus(java.time.Duration.ofDays(1)).toString()));
			var reach = app.graphql(token, "query($r: ReachRange!) { tenantReach(range: $r) { totals { metric value } } "
					+ "topStories(metric: CLICKS, range: $r, first: 1) { nodes { title } } }", year);
			Map<String, Double> totals = new java.util.HashMap<>();
			reach.path("tenantReach").path("totals").forEach(t -> totals.put(t.path("metric").asString(), t.path("value").asDouble()));
			assertThat(totals.get("CLICKS")).as("the trail race's clicks network-wide").isGreaterThan(3.4e8);
			assertThat(totals.get("LIVE_VIEWERS")).as("the gala's live viewers").isGreaterThan(1.0e6);
			assertThat(totals.get("PLACEMENTS")).as("a year's placements").isEqualTo(3590.0);
			assertThat(totals.get("AIRINGS")).as("big-screen airings").isGreaterThan(60_000.0);
			assertThat(reach.path("topStories").path("nodes").get(0).path("title").asString()).contains("越野");
			assertThat(next.getBean(PlatformStore.class).findById(DemoState.ID, DemoState.class))
				.hasValueSatisfying(state -> assertThat(state.complete()).isTrue());
			assertThat(output).contains("Open http://localhost:");
		}
		try (ConfigurableApplicationContext third = start(true)) {
			assertThat(output.getOut().split("Demo users of tenant", -1)).as("passwords are shown once").hasSize(2);
		}
	}

	private ConfigurableApplicationContext start(boolean demo) {
		return SpringApplication.run(MediaGraphApplication.class, "--server.port=0",
				"--mediagraph.embedded.data-dir=" + dataDir, "--mediagraph.demo.enabled=" + demo);
	}

}
