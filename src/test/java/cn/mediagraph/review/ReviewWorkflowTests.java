package cn.mediagraph.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three-level review (三审) over HTTP, as each role meets it: the walk through all levels,
 * every rejection path, each rule broken once, two reviewers racing, the queue, and centers
 * kept apart.
 */
@IntegrationTest
class ReviewWorkflowTests {

	@Autowired
	GraphQlClients clients;

	TestCenter center;

	record Err(List<String> field, String code, String message) {
	}

	record ReviewerView(String id, String username) {
	}

	record MarkView(String level, String decision, long revision, @Nullable String opinion, Instant at,
			ReviewerView reviewer) {
	}

	record StoryView(String id, String status, @Nullable String reviewLevel, long revision, List<MarkView> reviewTrail) {
	}

	record Payload(@Nullable StoryView story, List<Err> userErrors) {

		String code() {
			assertThat(userErrors).hasSize(1);
			return userErrors.get(0).code();
		}

		StoryView ok() {
			assertThat(userErrors).isEmpty();
			assertThat(story).isNotNull();
			return story;
		}

	}

	record NodeView(String id, String status, String reviewLevel, long revision) {
	}

	record EdgeView(String cursor, NodeView node) {
	}

	record PageInfoView(boolean hasNextPage, @Nullable String endCursor) {
	}

	record QueueView(int totalCount, PageInfoView pageInfo, List<EdgeView> edges) {

		List<String> ids() {
			return edges.stream().map(edge -> edge.node().id()).toList();
		}

	}

	@BeforeEach
	void newCenter() {
		center = clients.newCenter();
	}

	// ------------------------------------------------------------------ the walk

	@Test
	void aStoryPassesThreeLevelsDecidedByThreePeople() {
		String id = draft(center, Role.REPORTER, "三审 全程");
		StoryView s = submit(Role.REPORTER, id).ok();
		assertThat(s.status()).isEqualTo("IN_REVIEW");
		assertThat(s.reviewLevel()).isEqualTo("FIRST");

		s = review(Role.EDITOR, id, s.revision(), "APPROVE", "初审通过").ok();
		assertThat(s.status()).isEqualTo("IN_REVIEW");
		assertThat(s.reviewLevel()).isEqualTo("SECOND");
		s = review(Role.SENIOR_EDITOR, id, s.revision(), "APPROVE", null).ok();
		assertThat(s.reviewLevel()).isEqualTo("FINAL");
		s = review(Role.CHIEF_EDITOR, id, s.revision(), "APPROVE", "签发").ok();
		assertThat(s.status()).isEqualTo("APPROVED");
		assertThat(s.reviewLevel()).isNull();

		StoryView read = read(Role.ANALYST, id);
		assertThat(read.reviewTrail()).extracting(MarkView::level).containsExactly("FIRST", "SECOND", "FINAL");
		assertThat(read.reviewTrail()).extracting(MarkView::decision).containsOnly("APPROVE");
		assertThat(read.reviewTrail()).extracting(mark -> mark.reviewer().username())
			.containsExactly("editor", "senior-editor", "chief-editor");
		assertThat(read.reviewTrail()).extracting(MarkView::opinion).containsExactly("初审通过", null, "签发");
		assertThat(read.reviewTrail().get(0).at()).isBeforeOrEqualTo(read.reviewTrail().get(2).at());

		s = move("publishStory", Role.EDITOR, id, s.revision()).ok();
		assertThat(s.status()).isEqualTo("PUBLISHED");
		s = move("withdrawStory", Role.CHIEF_EDITOR, id, s.revision()).ok();
		assertThat(s.status()).isEqualTo("WITHDRAWN");
		s = move("archiveStory", Role.EDITOR, id, s.revision()).ok();
		assertThat(s.status()).isEqualTo("ARCHIVED");
		assertThat(s.reviewTrail()).hasSize(3);
	}

