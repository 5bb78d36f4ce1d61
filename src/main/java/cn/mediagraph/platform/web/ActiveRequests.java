package cn.mediagraph.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control: at most {@code limit} API requests work at once on this instance; the
 * others wait their turn, first come first served, and one that waits longer than
 * {@code maxWait} is answered 503 with {@code Retry-After}.
 * <p>
 * Why: a request's work is CPU-bound (the store and the index are in this process), so running
 * more of them at once than the processors can serve only interleaves them. With sixteen
 * clients on one core, every request shared the core with fifteen others: each took as long as
 * the slowest, the heap held sixteen requests' garbage at every collection, and the slowest
 * percent waited four times the average. In turn, each runs nearly alone and the wait is the
 * queue's, the same for everyone.
 * <p>
 * Long-lived and streaming requests are not counted: subscriptions (GraphQL over WebSocket, and
 * over server-sent events: mostly idle for their whole life), the archive and metrics bulk
 * endpoints (they stream for minutes and have their own per-request limits), and the health
 * probes (they must answer while the API is busy). The filter runs after authentication and
 * after the GraphQL guard has read the body ({@link ActiveRequestsConfiguration#ORDER}).
 */
final class ActiveRequests extends OncePerRequestFilter {

	private final Semaphore permits;

	private final Duration maxWait;

	private final String webSocketPath;

	ActiveRequests(int limit, Duration maxWait, String webSocketPath) {
		if (limit < 1) {
			throw new IllegalArgumentException("mediagraph.web.max-active-requests must be at least 1, not " + limit);
		}
		this.permits = new Semaphore(limit, true);
		this.maxWait = maxWait;
		this.webSocketPath = webSocketPath;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.equals(webSocketPath) || path.startsWith("/import/") || path.startsWith("/ingest/")
				|| path.startsWith("/actuator/") || acceptsEventStream(request);
	}

	/** A subscription over server-sent events (GraphQL over HTTP with {@code Accept: text/event-stream}). */
	private static boolean acceptsEventStream(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean admitted;
		try {
			admitted = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			admitted = false;
		}
		if (!admitted) {
			busy(response);
			return;
		}
		Permit permit = new Permit(permits);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				// the response is written later, on another thread: the work is done then
				request.getAsyncContext().addListener(permit);
			}
			else {
				permit.release();
			}
		}
	}

	/** Turns free right now. */
	int available() {
		return permits.availablePermits();
	}

	/** Requests waiting for a turn right now (an estimate, as the semaphore gives it). */
	int waiting() {
		return permits.getQueueLength();
	}

	/** The same body shape as the API's other refusals, so a client reads it the same way. */
	private void busy(HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		// as long as the queue made this request wait: an immediate retry would meet the same queue
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (maxWait.toMillis() + 999) / 1000)));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"errors\":[{\"message\":\"The server is busy: more requests are waiting than it serves in "
					+ maxWait.toMillis() + " ms; try again shortly\",\"extensions\":{\"classification\":\"BUSY\"}}]}");
	}

	/** Returned once, whichever way the request ends. */
	private static final class Permit implements AsyncListener {

		private final Semaphore permits;

		private final AtomicBoolean released = new AtomicBoolean();

		Permit(Semaphore permits) {
			this.permits = permits;
		}

		void release() {
			if (released.compareAndSet(false, true)) {
				permits.release();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			release();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			release();
		}

		@Override
		public void onError(AsyncEvent event) {
			release();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// the same request again: still the same permit
			event.getAsyncContext().addListener(this);
		}

	}

}
