package cn.mediagraph.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One counter of {@link LoginThrottle}: the sign-in attempts of a user (id {@code u…}) or of a
 * user from one address (id {@code a…}) in the current window. The id is a slot of a bounded
 * key space, so however many names are guessed, the collection holds at most
 * {@link LoginThrottle#ADDRESS_SLOTS} + {@link LoginThrottle#USER_SLOTS} documents; a counter
 * of an earlier window is reset by the next attempt that lands in its slot, never by a scan.
 *
 * @param id the slot
 * @param window the window the attempts were counted in (instant / window length)
 * @param attempts attempts in that window since the last success
 * @param lastAttempt when the last attempt was made
 * @param trustedUntil a user's address: until when it passes the per-user limit (set when the
 * user signed in from it)
 * @param clearedAt a user: when an admin last cleared its throttle
 * @param trustedKey a user's address: whose the trust is (a fingerprint of center, user and
 * address, longer than the slot), so another key sharing the slot is not trusted with it
 */
@Document(ThrottleCounter.COLLECTION)
record ThrottleCounter(@Id String id, long window, int attempts, @Nullable Instant lastAttempt,
		@Nullable Instant trustedUntil, @Nullable Instant clearedAt, @Nullable String trustedKey) {

	static final String COLLECTION = "login_throttle";

	/** What outlives a window change, with nothing counted yet. */
	ThrottleCounter restarted() {
		return new ThrottleCounter(id, window, 0, null, trustedUntil, clearedAt, trustedKey);
	}

	/** Whether this user's address, by its fingerprint, is trusted now. */
	boolean trusted(Instant now, String fingerprint) {
		return trustedUntil != null && trustedUntil.isAfter(now) && fingerprint.equals(trustedKey);
	}

	boolean clearedAfter(@Nullable Instant instant) {
		return clearedAt != null && (instant == null || clearedAt.isAfter(instant));
	}

}