	@Test
	void aRejectionAtAnyLevelSendsTheStoryBackToDraftWithTheOpinion() {
		for (int level = 0; level < 3; level++) {
			String id = draft(center, Role.REPORTER, "退回 " + level);
			StoryView s = submit(Role.REPORTER, id).ok();
			Role[] reviewers = { Role.EDITOR, Role.SENIOR_EDITOR, Role.CHIEF_EDITOR };
			for (int i = 0; i < level; i++) {
				s = review(reviewers[i], id, s.revision(), "APPROVE", null).ok();
			}
			s = review(reviewers[level], id, s.revision(), "REJECT", "数据需核实 " + level).ok();
			assertThat(s.status()).isEqualTo("DRAFT");
			assertThat(s.reviewLevel()).isNull();
			MarkView last = s.reviewTrail().get(s.reviewTrail().size() - 1);
			assertThat(last.decision()).isEqualTo("REJECT");
			assertThat(last.opinion()).isEqualTo("数据需核实 " + level);
			assertThat(last.level()).isEqualTo(List.of("FIRST", "SECOND", "FINAL").get(level));
			// resubmitted, the same reviewers decide again on the new submission
			s = submit(Role.REPORTER, id).ok();
			s = review(Role.EDITOR, id, s.revision(), "APPROVE", null).ok();
			assertThat(s.reviewLevel()).isEqualTo("SECOND");
			assertThat(s.reviewTrail()).hasSize(level + 2);
		}
	}

	// ------------------------------------------------------------------ the rules

	@Test
	void aReporterCannotReviewAndALowerRoleCannotActAtAHigherLevel() {
		String id = draft(center, Role.REPORTER, "级别");
		StoryView s = submit(Role.REPORTER, id).ok();
		assertThat(reviewErrors(Role.REPORTER, id, s.revision())).isNotEmpty();
		s = review(Role.SENIOR_EDITOR, id, s.revision(), "APPROVE", null).ok(); // higher role, lower level
		assertThat(review(Role.EDITOR, id, s.revision(), "APPROVE", null).code()).isEqualTo("FORBIDDEN");
		s = review(Role.CHIEF_EDITOR, id, s.revision(), "APPROVE", null).ok();
		assertThat(s.reviewLevel()).isEqualTo("FINAL");
		assertThat(review(Role.SENIOR_EDITOR, id, s.revision(), "APPROVE", null).code()).isEqualTo("FORBIDDEN");
		assertThat(read(Role.EDITOR, id).reviewTrail()).hasSize(2);
	}

	@Test
	void nobodyDecidesAtTwoLevelsOfOneRevisionNorOnTheirOwnStory() {
		String id = draft(center, Role.CHIEF_EDITOR, "自审");
		StoryView s = submit(Role.CHIEF_EDITOR, id).ok();
		assertThat(review(Role.CHIEF_EDITOR, id, s.revision(), "APPROVE", null).code()).isEqualTo("OWN_STORY");

		String other = draft(center, Role.REPORTER, "两级");
		s = submit(Role.REPORTER, other).ok();
		s = review(Role.CHIEF_EDITOR, other, s.revision(), "APPROVE", null).ok();
		s = review(Role.SENIOR_EDITOR, other, s.revision(), "APPROVE", null).ok();
		assertThat(review(Role.CHIEF_EDITOR, other, s.revision(), "APPROVE", null).code())
			.isEqualTo("ALREADY_REVIEWED");
		assertThat(read(Role.EDITOR, other).reviewLevel()).isEqualTo("FINAL");
	}

	@Test
	void aDecisionIsForTheCurrentRevisionOnly() {
		String id = draft(center, Role.REPORTER, "版本");
		StoryView s = submit(Role.REPORTER, id).ok();
		Payload stale = review(Role.EDITOR, id, s.revision() - 1, "APPROVE", null);
		assertThat(stale.code()).isEqualTo("CONFLICT");
		assertThat(stale.userErrors().get(0).field()).containsExactly("input", "revision");
		assertThat(read(Role.EDITOR, id).reviewTrail()).isEmpty();
	}

	@Test
	void anEditInReviewOrApprovedMakesANewRevisionBackInDraftAndKeepsTheTrail() {
		String id = draft(center, Role.REPORTER, "修改");
		StoryView s = submit(Role.REPORTER, id).ok();
		s = review(Role.EDITOR, id, s.revision(), "APPROVE", null).ok();
		long approvedAt = s.revision();
		s = edit(Role.EDITOR, id, s.revision(), "修改 之后");
		assertThat(s.status()).isEqualTo("DRAFT");
		assertThat(s.reviewLevel()).isNull();
		assertThat(s.revision()).isGreaterThan(approvedAt);
		assertThat(s.reviewTrail()).hasSize(1);
		assertThat(review(Role.SENIOR_EDITOR, id, approvedAt, "APPROVE", null).code()).isEqualTo("CONFLICT");
		assertThat(review(Role.SENIOR_EDITOR, id, s.revision(), "APPROVE", null).code()).isEqualTo("WRONG_STATUS");

		// approved, then edited: back to draft, and the approval does not carry over
		s = submit(Role.REPORTER, id).ok();
		s = review(Role.EDITOR, id, s.revision(), "APPROVE", null).ok();
		s = review(Role.SENIOR_EDITOR, id, s.revision(), "APPROVE", null).ok();
		s = review(Role.CHIEF_EDITOR, id, s.revision(), "APPROVE", null).ok();
		assertThat(s.status()).isEqualTo("APPROVED");
		s = edit(Role.REPORTER, id, s.revision(), "签发后又改");
		assertThat(s.status()).isEqualTo("DRAFT");
		assertThat(s.reviewTrail()).hasSize(4);
		assertThat(move("publishStory", Role.EDITOR, id, s.revision()).code()).isEqualTo("WRONG_STATUS");
	}

