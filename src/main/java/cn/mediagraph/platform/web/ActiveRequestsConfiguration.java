package cn.mediagraph.platform.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How many API requests work at once ({@code mediagraph.web.max-active-requests}, by default
 * twice the processors this process may use; 0 turns the limit off) and how long one may wait
 * for its turn ({@code mediagraph.web.max-queue-wait}). See {@link ActiveRequests}.
 */
@Configuration(proxyBeanMethods = false)
class ActiveRequestsConfiguration {

	/**
	 * After Spring Security (order -100; its CORS headers are then on a 503 too, and preflights
	 * never queue) and after the GraphQL guard (order 0), which has read the whole body by then:
	 * a client trickling its request in does not hold a turn while it does.
	 */
	static final int ORDER = 1;

	@Bean
	FilterRegistrationBean<ActiveRequests> activeRequests(@Value("${mediagraph.web.max-active-requests:}") String limit,
			@Value("${mediagraph.web.max-queue-wait:10s}") Duration maxWait,
			@Value("${spring.graphql.websocket.path:/graphql-ws}") String webSocketPath) {
		int active = limit.isBlank() ? 2 * Runtime.getRuntime().availableProcessors() : Integer.parseInt(limit.strip());
		FilterRegistrationBean<ActiveRequests> registration = new FilterRegistrationBean<>(
				new ActiveRequests(Math.max(active, 1), maxWait, webSocketPath));
		registration.setEnabled(active > 0);
		registration.setOrder(ORDER);
		registration.setAsyncSupported(true);
		return registration;
	}

}
