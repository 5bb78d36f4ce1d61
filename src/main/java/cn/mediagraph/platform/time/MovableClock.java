package cn.mediagraph.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The app's clock: UTC, ticking in milliseconds (the precision MongoDB stores, so a written
 * instant reads back equal). Tests freeze it at an instant and move it, so everything that
 * depends on time (scheduling rules, the publisher's due posts, backoff, leases) runs without
 * sleeping on wall time. Nothing in the app moves it.
 */
public final class MovableClock extends Clock {

	private final Clock system = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

	private final AtomicReference<@Nullable Instant> frozen = new AtomicReference<>();

	/** Stops the clock at {@code at} (truncated to milliseconds). */
	public void freezeAt(Instant at) {
		frozen.set(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	/** Moves a frozen clock forward (or back, with a negative amount). */
	public Instant advance(Duration by) {
		Instant moved = frozen.updateAndGet(at -> {
			if (at == null) {
				throw new IllegalStateException("Freeze the clock before moving it");
			}
			return at.plus(by);
		});
		return moved;
	}

	/** Lets the clock run with the system's time again. */
	public void release() {
		frozen.set(null);
	}

	@Override
	public Instant instant() {
		Instant at = frozen.get();
		return at != null ? at : system.instant();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.fixed(instant(), zone);
	}

}
