package cn.mediagraph.campaign;

import java.time.Instant;

/**
 * A change of a post's state, on record.
 *
 * @param status the state entered (PUBLISHING again for each further attempt)
 * @param at when
 * @param reason why, in a sentence
 */
public record PostTransition(PostStatus status, Instant at, String reason) {
}
