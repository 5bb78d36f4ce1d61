package cn.mediagraph.review;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.platform.text.CleanText;
import cn.mediagraph.review.ReviewInputs.ReviewStoryInput;
import cn.mediagraph.review.ReviewInputs.StoryMoveInput;
import cn.mediagraph.review.ReviewInputs.SubmitStoryInput;
import cn.mediagraph.review.ReviewInputs.WorkflowPayload;
import cn.mediagraph.story.ReviewDecision;
import cn.mediagraph.story.ReviewLevel;
import cn.mediagraph.story.ReviewMark;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryConnection;
import cn.mediagraph.story.StoryService;
import cn.mediagraph.story.StoryStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The three-level review (三审) and what follows it. Its rules, each a typed user error:
 * <ul>
 * <li>only the role of a level acts at it (EDITOR at FIRST, SENIOR_EDITOR at SECOND,
 * CHIEF_EDITOR at FINAL); a higher role may act at a lower level;</li>
 * <li>nobody reviews a story they wrote, and no person decides at two levels of one
 * submission (an edit sends a story back to draft, so one submission is one text);</li>
 * <li>a decision names the revision the reviewer read, and is refused (CONFLICT) for any other;</li>
 * <li>a rejection, at any level, sends the story back to draft with the opinion, which it needs.</li>
 * </ul>
 * Every move is one conditional write of the story ({@link StoryService#transition}) on the
 * revision, status and level the caller saw: of two reviewers racing at one level, exactly one
 * decision is recorded, and the other gets CONFLICT.
 */
@Service
class ReviewService {

	static final int MAX_OPINION = 2_000;

	private final StoryService stories;

	private final RoleHierarchy roles;

	private final Clock clock;

	ReviewService(StoryService stories, RoleHierarchy roles, Clock clock) {
		this.stories = stories;
		this.roles = roles;
		this.clock = clock;
	}

	/** A draft handed in for review: it waits at the first level. Reporters their own, editors any. */
	@PreAuthorize("hasRole('REPORTER')")
	WorkflowPayload submit(SubmitStoryInput input) {
		Optional<Story> found = stories.story(input.id());
		if (found.isEmpty()) {
			return WorkflowPayload.failed(ReviewErrors.notFound("id"));
		}
		Story story = found.get();
		if (!reaches(Role.EDITOR) && !story.createdBy().equals(CurrentUser.require().userId())) {
			return WorkflowPayload.failed(ReviewErrors.forbidden("Reporters submit only the stories they filed"));
		}
		if (story.status() != StoryStatus.DRAFT) {
			return WorkflowPayload.failed(ReviewErrors.wrongStatus(story, "submitted", StoryStatus.DRAFT));
		}
		return written(story, story.submitted(clock.instant()), story.revision());
	}

	/** A reviewer's decision at the level the story waits at, on the revision they read. */
	@PreAuthorize("hasRole('EDITOR')")
	WorkflowPayload review(ReviewStoryInput input) {
		Optional<Story> found = stories.story(input.storyId());
		if (found.isEmpty()) {
			return WorkflowPayload.failed(ReviewErrors.notFound("storyId"));
		}
		Story story = found.get();
		long revision = input.revision() == null ? -1 : input.revision();
		Optional<UserError> refused = refusal(story, revision, input);
		if (refused.isPresent()) {
			return WorkflowPayload.failed(refused.get());
		}
		CurrentUser caller = CurrentUser.require();
		ReviewMark mark = new ReviewMark(story.reviewLevel(), input.decision(), revision, opinion(input.opinion()),
				clock.instant(), caller.userId(), caller.username());
		return written(story, story.decided(mark), revision);
	}

	/** Why this caller may not decide on this story at this revision, if so. */
	private Optional<UserError> refusal(Story story, long revision, ReviewStoryInput input) {
		// a stale revision first: the caller decided on what they saw, and it has changed (maybe by a racing decision)
		if (story.revision() != revision) {
			return Optional.of(ReviewErrors.conflict(story, revision));
		}
		ReviewLevel level = story.reviewLevel();
		if (story.status() != StoryStatus.IN_REVIEW || level == null) {
			return Optional.of(ReviewErrors.wrongStatus(story, "reviewed", StoryStatus.IN_REVIEW));
		}
		if (!reaches(level.role())) {
			return Optional.of(ReviewErrors.roleTooLow(level));
		}
		String caller = CurrentUser.require().userId();
		if (story.createdBy().equals(caller)) {
			return Optional.of(ReviewErrors.ownStory());
		}
		Optional<ReviewMark> earlier = story.review().currentRound().stream()
			.filter(mark -> mark.reviewerId().equals(caller))
			.findFirst();
		if (earlier.isPresent()) {
			return Optional.of(ReviewErrors.alreadyReviewed(earlier.get().level()));
		}
		return opinionProblem(input).stream().findFirst();
	}

	/** A rejection says why; an opinion is at most {@value #MAX_OPINION} characters. */
	private static List<UserError> opinionProblem(ReviewStoryInput input) {
		UserErrors errors = new UserErrors("input");
		if (input.decision() == ReviewDecision.REJECT) {
			errors.text(input.opinion(), MAX_OPINION, "opinion");
		}
		else {
			errors.optionalText(input.opinion(), MAX_OPINION, "opinion");
		}
		return errors.list();
	}

	private static @Nullable String opinion(@Nullable String opinion) {
		if (opinion == null) {
			return null;
		}
		String clean = CleanText.multiLine(opinion).strip();
		return CleanText.isBlank(clean) ? null : clean;
	}

	/**
	 * An approved story marked published (for channels without a publisher): editors and up.
	 * A story published before goes out as its correction, CORRECTED.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	WorkflowPayload publish(StoryMoveInput input) {
		return move(input, Story::publicationStatus, "published", StoryStatus.APPROVED);
	}

	/** A published story withdrawn from circulation (撤稿): the chief editor's call. */
	@PreAuthorize("hasRole('CHIEF_EDITOR')")
	WorkflowPayload withdraw(StoryMoveInput input) {
		return move(input, StoryStatus.WITHDRAWN, "withdrawn", StoryStatus.PUBLISHED, StoryStatus.CORRECTED);
	}

	/** A story out of circulation kept for the record only: editors and up. */
	@PreAuthorize("hasRole('EDITOR')")
	WorkflowPayload archive(StoryMoveInput input) {
		return move(input, StoryStatus.ARCHIVED, "archived", StoryStatus.PUBLISHED, StoryStatus.CORRECTED,
				StoryStatus.WITHDRAWN);
	}

	private WorkflowPayload move(StoryMoveInput input, StoryStatus to, String action, StoryStatus... from) {
		return move(input, story -> to, action, from);
	}

	private WorkflowPayload move(StoryMoveInput input, java.util.function.Function<Story, StoryStatus> to,
			String action, StoryStatus... from) {
		Optional<Story> found = stories.story(input.id());
		if (found.isEmpty()) {
			return WorkflowPayload.failed(ReviewErrors.notFound("id"));
		}
		Story story = found.get();
		long revision = input.revision() == null ? -1 : input.revision();
		if (story.revision() != revision) {
			return WorkflowPayload.failed(ReviewErrors.conflict(story, revision));
		}
		if (!Arrays.asList(from).contains(story.status())) {
			return WorkflowPayload.failed(ReviewErrors.wrongStatus(story, action, from));
		}
		return written(story, story.withStatus(to.apply(story), clock.instant()), revision);
	}

	/** The move written, or CONFLICT when the story changed since it was read (a racing decision, an edit). */
	private WorkflowPayload written(Story seen, Story after, long revision) {
		Optional<Story> written = stories.transition(seen, after);
		if (written.isPresent()) {
			return WorkflowPayload.moved(written.get());
		}
		Story current = stories.story(GlobalId.encode("Story", seen.id())).orElse(seen);
		return WorkflowPayload.failed(ReviewErrors.conflict(current, revision));
	}

	/**
	 * The stories waiting at a level, oldest submission first; only for a caller who may act
	 * at that level.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	StoryConnection queue(ReviewLevel level, PageRequest page) {
		if (!reaches(level.role())) {
			throw new AccessDeniedException("Only a " + level.role() + " or higher sees the " + level + " review queue");
		}
		return stories.waitingAt(level, page);
	}

	/** Whether the caller has this role or one above it in the hierarchy. */
	private boolean reaches(Role role) {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return caller != null && roles.getReachableGrantedAuthorities(caller.getAuthorities())
			.contains(new SimpleGrantedAuthority(role.authority()));
	}

}
