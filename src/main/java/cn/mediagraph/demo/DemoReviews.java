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
import cn.mediagraph.story.StoryContent;
import cn.mediagraph.story.StoryReview;
import cn.mediagraph.story.StoryService;
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
			case DRAFT -> switch (drafts++) {
				case 0 -> twiceEdited(story);
				case 1 -> rejectedAtSecond(story);
				default -> story;
			};
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

	/**
	 * The edits that led to a staged story, oldest first: the first draft was retitled and given
	 * a summary by its editor (revisions 2 and 3); the corrected story's published text had a
	 * wrong figure, corrected by the chief editor (its last revision, a correction).
	 */
	List<StoryService.ImportedEdit> edits(Story story) {
		String[] editor = reviewers.get(ReviewLevel.FIRST);
		String[] chief = reviewers.get(ReviewLevel.FINAL);
		if (story.status() == StoryStatus.DRAFT && story.revision() == 3 && story.review().trail().isEmpty()) {
			StoryContent now = StoryContent.of(story);
			StoryContent untitled = new StoryContent("（待定）" + now.title(), "", now.body(), now.language(), now.tags(),
					now.region(), now.bylines(), now.assets(), now.versions());
			StoryContent titled = new StoryContent(now.title(), "", now.body(), now.language(), now.tags(), now.region(),
					now.bylines(), now.assets(), now.versions());
			return List.of(
					new StoryService.ImportedEdit(2, false, editor[0], editor[1],
							story.createdAt().plus(Duration.ofMinutes(15)), untitled),
					new StoryService.ImportedEdit(3, false, editor[0], editor[1],
							story.createdAt().plus(Duration.ofMinutes(25)), titled));
		}
		if (story.status() == StoryStatus.CORRECTED) {
			StoryContent now = StoryContent.of(story);
			StoryContent published = new StoryContent(now.title(), now.summary(), wrongFigure(now.body()), now.language(),
					now.tags(), now.region(), now.bylines(), now.assets(), now.versions());
			return List.of(new StoryService.ImportedEdit(story.revision(), true, chief[0], chief[1],
					story.updatedAt().minus(Duration.ofMinutes(5)), published));
		}
		return List.of();
	}

	/** The text as first published: its first figure one off, or a line the correction struck. */
	static String wrongFigure(String body) {
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c >= '0' && c <= '9') {
				return body.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + body.substring(i + 1);
			}
		}
		return body + "\n（此句有误，已更正删除）";
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

	/** A draft never submitted, edited twice since it was filed: revision 3. */
	private static Story twiceEdited(Story story) {
		return new Story(story.id(), story.tenantId(), story.seq(), story.externalId(), story.title(), story.summary(),
				story.body(), story.language(), story.tags(), story.region(), story.bylines(), story.assets(),
				story.versions(), story.channelIds(), StoryStatus.DRAFT, 3, story.createdBy(), story.createdAt(),
				story.createdAt().plus(Duration.ofMinutes(25)), StoryReview.NONE);
	}

	/**
	 * The story as the submission at revision 2, the decisions, and {@code laterMoves} moves left
	 * it; a story that went out was published by the first of those moves.
	 */
	private static Story with(Story story, StoryStatus status, ReviewLevel level, List<ReviewMark> trail, int laterMoves) {
		long revision = 2 + trail.size() + laterMoves;
		Instant submittedAt = story.createdAt().plus(Duration.ofMinutes(10));
		Instant updatedAt = story.createdAt().plus(Duration.ofMinutes(20L * (trail.size() + laterMoves) + 10));
		return new Story(story.id(), story.tenantId(), story.seq(), story.externalId(), story.title(), story.summary(),
				story.body(), story.language(), story.tags(), story.region(), story.bylines(), story.assets(),
				story.versions(), story.channelIds(), status, revision, story.createdBy(), story.createdAt(), updatedAt,
				new StoryReview(level, submittedAt, 2, trail, laterMoves > 0 ? 2 + trail.size() + 1 : 0));
	}

}
