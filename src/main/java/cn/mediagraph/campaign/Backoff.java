package cn.mediagraph.campaign;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before the next delivery attempt: exponential from {@code first} (doubling after each
 * failed attempt) up to {@code max}, with "equal jitter" (a random point in the upper half of the
 * wait), so that posts that failed together do not all come back in the same second.
 */
record Backoff(Duration first, Duration max) {

	Duration after(int failedAttempts, RandomGenerator random) {
		int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
		long millis = Math.min(max.toMillis(), first.toMillis() << doublings);
		long half = millis / 2;
		return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
	}

}
