package cn.mediagraph.platform.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many GraphQL operations each caller (by budget key) has running on this instance, over
 * HTTP and WebSocket together, against {@code maxConcurrentPerUser}.
 */
final class RunningRequests {

	private final int max;

	private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

	RunningRequests(int max) {
		this.max = max;
	}

	/** The most a caller may run at once. */
	int max() {
		return max;
	}

	/** Counts one more operation of the caller, unless they run the most already; whether it was counted. */
	boolean tryStart(String key) {
		AtomicInteger count = running.computeIfAbsent(key, k -> new AtomicInteger());
		if (count.incrementAndGet() > max) {
			finish(key, count);
			return false;
		}
		return true;
	}

	/** An operation counted by {@link #tryStart} has finished. */
	void finish(String key) {
		AtomicInteger count = running.get(key);
		if (count != null) {
			finish(key, count);
		}
	}

	private void finish(String key, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			running.remove(key, count);
		}
	}

}
