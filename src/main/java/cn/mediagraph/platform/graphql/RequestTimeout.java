package cn.mediagraph.platform.graphql;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import graphql.ExecutionInput;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Answers a request that has not finished within the timeout with the given status (503).
 * <p>
 * Spring's {@code TimeoutWebGraphQlInterceptor} cannot cut off an answer computed on the
 * request's own thread (the timer it starts is subscribed after the work is done), and it cost
 * every request an exception with a stack trace and a timer on a shared scheduler: one
 * twentieth of the newsroom list under load. Here one task, every tenth of the timeout (at most
 * a second), cancels the executions past their deadline through graphql-java
 * ({@link ExecutionInput#cancel()}, checked by the engine before each field), and their callers
 * get the status; a request costs an entry in a set. An answer still to come when the chain
 * returns (work completing on another thread) also gets a timer, as it may wait on something
 * that never reaches the engine's next check.
 */
final class RequestTimeout implements WebGraphQlInterceptor, DisposableBean {

	/** Set in an execution's GraphQL context when it was cancelled for running too long. */
	static final String TIMED_OUT = RequestTimeout.class.getName() + ".timedOut";

	private final Duration timeout;

	private final HttpStatus status;

	private final Set<Watch> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService reaper;

	RequestTimeout(Duration timeout, HttpStatus status) {
		this.timeout = timeout;
		this.status = status;
		this.reaper = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "request-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(10, Math.min(1000, timeout.toMillis() / 10));
		this.reaper.scheduleAtFixedRate(this::cancelOverdue, period, period, TimeUnit.MILLISECONDS);
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return Mono.deferContextual(context -> {
			Watch watch = new Watch(System.nanoTime() + timeout.toNanos());
			request.configureExecutionInput((input, builder) -> watch.started(input));
			running.add(watch);
			CompletableFuture<WebGraphQlResponse> answer;
			try {
				answer = chain.next(request).contextWrite(context).toFuture();
			}
			catch (RuntimeException ex) {
				running.remove(watch);
				throw ex;
			}
			if (answer.isDone()) {
				running.remove(watch);
				return Mono.fromFuture(answer).flatMap(this::unlessTimedOut);
			}
			return Mono.fromFuture(answer)
				.flatMap(this::unlessTimedOut)
				.timeout(timeout, Mono.error(() -> new ResponseStatusException(status)))
				.doFinally(signal -> running.remove(watch));
		});
	}

	private Mono<WebGraphQlResponse> unlessTimedOut(WebGraphQlResponse response) {
		Boolean timedOut = response.getExecutionInput().getGraphQLContext().get(TIMED_OUT);
		return Boolean.TRUE.equals(timedOut) ? Mono.error(new ResponseStatusException(status)) : Mono.just(response);
	}

	/** Cancels every execution past its deadline; runs on the reaper's thread. */
	void cancelOverdue() {
		long now = System.nanoTime();
		for (Watch watch : running) {
			if (now - watch.deadline >= 0 && watch.cancel()) {
				running.remove(watch);
			}
		}
	}

	@Override
	public void destroy() {
		reaper.shutdownNow();
	}

	/** A request's deadline, and its execution once graphql-java has been handed it. */
	private static final class Watch {

		final long deadline;

		private volatile ExecutionInput input;

		Watch(long deadline) {
			this.deadline = deadline;
		}

		ExecutionInput started(ExecutionInput input) {
			this.input = input;
			return input;
		}

		/** Cancels the execution if it has started; false when there is nothing to cancel yet. */
		boolean cancel() {
			ExecutionInput started = input;
			if (started == null) {
				return false;
			}
			started.getGraphQLContext().put(TIMED_OUT, true);
			started.cancel();
			return true;
		}

	}

}
