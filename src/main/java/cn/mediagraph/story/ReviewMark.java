package cn.mediagraph.story;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One decision on the record of a story's review: who decided what, at which level, about
 * which revision, and when. Kept on the story document, so the decision and the move it causes
 * are one atomic write.
 *
 * @param level the level the decision was made at
 * @param decision approve or reject
 * @param revision the revision the reviewer read and decided on
 * @param opinion the reviewer's opinion, if given (always given with a rejection)
 * @param at when
 * @param reviewerId the reviewer's user id
 * @param reviewerUsername the reviewer's login name when deciding
 */
public record ReviewMark(ReviewLevel level, ReviewDecision decision, long revision, @Nullable String opinion,
		Instant at, String reviewerId, String reviewerUsername) {
}
