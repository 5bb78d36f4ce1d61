package cn.mediagraph.platform.background;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Jobs run one at a time on one background thread, each under a key (a center), with the last
 * status per key kept in memory: asking to start a job while one of the same key runs returns
 * that one's status instead of starting another.
 *
 * @param <S> the status of a job
 */
public final class BackgroundRuns<S> implements AutoCloseable {

	private final Map<String, S> latest = new ConcurrentHashMap<>();

	private final ExecutorService runner;

	private final Predicate<S> running;

	/**
	 * @param threadName the name of the thread that runs the jobs
	 * @param running whether a status is that of a job still running
	 */
	public BackgroundRuns(String threadName, Predicate<S> running) {
		this.running = running;
		this.runner = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Starts {@code job} under {@code key} unless a job of that key runs already; either way,
	 * the status now.
	 *
	 * @param started the status of the job while it runs
	 * @param job runs the job, returning its status once done
	 * @param failed the status of a job that threw (which it should log)
	 */
	public S start(String key, S started, Supplier<S> job, Function<RuntimeException, S> failed) {
		S current = latest.compute(key, (id, previous) -> previous != null && running.test(previous) ? previous : started);
		if (current != started) {
			return current;
		}
		runner.execute(() -> {
			S done;
			try {
				done = job.get();
			}
			catch (RuntimeException ex) {
				done = failed.apply(ex);
			}
			latest.put(key, done);
		});
		return started;
	}

	public Optional<S> latest(String key) {
		return Optional.ofNullable(latest.get(key));
	}

	@Override
	public void close() {
		runner.shutdown();
	}

}
