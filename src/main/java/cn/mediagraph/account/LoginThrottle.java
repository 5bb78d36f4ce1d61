package cn.mediagraph.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.mongo.RetiredCollections;
import cn.mediagraph.platform.security.SecurityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting a guesser lock the real user out. Every attempt
 * is counted before its password is checked.
 * <ul>
 * <li><b>Per user and client address:</b> {@code freeAttempts} attempts, then each further one
 * must wait {@code firstDelay}, doubling up to {@code maxDelay}, after the one before it. An
 * attempt made too early is refused and restarts that wait (the answer says how long). A
 * success starts over and makes the address trusted for {@code trustedFor}. The attempts are
 * forgotten once {@code addressWindow} passes without one, not at a fixed time: a guesser who
 * keeps trying carries the count into the next window.
 * <li><b>Per user across addresses:</b> at most {@code userAttempts} attempts per
 * {@code userWindow} that get past the first rule, except from an address the user signed in
 * from within {@code trustedFor}: a guesser spread over many addresses is slowed, and the real
 * user still gets in from their usual address. A success gives its attempt back.
 * </ul>
 * Each attempt is added to both counters by one atomic write that returns the counter; the
 * decision is taken from it, and a refused attempt takes its count back afterwards, so of any
 * number of concurrent attempts only as many are checked as the counters allow.
 * Counters are keyed by what was typed (center slug, username), never by whether the center
 * or user exists, so unknown ones are throttled exactly like known ones. Their ids are slots of
 * a bounded key space (see {@link ThrottleCounter}); two keys sharing a slot share a counter,
 * which can only throttle more, never less. Only {@code _id} lookups and equality queries on
 * the unique {@code (_id, window)} index are used, which the embedded store serves from its
 * indexes.
 */
@Component
class LoginThrottle {

	/** Slots of the per-(user, address) counters: 2^18. */
	static final int ADDRESS_SLOTS = 1 << 18;

	/** Slots of the per-user counters: 2^16. */
	static final int USER_SLOTS = 1 << 16;

	/** Tries of the count when other attempts keep moving the same slot to a new window. */
	private static final int TRIES = 8;

	private static final FindAndModifyOptions RETURN_OLD = FindAndModifyOptions.options().upsert(true).returnNew(false);

	private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().upsert(true).returnNew(true);

	private final PlatformStore store;

	private final SecurityProperties.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(PlatformStore store, SecurityProperties properties, Clock clock) {
		this.store = store;
		this.settings = properties.loginThrottle();
		this.clock = clock;
	}

	/**
	 * An attempt, counted; {@code retryAfter} is set when it must not be checked.
	 *
	 * @param addressKey the (user, address) counter
	 * @param addressWindow the window it was counted in
	 * @param userKey the user's counter
	 * @param userWindow the window it was counted in; -1 when not counted there
	 * @param retryAfter how long to wait, or null when the password may be checked
	 */
	record Attempt(String addressKey, String addressFingerprint, long addressWindow, String userKey, long userWindow,
			@Nullable Duration retryAfter) {

		boolean throttled() {
			return retryAfter != null;
		}

	}

	/**
	 * Counts an attempt at signing in as {@code username} of center {@code slug} from
	 * {@code address}. A counter too contended to count in is a refusal for a second, not an error.
	 */
	Attempt attempt(String slug, String username, String address) {
		try {
			return count(slug, username, address);
		}
		catch (Contended ex) {
			return new Attempt(addressKey(slug, username, address), fingerprint(slug, username, address), -1,
					userKey(slug, username), -1,
					Duration.ofSeconds(1));
		}
	}

