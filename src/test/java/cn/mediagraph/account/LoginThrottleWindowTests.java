package cn.mediagraph.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.security.SecurityProperties;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters across window changes, on the real store with a clock the test moves: a counter
 * of an earlier window is restarted by the next attempt (the slot is reused, not a new
 * document), keeping the trust its address earned, unless its last attempt is recent (then the
 * count moves on with it); attempts racing into a new window are still counted one by one.
 */
@IntegrationTest
class LoginThrottleWindowTests {

	@Autowired
	PlatformStore store;

	@Autowired
	SecurityProperties properties;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));

	@Test
	void aNewWindowStartsOverInTheSameDocumentAndKeepsTheTrust() {
		LoginThrottle throttle = new LoginThrottle(store, properties, clock);
		String user = "u-" + UUID.randomUUID();
		throttle.succeeded(throttle.attempt("center", user, "192.0.2.1"));
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.attempt("center", user, "192.0.2.1").throttled()).isFalse();
		}
		assertThat(throttle.attempt("center", user, "192.0.2.1").throttled()).isTrue();

		clock.advance(properties.loginThrottle().addressWindow());
		LoginThrottle.Attempt next = throttle.attempt("center", user, "192.0.2.1");
		assertThat(next.throttled()).isFalse();
		assertThat(store.findById(next.addressKey(), ThrottleCounter.class)).hasValueSatisfying(counter -> {
			assertThat(counter.attempts()).isEqualTo(1);
			assertThat(counter.trusted(clock.instant(), next.addressFingerprint())).as("trust outlives the window").isTrue();
		});
	}

	@Test
	void aGuesserWhoKeepsTryingGetsNoFreshAttemptsAtTheWindowsEnd() {
		LoginThrottle throttle = new LoginThrottle(store, properties, clock);
		String user = "u-" + UUID.randomUUID();
		Duration window = properties.loginThrottle().addressWindow();
		clock.advance(window.minusSeconds(1));
		for (int i = 0; i < properties.loginThrottle().freeAttempts(); i++) {
			assertThat(throttle.attempt("center", user, "192.0.2.3").throttled()).isFalse();
		}
		assertThat(throttle.attempt("center", user, "192.0.2.3").throttled()).isTrue();

		clock.advance(Duration.ofSeconds(1));
		LoginThrottle.Attempt nextWindow = throttle.attempt("center", user, "192.0.2.3");
		assertThat(nextWindow.throttled()).as("one second later, in the next window").isTrue();
		assertThat(nextWindow.retryAfter()).isPositive();

		clock.advance(window.plusSeconds(1));
		assertThat(throttle.attempt("center", user, "192.0.2.3").throttled())
			.as("a window after the last attempt, it is forgotten").isFalse();
	}

	@Test
	void attemptsRacingIntoANewWindowAreCountedOneByOne() throws Exception {
		LoginThrottle throttle = new LoginThrottle(store, properties, clock);
		String user = "u-" + UUID.randomUUID();
		throttle.attempt("center", user, "192.0.2.2");
		clock.advance(properties.loginThrottle().addressWindow());
		int allowed = checkedOf(30, () -> throttle.attempt("center", user, "192.0.2.2"));
		assertThat(allowed).isEqualTo(properties.loginThrottle().freeAttempts());
	}

	@Test
	void concurrentGuessesJustAfterTheWindowsEndFindTheCountCarried() throws Exception {
		LoginThrottle throttle = new LoginThrottle(store, properties, clock);
		String user = "u-" + UUID.randomUUID();
		clock.advance(properties.loginThrottle().addressWindow().minusMillis(300));
		for (int i = 0; i < properties.loginThrottle().freeAttempts(); i++) {
			assertThat(throttle.attempt("center", user, "192.0.2.4").throttled()).isFalse();
		}
		clock.advance(Duration.ofMillis(500));
		int allowed = checkedOf(30, () -> throttle.attempt("center", user, "192.0.2.4"));
		assertThat(allowed).as("checked in the new window, the free attempts spent just before it").isZero();
	}

	@Test
	void anAdminsResetBeforeAnAttemptsAnswerGivesNoAttemptExtra() {
		LoginThrottle throttle = new LoginThrottle(store, properties, clock);
		String user = "u-" + UUID.randomUUID();
		LoginThrottle.Attempt pending = throttle.attempt("center", user, "192.0.2.5");
		throttle.clear("center", user);
		throttle.succeeded(pending);
		assertThat(store.findById(pending.userKey(), ThrottleCounter.class))
			.hasValueSatisfying(counter -> assertThat(counter.attempts()).as("the user's count after the reset").isZero());

		int userAttempts = properties.loginThrottle().userAttempts();
		int checked = 0;
		for (int i = 0; i < userAttempts + 5; i++) {
			checked += throttle.attempt("center", user, "198.51.100." + i).throttled() ? 0 : 1;
		}
		assertThat(checked).as("attempts from new addresses checked after the reset").isEqualTo(userAttempts);
	}

	/** How many of {@code attempts} made at once may have their password checked. */
	private static int checkedOf(int attempts, java.util.function.Supplier<LoginThrottle.Attempt> attempt)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> checked = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			checked.add(pool.submit(() -> {
				start.await();
				return !attempt.get().throttled();
			}));
		}
		start.countDown();
		int allowed = 0;
		for (Future<Boolean> future : checked) {
			allowed += future.get() ? 1 : 0;
		}
		pool.shutdown();
		return allowed;
	}

	private static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