	@Test
	void aRejectionNeedsAnOpinionAndMovesNeedTheRightStatus() {
		String id = draft(center, Role.REPORTER, "意见");
		assertThat(review(Role.EDITOR, id, 1, "APPROVE", null).code()).isEqualTo("WRONG_STATUS");
		assertThat(move("publishStory", Role.EDITOR, id, 1).code()).isEqualTo("WRONG_STATUS");
		StoryView s = submit(Role.REPORTER, id).ok();
		assertThat(submit(Role.REPORTER, id).code()).isEqualTo("WRONG_STATUS");
		assertThat(review(Role.EDITOR, id, s.revision(), "REJECT", "  ").code()).isEqualTo("REQUIRED");
		assertThat(read(Role.EDITOR, id).status()).isEqualTo("IN_REVIEW");
	}

	@Test
	void aReporterSubmitsOnlyTheirOwnStories() {
		String id = draft(center, Role.EDITOR, "别人的稿");
		assertThat(submit(Role.REPORTER, id).code()).isEqualTo("FORBIDDEN");
		assertThat(submit(Role.EDITOR, id).ok().status()).isEqualTo("IN_REVIEW");
	}

	// ------------------------------------------------------------------ races

	@Test
	void twoReviewersRacingAtOneLevelEndInOneDecisionAndOneConflict() throws Exception {
		for (int round = 0; round < 5; round++) {
			String id = draft(center, Role.REPORTER, "抢审 " + round);
			StoryView s = submit(Role.REPORTER, id).ok();
			long revision = s.revision();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Callable<Payload>> racers = List.of(() -> {
					start.await();
					return review(Role.EDITOR, id, revision, "APPROVE", "A");
				}, () -> {
					start.await();
					return review(Role.SENIOR_EDITOR, id, revision, "REJECT", "B");
				});
				List<Future<Payload>> futures = new ArrayList<>();
				racers.forEach(racer -> futures.add(pool.submit(racer)));
				start.countDown();
				List<Payload> results = new ArrayList<>();
				for (Future<Payload> future : futures) {
					results.add(future.get());
				}
				assertThat(results).filteredOn(p -> p.userErrors().isEmpty()).hasSize(1);
				assertThat(results).filteredOn(p -> !p.userErrors().isEmpty())
					.singleElement()
					.satisfies(p -> assertThat(p.code()).isEqualTo("CONFLICT"));
				StoryView after = read(Role.EDITOR, id);
				assertThat(after.reviewTrail()).hasSize(1);
				assertThat(after.revision()).isEqualTo(revision + 1);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	// ------------------------------------------------------------------ the queue

	@Test
	void theQueueListsStoriesWaitingAtALevelOldestSubmissionFirst() {
		List<String> firstLevel = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String id = draft(center, Role.REPORTER, "队列 " + i);
			submit(Role.REPORTER, id).ok();
			firstLevel.add(id);
		}
		String drafted = draft(center, Role.REPORTER, "草稿");
		StoryView moved = review(Role.EDITOR, firstLevel.get(1), read(Role.EDITOR, firstLevel.get(1)).revision(),
				"APPROVE", null).ok();
		assertThat(moved.reviewLevel()).isEqualTo("SECOND");

		QueueView first = queue(Role.EDITOR, "FIRST", 2, null);
		assertThat(first.totalCount()).isEqualTo(3);
		assertThat(first.ids()).containsExactly(firstLevel.get(0), firstLevel.get(2));
		assertThat(first.pageInfo().hasNextPage()).isTrue();
		QueueView rest = queue(Role.EDITOR, "FIRST", 2, first.pageInfo().endCursor());
		assertThat(rest.ids()).containsExactly(firstLevel.get(3));
		assertThat(rest.pageInfo().hasNextPage()).isFalse();
		assertThat(queue(Role.CHIEF_EDITOR, "FIRST", 10, null).ids()).doesNotContain(drafted)
			.containsExactly(firstLevel.get(0), firstLevel.get(2), firstLevel.get(3));

		assertThat(queue(Role.SENIOR_EDITOR, "SECOND", 10, null).ids()).containsExactly(firstLevel.get(1));
		assertThat(queue(Role.CHIEF_EDITOR, "FINAL", 10, null).ids()).isEmpty();
		assertThat(queueRefused(Role.EDITOR, "SECOND")).isTrue();
		assertThat(queueRefused(Role.SENIOR_EDITOR, "FINAL")).isTrue();
		assertThat(queueRefused(Role.REPORTER, "FIRST")).isTrue();
	}

	// ------------------------------------------------------------------ tenants

	@Test
	void anotherCentersReviewersNeitherSeeNorDecide() {
		String id = draft(center, Role.REPORTER, "本中心");
		StoryView s = submit(Role.REPORTER, id).ok();
		TestCenter other = clients.newCenter();
		assertThat(payload(other.as(Role.CHIEF_EDITOR), "reviewStory",
				Map.of("storyId", id, "revision", s.revision(), "decision", "APPROVE")).code()).isEqualTo("NOT_FOUND");
		assertThat(payload(other.as(Role.EDITOR), "submitStory", Map.of("id", id)).code()).isEqualTo("NOT_FOUND");
		assertThat(other.as(Role.CHIEF_EDITOR).documentName("reviewQueue").variable("level", "FIRST").execute()
			.path("reviewQueue").entity(QueueView.class).get().ids()).isEmpty();
		assertThat(queue(Role.EDITOR, "FIRST", 10, null).ids()).containsExactly(id);
	}

	// ------------------------------------------------------------------ helpers

	private String draft(TestCenter in, Role role, String title) {
		return in.as(role).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans", "body", "正文"))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	private Payload submit(Role role, String id) {
		return payload(center.as(role), "submitStory", Map.of("id", id));
	}

	private Payload review(Role role, String id, long revision, String decision, @Nullable String opinion) {
		Map<String, Object> input = new java.util.HashMap<>(
				Map.of("storyId", id, "revision", revision, "decision", decision));
		if (opinion != null) {
			input.put("opinion", opinion);
		}
		return payload(center.as(role), "reviewStory", input);
	}

	/** The user errors, or the GraphQL errors' messages, of a decision the caller may not make. */
	private List<String> reviewErrors(Role role, String id, long revision) {
		List<String> problems = new ArrayList<>();
		center.as(role).documentName("reviewStory")
			.variable("input", Map.of("storyId", id, "revision", revision, "decision", "APPROVE"))
			.execute()
			.errors()
			.satisfy(errors -> errors.forEach(error -> problems.add(error.getMessage())));
		return problems;
	}

	private Payload move(String mutation, Role role, String id, long revision) {
		return payload(center.as(role), mutation, Map.of("id", id, "revision", revision));
	}

	private Payload payload(HttpGraphQlTester tester, String mutation, Map<String, Object> input) {
		return tester.documentName(mutation).variable("input", input).execute().path(mutation).entity(Payload.class).get();
	}

	private StoryView read(Role role, String id) {
		return center.as(role).documentName("storyReview").variable("id", id).execute().path("story")
			.entity(StoryView.class).get();
	}

	private StoryView edit(Role role, String id, long revision, String title) {
		center.as(role).documentName("updateStory")
			.variable("input", Map.of("id", id, "expectedRevision", revision, "title", title))
			.execute()
			.path("updateStory.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return read(role, id);
	}

	private QueueView queue(Role role, String level, int first, @Nullable String after) {
		var request = center.as(role).documentName("reviewQueue").variable("level", level).variable("first", first);
		if (after != null) {
			request = request.variable("after", after);
		}
		return request.execute().path("reviewQueue").entity(QueueView.class).get();
	}

	private boolean queueRefused(Role role, String level) {
		List<String> classifications = new ArrayList<>();
		center.as(role).documentName("reviewQueue").variable("level", level).execute().errors().satisfy(
				errors -> errors.forEach(error -> classifications.add(String.valueOf(error.getErrorType()))));
		return classifications.contains("FORBIDDEN");
	}

}