	private Attempt count(String slug, String username, String address) {
		Instant now = clock.instant();
		String addressKey = addressKey(slug, username, address);
		String fingerprint = fingerprint(slug, username, address);
		String userKey = userKey(slug, username);
		Counted byAddress = count(addressKey, windowOf(now, settings.addressWindow()), now, false,
				settings.addressWindow());
		ThrottleCounter before = byAddress.counter();
		if (tooSoon(before, now)) {
			if (!clearedSince(userKey, before.lastAttempt())) {
				uncount(addressKey, byAddress.window());
				return new Attempt(addressKey, fingerprint, byAddress.window(), userKey, -1,
						atLeastASecond(delayAfter(before.attempts(), settings)));
			}
			restart(addressKey, byAddress.window(), now);
		}
		if (before.trusted(now, fingerprint)) {
			return new Attempt(addressKey, fingerprint, byAddress.window(), userKey, -1, null);
		}
		Counted byUser = count(userKey, windowOf(now, settings.userWindow()), now, true, Duration.ZERO);
		if (byUser.counter().attempts() > settings.userAttempts()) {
			uncount(userKey, byUser.window());
			uncount(addressKey, byAddress.window());
			Instant windowEnd = Instant.ofEpochMilli((byUser.window() + 1) * settings.userWindow().toMillis());
			return new Attempt(addressKey, fingerprint, byAddress.window(), userKey, -1,
					atLeastASecond(Duration.between(now, windowEnd)));
		}
		return new Attempt(addressKey, fingerprint, byAddress.window(), userKey, byUser.window(), null);
	}

	/** The password was right: this address starts over and is trusted, the user gets its attempt back. */
	void succeeded(Attempt attempt) {
		Instant now = clock.instant();
		store.findAndModify(inWindow(attempt.addressKey(), attempt.addressWindow()),
				new Update().set("attempts", 0)
					.set("trustedUntil", now.plus(settings.trustedFor()))
					.set("trustedKey", attempt.addressFingerprint()),
				FindAndModifyOptions.options(), ThrottleCounter.class);
		if (attempt.userWindow() >= 0) {
			uncount(attempt.userKey(), attempt.userWindow());
		}
	}

	/** An admin's reset: the user's attempts, and those of each of its addresses at their next attempt. */
	void clear(String slug, String username) {
		Instant now = clock.instant();
		store.findAndModify(Query.query(Criteria.where("_id").is(userKey(slug, username))),
				new Update().set("attempts", 0)
					.set("clearedAt", now)
					.setOnInsert("window", windowOf(now, settings.userWindow())),
				RETURN_NEW, ThrottleCounter.class);
	}

	/** Whether the attempt came before the delay its predecessors earned was over. */
	private boolean tooSoon(ThrottleCounter before, Instant now) {
		return before.lastAttempt() != null
				&& before.lastAttempt().plus(delayAfter(before.attempts(), settings)).isAfter(now);
	}

	/**
	 * A refused attempt gives its count back: counters hold the attempts whose password was
	 * checked. Its time stays, so an attempt made too early restarts the wait without lengthening it.
	 * A counter at zero stays there: an admin's reset may have come between the count and this,
	 * and a count below zero would be a free attempt.
	 */
	private void uncount(String key, long window) {
		store.findAndModify(inWindow(key, window).addCriteria(Criteria.where("attempts").gt(0)),
				new Update().inc("attempts", -1), FindAndModifyOptions.options(), ThrottleCounter.class);
	}

