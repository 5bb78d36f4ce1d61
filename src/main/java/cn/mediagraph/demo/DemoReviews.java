package cn.mediagraph.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mediagraph.story.ReviewDecision;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.ReviewMark;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryReview;
import cn.mediagraph.story.StoryStatus;

/**
 * Gives the demo stories a stage of the review (三审) and the trail that led there, so the
 * newsroom shows every stage: drafts (one sent back with an opinion), stories waiting at each
 * level, one approved, published ones (one corrected, one withdrawn, one archived).
 */
final class DemoReviews {

	private static final String[] OPINIONS = { "事实清楚，同意", "导语可再精炼，同意送审", "同意签发" };

	private final Map<ReviewLevel, String[]> reviewers;

	private int drafts;

	private int submitted;

	private int published;

	/** @param reviewers per level, the id and username of the demo user who decides there */
	DemoReviews(Map<ReviewLevel, String[]> reviewers) {
		this.reviewers = reviewers;
	}

	/** The story at the stage the demo gives it, with its trail; filed as {@code status} in the demo file. */
	@SuppressWarnings("deprecation")
	Story staged(Story story) {
		return switch (story.status()) {
			case DRAFT -> drafts++ == 1 ? rejectedAtSecond(story) : story;
			case IN_REVIEW, SUBMITTED -> waiting(story, submitted++);
			case PUBLISHED -> published(story, published++);
			default -> story;
		};
	}

	private Story waiting(Story story, int nth) {
		int approvals = Math.min(nth, 3);
		List<ReviewMark> trail = approvals(story, approvals);
		if (approvals == 3) {
			return with(story, StoryStatus.APPROVED, null, trail, 0);
		}
		return with(story, StoryStatus.IN_REVIEW, ReviewLevel.values()[approvals], trail, 0);
	}

	private Story published(Story story, int nth) {
		List<ReviewMark> trail = approvals(story, 3);
		StoryStatus status = switch (nth) {
			case 0 -> StoryStatus.ARCHIVED;
			case 1 -> StoryStatus.WITHDRAWN;
			case 2 -> StoryStatus.CORRECTED;
			default -> StoryStatus.PUBLISHED;
		};
		return with(story, status, null, trail, status == StoryStatus.PUBLISHED ? 1 : 2);
	}

	private Story rejectedAtSecond(Story story) {
		List<ReviewMark> trail = approvals(story, 1);
		trail.add(mark(story, ReviewLevel.SECOND, ReviewDecision.REJECT, 3, "数据来源需注明，请补充采访对象后再送审"));
		return with(story, StoryStatus.DRAFT, null, trail, 0);
	}

	/** Approvals at the first {@code count} levels of the submission made at revision 2. */
	private List<ReviewMark> approvals(Story story, int count) {
		List<ReviewMark> trail = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			trail.add(mark(story, ReviewLevel.values()[i], ReviewDecision.APPROVE, 2 + i, OPINIONS[i]));
		}
		return trail;
	}

	private ReviewMark mark(Story story, ReviewLevel level, ReviewDecision decision, long revision, String opinion) {
		String[] reviewer = reviewers.get(level);
		Instant at = story.createdAt().plus(Duration.ofMinutes(20L * (level.ordinal() + 1)));
		return new ReviewMark(level, decision, revision, opinion, at, reviewer[0], reviewer[1]);
	}

	/** The story as the submission at revision 2, the decisions, and {@code laterMoves} moves left it. */
	private static Story with(Story story, StoryStatus status, ReviewLevel level, List<ReviewMark> trail, int laterMoves) {
		long revision = 2 + trail.size() + laterMoves;
		Instant submittedAt = story.createdAt().plus(Duration.ofMinutes(10));
		Instant updatedAt = story.createdAt().plus(Duration.ofMinutes(20L * (trail.size() + laterMoves) + 10));
		return new Story(story.id(), story.tenantId(), story.seq(), story.externalId(), story.title(), story.summary(),
				story.body(), story.language(), story.tags(), story.region(), story.bylines(), story.assets(),
				story.versions(), story.channelIds(), status, revision, story.createdBy(), story.createdAt(), updatedAt,
				new StoryReview(level, submittedAt, 2, trail));
	}

}
