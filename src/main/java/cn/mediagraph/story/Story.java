package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A story of a media center: the document and the aggregate. Whole-story writes are single-
 * document and conditional on {@link #revision}, so two editors cannot silently overwrite each
 * other without transactions.
 *
 * @param id the document id
 * @param tenantId the media center
 * @param seq the story's number in its center, from an atomic counter: breaks ties between
 * stories filed in the same millisecond, so every list position is unique
 * @param externalId the story's id in the archive it was imported from, if it was
 * @param title the headline
 * @param summary a short summary, possibly empty
 * @param body the full text as filed, possibly empty
 * @param language a BCP-47 tag, e.g. {@code zh-Hans} or {@code bo}
 * @param tags distinct, trimmed subject tags
 * @param region the township it is about, if one
 * @param bylines who reported it, as credited
 * @param assets the media gathered for it
 * @param versions the forms produced from it
 * @param channelIds the distinct channel ids of {@code versions}, kept so that the channel
 * filter is an indexed equality on a plain array
 * @param status where it stands in review and publication
 * @param revision counts writes, from 1; each update names the revision it was made to
 * @param createdBy the id of the user who filed it
 * @param createdAt when it was filed
 * @param updatedAt when it last changed
 * @param review where it stands in review, with the record of every decision
 */
@Document(Story.COLLECTION)
public record Story(@Id String id, String tenantId, int seq, @Nullable String externalId, String title, String summary, String body, String language,
		List<String> tags, @Nullable String region, List<String> bylines, List<MediaAsset> assets,
		List<StoryVersion> versions, List<String> channelIds, StoryStatus status, long revision, String createdBy,
		Instant createdAt, Instant updatedAt, StoryReview review) implements TenantOwned {

	static final String COLLECTION = "stories";

	/** The first revision of every story. */
	public static final long FIRST_REVISION = 1;

	/**
	 * Keeps the review invariant: a level exactly while in review. A store written before the
	 * review workflow has {@code SUBMITTED} stories and none with a review: they read as
	 * waiting at the first level (and {@code StoryStatusUpgrade} writes them so).
	 */
	@SuppressWarnings("deprecation")
	public Story {
		if (review == null) {
			review = StoryReview.NONE;
		}
		if (status == StoryStatus.SUBMITTED) {
			status = StoryStatus.IN_REVIEW;
		}
		if (status == StoryStatus.IN_REVIEW && review.level() == null) {
			review = new StoryReview(ReviewLevel.FIRST, review.submittedAt() != null ? review.submittedAt() : updatedAt,
					review.submittedRevision() > 0 ? review.submittedRevision() : revision, review.trail(),
					review.publishedRevision());
		}
		if (status != StoryStatus.IN_REVIEW) {
			review = review.closed();
		}
	}

	/** A story that was never reviewed. */
	public Story(String id, String tenantId, int seq, @Nullable String externalId, String title, String summary,
			String body, String language, List<String> tags, @Nullable String region, List<String> bylines,
			List<MediaAsset> assets, List<StoryVersion> versions, List<String> channelIds, StoryStatus status,
			long revision, String createdBy, Instant createdAt, Instant updatedAt) {
		this(id, tenantId, seq, externalId, title, summary, body, language, tags, region, bylines, assets, versions,
				channelIds, status, revision, createdBy, createdAt, updatedAt, StoryReview.NONE);
	}

	/** The level it waits at while in review, else null. */
	public @Nullable ReviewLevel reviewLevel() {
		return review.level();
	}

	/** The id of a story filed in the center with this number. */
	public static String idOf(String tenantId, int seq) {
		return tenantId + "-" + seq;
	}

	/**
	 * The id of a story imported with this archive id: the same on every import, so a second
	 * import of the same story is refused by the store itself (idempotent, with no lookup).
	 */
	public static String idOfImported(String tenantId, String externalId) {
		return tenantId + "~" + externalId;
	}

	/**
	 * The story moved to another status: a new revision. Into review, it waits at the first
	 * level; published or corrected, that revision is the one out in public.
	 */
	public Story withStatus(StoryStatus newStatus, Instant at) {
		if (newStatus == StoryStatus.IN_REVIEW && status != StoryStatus.IN_REVIEW) {
			return submitted(at);
		}
		if (newStatus == StoryStatus.PUBLISHED || newStatus == StoryStatus.CORRECTED) {
			return with(newStatus, review.published(revision + 1), at);
		}
		return with(newStatus, review, at);
	}

	/**
	 * What an approved story becomes when it goes out: PUBLISHED the first time, CORRECTED
	 * when it was published before and this is its correction.
	 */
	public StoryStatus publicationStatus() {
		return review.publishedBefore() ? StoryStatus.CORRECTED : StoryStatus.PUBLISHED;
	}

	/**
	 * A corrected text sent through review again: the same revision as the edit that made it,
	 * waiting at the first level.
	 */
	Story inReviewAgain(Instant at) {
		return new Story(id, tenantId, seq, externalId, title, summary, body, language, tags, region, bylines, assets,
				versions, channelIds, StoryStatus.IN_REVIEW, revision, createdBy, createdAt, at,
				review.submitted(at, revision));
	}

	/** Handed in for review: a new revision, waiting at the first level. */
	public Story submitted(Instant at) {
		return with(StoryStatus.IN_REVIEW, review.submitted(at, revision + 1), at);
	}

	/**
	 * A reviewer's decision recorded: an approval sends the story to the next level, or approves
	 * it (签发) after the final one; a rejection sends it back to draft. A new revision.
	 */
	public Story decided(ReviewMark mark) {
		if (mark.decision() == ReviewDecision.REJECT) {
			return with(StoryStatus.DRAFT, review.decided(mark, null), mark.at());
		}
		ReviewLevel next = mark.level().next();
		return with(next == null ? StoryStatus.APPROVED : StoryStatus.IN_REVIEW, review.decided(mark, next), mark.at());
	}

	/**
	 * A story stored as {@code SUBMITTED} before the review workflow, as the upgrade writes it:
	 * waiting at the first level since it was last changed, a new revision.
	 */
	Story upgradedFromSubmitted() {
		return with(StoryStatus.IN_REVIEW, new StoryReview(ReviewLevel.FIRST, updatedAt, revision + 1, review.trail(),
				review.publishedRevision()), updatedAt);
	}

	private Story with(StoryStatus newStatus, StoryReview newReview, Instant at) {
		return new Story(id, tenantId, seq, externalId, title, summary, body, language, tags, region, bylines, assets,
				versions, channelIds, newStatus, revision + 1, createdBy, createdAt, at, newReview);
	}

	/** The story as an archive gives it: its archive id and where it stood. */
	public Story imported(String archiveId, StoryStatus archivedStatus) {
		return new Story(id, tenantId, seq, archiveId, title, summary, body, language, tags, region, bylines, assets,
				versions, channelIds, archivedStatus, revision, createdBy, createdAt, updatedAt, review);
	}

	/** The story as it is stored under this id and number in this center. */
	public Story numbered(String newId, String newTenantId, int newSeq) {
		return new Story(newId, newTenantId, newSeq, externalId, title, summary, body, language, tags, region, bylines,
				assets, versions, Story.channelIdsOf(versions), status, revision, createdBy, createdAt, updatedAt, review);
	}

	/** The distinct channels the versions target, in order of first appearance. */
	public static List<String> channelIdsOf(List<StoryVersion> versions) {
		return versions.stream().map(StoryVersion::channelId).filter(Objects::nonNull).distinct().toList();
	}

}
