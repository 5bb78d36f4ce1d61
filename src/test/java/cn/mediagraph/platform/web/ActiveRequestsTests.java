package cn.mediagraph.platform.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control: requests beyond the limit wait for a turn in arrival order, one that waits
 * too long is answered 503 with Retry-After, a turn comes back however the request ended
 * (returned, threw, finished asynchronously), and long-lived or streaming requests never count.
 */
class ActiveRequestsTests {

	private final List<CountDownLatch> held = new ArrayList<>();

	@AfterEach
	void letGo() {
		held.forEach(CountDownLatch::countDown);
	}

	@Test
	void aRequestBeyondTheLimitWaitsForATurnAndGetsIt() throws Exception {
		ActiveRequests filter = new ActiveRequests(1, Duration.ofSeconds(5), "/graphql-ws");
		CountDownLatch first = hold();
		CompletableFuture<MockHttpServletResponse> running = inBackground(filter, "/graphql", blocking(first));
		awaitRunning(filter, running);

		CompletableFuture<MockHttpServletResponse> waiting = inBackground(filter, "/graphql", (request, response) -> {
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (filter.waiting() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(filter.waiting()).as("the second request queues for a turn").isEqualTo(1);
		assertThat(waiting).as("the second waits while the first works").isNotDone();
		first.countDown();
		assertThat(waiting.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		assertThat(running.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
	}

	@Test
	void aRequestThatWaitsTooLongIsToldTheServerIsBusy() throws Exception {
		ActiveRequests filter = withItsOneTurnTaken(Duration.ofMillis(100));
		MockHttpServletResponse refused = call(filter, "/graphql", (request, response) -> {
			throw new AssertionError("not admitted, so not run");
		});
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).as("a second at least, the wait rounded up").isEqualTo("1");
		assertThat(refused.getContentAsString()).contains("\"classification\":\"BUSY\"");
	}

	@Test
	void aTurnComesBackWhenTheRequestFails() throws Exception {
		ActiveRequests filter = new ActiveRequests(1, Duration.ofMillis(100), "/graphql-ws");
		for (int i = 0; i < 3; i++) {
			try {
				call(filter, "/graphql", (request, response) -> {
					throw new IllegalStateException("failed in the handler");
				});
			}
			catch (IllegalStateException expected) {
				// the failure goes on to the container; the turn must not be lost with it
			}
		}
		assertThat(call(filter, "/graphql", (request, response) -> {
		}).getStatus()).isEqualTo(200);
	}

	@Test
	void anAsynchronousRequestKeepsItsTurnUntilItCompletes() throws Exception {
		ActiveRequests filter = new ActiveRequests(1, Duration.ofMillis(100), "/graphql-ws");
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setAsyncSupported(true);
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
		assertThat(call(filter, "/graphql", (req, res) -> {
		}).getStatus()).as("still working after the thread returned").isEqualTo(503);

		((MockAsyncContext) request.getAsyncContext()).complete();
		assertThat(call(filter, "/graphql", (req, res) -> {
		}).getStatus()).as("completed: the turn is back").isEqualTo(200);
	}

	@Test
	void subscriptionsBulkEndpointsAndProbesAreNotCounted() throws Exception {
		ActiveRequests filter = withItsOneTurnTaken(Duration.ofMillis(50));
		for (String path : List.of("/graphql-ws", "/import/stories", "/ingest/metrics", "/actuator/health/readiness")) {
			assertThat(call(filter, path, (request, response) -> {
			}).getStatus()).as(path).isEqualTo(200);
		}
		MockHttpServletRequest subscription = new MockHttpServletRequest("POST", "/graphql");
		subscription.addHeader("Accept", "text/event-stream");
		MockHttpServletResponse overSse = new MockHttpServletResponse();
		filter.doFilter(subscription, overSse, (request, response) -> {
		});
		assertThat(overSse.getStatus()).as("a subscription over server-sent events").isEqualTo(200);
	}

	@Test
	void aLongerWaitAsksForALongerPause() throws Exception {
		ActiveRequests filter = withItsOneTurnTaken(Duration.ofMillis(2500));
		MockHttpServletResponse refused = call(filter, "/graphql", (request, response) -> {
		});
		assertThat(refused.getStatus()).isEqualTo(503);
		assertThat(refused.getHeader("Retry-After")).isEqualTo("3");
	}

	@Test
	void aLimitBelowOneIsRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new ActiveRequests(0, Duration.ofSeconds(1), "/graphql-ws"));
	}

	/** A filter of one turn, held by a request working in the background until the test ends. */
	private ActiveRequests withItsOneTurnTaken(Duration maxWait) throws Exception {
		ActiveRequests filter = new ActiveRequests(1, maxWait, "/graphql-ws");
		awaitRunning(filter, inBackground(filter, "/graphql", blocking(hold())));
		return filter;
	}

	private CountDownLatch hold() {
		CountDownLatch latch = new CountDownLatch(1);
		held.add(latch);
		return latch;
	}

	private static FilterChain blocking(CountDownLatch release) {
		return (request, response) -> {
			request.setAttribute("running", true);
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	/** Until the request in the background holds the only turn. */
	private static void awaitRunning(ActiveRequests filter, CompletableFuture<?> running) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (filter.available() > 0) {
			assertThat(running).as("the first request still works").isNotDone();
			assertThat(System.nanoTime()).as("the first request started within 5 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private static CompletableFuture<MockHttpServletResponse> inBackground(ActiveRequests filter, String path,
			FilterChain chain) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return call(filter, path, chain);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private static MockHttpServletResponse call(ActiveRequests filter, String path, FilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

}
