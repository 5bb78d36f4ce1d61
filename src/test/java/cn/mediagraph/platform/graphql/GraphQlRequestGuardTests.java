package cn.mediagraph.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import cn.mediagraph.platform.security.ClientAddresses;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks before any GraphQL work, on servlet mocks (no data layer involved). */
class GraphQlRequestGuardTests {

	private static GraphQlLimits limits(int maxConcurrent) {
		return new GraphQlLimits(DataSize.ofKilobytes(1), 16384, 2000, 10, 20, 10, 100, 10_000, Duration.ofSeconds(30),
				new GraphQlLimits.Budget(1000, 100, Duration.ofSeconds(1)), maxConcurrent, false, "classpath*:none/*.graphql");
	}

	private final CostBudgets budgets = new CostBudgets(limits(1).budget(), null, System::nanoTime,
			System::currentTimeMillis, false);

	private final ClientAddresses direct = new ClientAddresses(List.of());

	private static final String PROXY = "198.51.100.7";

	private static MockHttpServletRequest post(String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setContentType("application/json");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		request.setRemoteAddr("203.0.113.9");
		return request;
	}

	@Test
	void aCallerWithTooManyRequestsRunningIsRefused() throws Exception {
		GraphQlRequestGuard guard = new GraphQlRequestGuard(limits(1), budgets, new RunningRequests(1), direct, "/graphql");
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread first = new Thread(() -> {
			try {
				guard.doFilter(post("{\"query\":\"{ a }\"}"), new MockHttpServletResponse(), (req, res) -> {
					inside.countDown();
					try {
						release.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		first.start();
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

		MockHttpServletResponse second = new MockHttpServletResponse();
		guard.doFilter(post("{\"query\":\"{ a }\"}"), second, new MockFilterChain());
		assertThat(second.getStatus()).isEqualTo(429);
		assertThat(second.getHeader("Retry-After")).isEqualTo("1");

		release.countDown();
		first.join();
		MockHttpServletResponse third = new MockHttpServletResponse();
		guard.doFilter(post("{\"query\":\"{ a }\"}"), third, new MockFilterChain());
		assertThat(third.getStatus()).as("admitted once the first has finished").isEqualTo(200);
	}

	@Test
	void anOversizedBodyIsRefusedEvenWithoutAContentLength() throws Exception {
		GraphQlRequestGuard guard = new GraphQlRequestGuard(limits(8), budgets, new RunningRequests(8), direct, "/graphql");
		MockHttpServletRequest request = post("{\"query\":\"" + "x".repeat(2000) + "\"}");
		request.removeHeader("Content-Length");
		MockHttpServletResponse response = new MockHttpServletResponse();
		guard.doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(413);
	}

	@Test
	void theBodyPassesOnUnchanged() throws Exception {
		GraphQlRequestGuard guard = new GraphQlRequestGuard(limits(8), budgets, new RunningRequests(8), direct, "/graphql");
		MockFilterChain chain = new MockFilterChain();
		guard.doFilter(post(" {\"query\":\"{ a }\"}"), new MockHttpServletResponse(), chain);
		assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
			.isEqualTo(" {\"query\":\"{ a }\"}");
	}

	@Test
	void anonymousCallersBehindATrustedProxyAreTheirForwardedAddresses() throws Exception {
		GraphQlRequestGuard guard = new GraphQlRequestGuard(limits(1), budgets, new RunningRequests(1), new ClientAddresses(List.of(PROXY)),
				"/graphql");
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		MockHttpServletRequest firstRequest = viaProxy("192.0.2.10");
		Thread first = new Thread(() -> {
			try {
				guard.doFilter(firstRequest, new MockHttpServletResponse(), (req, res) -> {
					inside.countDown();
					try {
						release.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		first.start();
		assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(firstRequest.getAttribute(ClientAddresses.CONTEXT_KEY)).isEqualTo("192.0.2.10");

		MockHttpServletResponse otherClient = new MockHttpServletResponse();
		guard.doFilter(viaProxy("192.0.2.20"), otherClient, new MockFilterChain());
		assertThat(otherClient.getStatus()).as("another client behind the same proxy is not held up").isEqualTo(200);

		MockHttpServletResponse sameClient = new MockHttpServletResponse();
		guard.doFilter(viaProxy("192.0.2.10"), sameClient, new MockFilterChain());
		assertThat(sameClient.getStatus()).as("the same client again is").isEqualTo(429);

		release.countDown();
		first.join();
	}

	@Test
	void aForwardedAddressFromAnUntrustedPeerIsIgnored() throws Exception {
		GraphQlRequestGuard guard = new GraphQlRequestGuard(limits(8), budgets, new RunningRequests(8), direct, "/graphql");
		MockHttpServletRequest request = viaProxy("192.0.2.10");
		guard.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
		assertThat(request.getAttribute(ClientAddresses.CONTEXT_KEY)).isEqualTo(PROXY);
	}

	private static MockHttpServletRequest viaProxy(String client) {
		MockHttpServletRequest request = post("{\"query\":\"{ a }\"}");
		request.setRemoteAddr(PROXY);
		request.addHeader("X-Forwarded-For", "10.9.9.9, " + client);
		return request;
	}

}
