package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The story's review moves and invariants, as pure functions. */
class StoryReviewTests {

	private static final Instant T0 = Instant.parse("2026-11-01T01:00:00Z");

	private final Story draft = new Story("t-1", "t", 1, null, "标题", "", "", "zh-Hans", List.of(), null, List.of(),
			List.of(), List.of(), List.of(), StoryStatus.DRAFT, 3, "author", T0, T0);

	@Test
	void aSubmissionWaitsAtTheFirstLevelAsANewRevision() {
		Story submitted = draft.submitted(T0.plusSeconds(60));
		assertThat(submitted.status()).isEqualTo(StoryStatus.IN_REVIEW);
		assertThat(submitted.reviewLevel()).isEqualTo(ReviewLevel.FIRST);
		assertThat(submitted.revision()).isEqualTo(4);
		assertThat(submitted.review().submittedAt()).isEqualTo(T0.plusSeconds(60));
		assertThat(submitted.review().submittedRevision()).isEqualTo(4);
	}

	@Test
	void approvalsClimbTheLevelsThenApproveAndARejectionReturnsToDraft() {
		Story s = draft.submitted(T0);
		s = s.decided(mark(s, ReviewDecision.APPROVE, "a"));
		assertThat(s.reviewLevel()).isEqualTo(ReviewLevel.SECOND);
		s = s.decided(mark(s, ReviewDecision.APPROVE, "b"));
		assertThat(s.reviewLevel()).isEqualTo(ReviewLevel.FINAL);
		Story approved = s.decided(mark(s, ReviewDecision.APPROVE, "c"));
		assertThat(approved.status()).isEqualTo(StoryStatus.APPROVED);
		assertThat(approved.reviewLevel()).isNull();
		assertThat(approved.review().trail()).extracting(ReviewMark::level)
			.containsExactly(ReviewLevel.FIRST, ReviewLevel.SECOND, ReviewLevel.FINAL);
		Story rejected = s.decided(mark(s, ReviewDecision.REJECT, "c"));
		assertThat(rejected.status()).isEqualTo(StoryStatus.DRAFT);
		assertThat(rejected.reviewLevel()).isNull();
		assertThat(rejected.review().trail()).hasSize(3);
	}

	@Test
	void theCurrentRoundHoldsOnlyTheDecisionsOfTheLatestSubmission() {
		Story s = draft.submitted(T0);
		s = s.decided(mark(s, ReviewDecision.REJECT, "a"));
		s = s.submitted(T0.plusSeconds(5));
		assertThat(s.review().currentRound()).isEmpty();
		s = s.decided(mark(s, ReviewDecision.APPROVE, "b"));
		assertThat(s.review().currentRound()).extracting(ReviewMark::reviewerId).containsExactly("b");
		assertThat(s.review().trail()).hasSize(2);
	}

	@Test
	@SuppressWarnings("deprecation")
	void aLegacySubmittedStoryReadsAsWaitingAtTheFirstLevel() {
		Story legacy = new Story("t-2", "t", 2, null, "旧", "", "", "zh-Hans", List.of(), null, List.of(), List.of(),
				List.of(), List.of(), StoryStatus.SUBMITTED, 7, "author", T0, T0.plusSeconds(9), null);
		assertThat(legacy.status()).isEqualTo(StoryStatus.IN_REVIEW);
		assertThat(legacy.reviewLevel()).isEqualTo(ReviewLevel.FIRST);
		assertThat(legacy.review().submittedAt()).isEqualTo(T0.plusSeconds(9));
		assertThat(legacy.upgradedFromSubmitted().revision()).isEqualTo(8);
	}

	@Test
	void onlyAStoryInReviewHasALevelAndEditsInReviewOrApprovedReturnToDraft() {
		Story published = draft.submitted(T0).withStatus(StoryStatus.PUBLISHED, T0);
		assertThat(published.reviewLevel()).isNull();
		assertThat(StoryService.statusAfterEdit(StoryStatus.IN_REVIEW)).isEqualTo(StoryStatus.DRAFT);
		assertThat(StoryService.statusAfterEdit(StoryStatus.APPROVED)).isEqualTo(StoryStatus.DRAFT);
		assertThat(StoryService.statusAfterEdit(StoryStatus.PUBLISHED)).isEqualTo(StoryStatus.PUBLISHED);
		assertThat(ReviewLevel.FINAL.next()).isNull();
	}

	private static ReviewMark mark(Story story, ReviewDecision decision, String reviewer) {
		return new ReviewMark(story.reviewLevel(), decision, story.revision(), "意见", T0, reviewer, reviewer);
	}

}