	/** How long the next attempt must wait after {@code attempts} attempts with no success. */
	static Duration delayAfter(int attempts, SecurityProperties.LoginThrottle settings) {
		int over = attempts - settings.freeAttempts();
		if (over < 0) {
			return Duration.ZERO;
		}
		Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(over, 30));
		return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
	}

	private boolean clearedSince(String userKey, @Nullable Instant instant) {
		return store.findById(userKey, ThrottleCounter.class).map(user -> user.clearedAfter(instant)).orElse(false);
	}

	private void restart(String key, long window, Instant now) {
		store.findAndModify(inWindow(key, window), new Update().set("attempts", 1).set("lastAttempt", now),
				FindAndModifyOptions.options(), ThrottleCounter.class);
	}

	/** A counter and the window it was counted in. */
	private record Counted(ThrottleCounter counter, long window) {
	}

	/**
	 * Adds one attempt to the counter in one atomic write and returns it as it was before
	 * ({@code returnNew} false) or after. A counter of an earlier window in the same slot is
	 * moved to this window, keeping what outlives windows; one of a later window (another
	 * instance whose clock is ahead) is counted in as it is. The moved counter starts over
	 * unless its last attempt came within {@code carryWithin}: then its attempts move with it,
	 * so a guesser who keeps trying gets no fresh allowance at a window boundary (a user's
	 * per-window limit passes zero and starts over, as a rate limit does). The time of the last
	 * attempt only moves forward ({@code $max}): an attempt whose clock was read before another's
	 * must not shorten the wait that other one started.
	 */
	private Counted count(String key, long window, Instant now, boolean returnNew, Duration carryWithin) {
		long target = window;
		for (int i = 0; i < TRIES; i++) {
			try {
				Optional<ThrottleCounter> counted = store.findAndModify(inWindow(key, target),
						new Update().inc("attempts", 1).max("lastAttempt", now), returnNew ? RETURN_NEW : RETURN_OLD,
						ThrottleCounter.class);
				long countedIn = target;
				return new Counted(counted.orElseGet(() -> fresh(key, countedIn)), target);
			}
			catch (DuplicateKeyException ex) {
				Optional<ThrottleCounter> other = store.findById(key, ThrottleCounter.class);
				if (other.isEmpty() || other.get().window() >= target) {
					target = other.map(ThrottleCounter::window).orElse(target);
					continue;
				}
				ThrottleCounter earlier = other.get();
				boolean carry = earlier.lastAttempt() != null
						&& earlier.lastAttempt().isAfter(now.minus(carryWithin));
				Update move = new Update().set("window", target).max("lastAttempt", now);
				Optional<ThrottleCounter> moved = store.findAndModify(inWindow(key, earlier.window()),
						carry ? move.inc("attempts", 1) : move.set("attempts", 1),
						FindAndModifyOptions.options().returnNew(returnNew), ThrottleCounter.class);
				if (moved.isPresent()) {
					return new Counted(returnNew || carry ? moved.get() : moved.get().restarted(), target);
				}
			}
		}
		throw new Contended();
	}

	/** Other attempts kept moving the counter to new windows under this one. */
	private static final class Contended extends RuntimeException {

		Contended() {
			super(null, null, false, false);
		}

	}

	private static ThrottleCounter fresh(String key, long window) {
		return new ThrottleCounter(key, window, 0, null, null, null, null);
	}

	private static Query inWindow(String key, long window) {
		return Query.query(Criteria.where("_id").is(key).and("window").is(window));
	}

	private static long windowOf(Instant now, Duration length) {
		return Math.floorDiv(now.toEpochMilli(), length.toMillis());
	}

	private static Duration atLeastASecond(Duration wait) {
		Duration seconds = Duration.ofSeconds(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
		return seconds.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : seconds;
	}

	/** The id of the counter of one user of one center from one address. */
	static String addressKey(String slug, String username, String address) {
		return "a" + Integer.toHexString(slot(ADDRESS_SLOTS, slug, username, address));
	}

	/**
	 * Who a user's address counter belongs to, beyond its slot: 64 more bits of the same digest,
	 * so that the trust one key earned is not lent to another key sharing its slot.
	 */
	static String fingerprint(String slug, String username, String address) {
		byte[] hash = digest(slug, username, address);
		return java.util.HexFormat.of().formatHex(hash, 4, 12);
	}

	/** The id of the counter of one user of one center. */
	static String userKey(String slug, String username) {
		return "u" + Integer.toHexString(slot(USER_SLOTS, slug, username));
	}

	private static int slot(int slots, String... parts) {
		byte[] hash = digest(parts);
		int value = ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
		return value & (slots - 1);
	}

	private static byte[] digest(String... parts) {
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		for (String part : parts) {
			sha.update(part.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
		}
		return sha.digest();
	}

	/** The unique (_id, window) index serves the counting query from an index on the embedded store too. */
	@Bean
	static IndexDeclaration throttleCounterIndexes() {
		return new IndexDeclaration(ThrottleCounter.COLLECTION, List.of(new Index().on("_id", Sort.Direction.ASC)
			.on("window", Sort.Direction.ASC)
			.unique()
			.named("id_window")));
	}

	@Bean
	static RetiredCollections retiredLoginAttempts() {
		return new RetiredCollections(List.of("login_attempts"),
				"login_throttle: counters per user and per user and address, in a bounded key space");
	}

}
