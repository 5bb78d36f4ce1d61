package cn.mediagraph.platform.observability;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import cn.mediagraph.account.UserService;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.HttpProbe;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees, over HTTP: health probes, what the web exposes, GraphQL metrics per
 * operation, and the request id and tenant in the logging context, also inside data fetchers.
 */
@IntegrationTest
@Import(ObservabilityTests.LogContextRecorder.class)
class ObservabilityTests {

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClients clients;

	@Autowired
	LogContextRecorder recorder;

	HttpProbe http;

	@BeforeEach
	void probe() {
		http = new HttpProbe(port);
	}

	@Test
	void livenessAndReadinessAnswerUpWithoutDetailsForStrangers() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> health = http.get(path);
			assertThat(health.statusCode()).as(path).isEqualTo(200);
			assertThat(health.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components", "details");
		}
	}

	@Test
	void readinessChecksTheDatabaseAndTheSearchIndexForThePlatformAdmin() {
		String admin = clients.login(null, "admin", GraphQlClients.ADMIN_PASSWORD);
		HttpResponse<String> readiness = http.get("/actuator/health/readiness", "Authorization", "Bearer " + admin);
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"database\":{\"status\":\"UP\"", "\"searchIndex\":{\"status\":\"UP\"",
				"\"readinessState\":{\"status\":\"UP\"");
		HttpResponse<String> liveness = http.get("/actuator/health/liveness", "Authorization", "Bearer " + admin);
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).as("liveness does not hang on the database").doesNotContain("database", "searchIndex");
	}

	@Test
	void onlyHealthPrometheusAndInfoAreOnTheWeb() {
		assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/info").statusCode()).isEqualTo(200);
		for (String hidden : List.of("env", "beans", "configprops", "metrics", "loggers", "heapdump", "threaddump",
				"mappings", "shutdown")) {
			assertThat(http.get("/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void graphQlTimingsAndErrorsAreKeptPerOperation() {
		TestCenter center = clients.newCenter();
		String token = center.token(Role.REPORTER);
		assertThat(http.graphql("query ObsViewer { viewer { username } }", "Authorization", "Bearer " + token).body())
			.contains("\"username\":\"reporter\"");
		http.graphql("query ObsViewer { viewer { username } }");
		http.graphql("{ __typename }");
		http.graphql("query ObsBroken { noSuchField }");

		String metrics = http.get("/actuator/prometheus").body();
		assertThat(series(metrics, "graphql_request_seconds_count", "graphql_operation_name=\"ObsViewer\"",
				"graphql_operation_type=\"query\"", "graphql_outcome=\"SUCCESS\"")).isNotEmpty();
		assertThat(series(metrics, "graphql_request_seconds_count", "graphql_operation_name=\"ObsViewer\"",
				"graphql_outcome=\"REQUEST_ERROR\"")).isNotEmpty();
		assertThat(series(metrics, "graphql_errors_total", "graphql_operation_name=\"ObsViewer\"",
				"graphql_error_classification=\"UNAUTHORIZED\"")).isNotEmpty();
		assertThat(series(metrics, "graphql_request_seconds_count", "graphql_operation_name=\"anonymous\"",
				"graphql_outcome=\"SUCCESS\"")).isNotEmpty();
		assertThat(series(metrics, "graphql_request_seconds_count", "graphql_operation_name=\"invalid\"",
				"graphql_operation_type=\"unknown\"", "graphql_outcome=\"REQUEST_ERROR\"")).isNotEmpty();
		assertThat(metrics).doesNotContain("ObsBroken").doesNotContain("graphql_datafetcher");
	}

	@Test
	void aSafeRequestIdIsEchoedAndAnythingElseIsReplaced() {
		assertThat(http.get("/actuator/health", "X-Request-Id", "newsroom-app:42.7_a").headers().firstValue("X-Request-Id"))
			.hasValue("newsroom-app:42.7_a");
		for (String unsafe : List.of("<script>alert(1)</script>", "a b", "x".repeat(65), "id\u00e9")) {
			String id = http.get("/actuator/health", "X-Request-Id", unsafe).headers().firstValue("X-Request-Id").orElseThrow();
			assertThat(id).as(unsafe).matches("[0-9a-f]{32}");
		}
		String first = http.get("/actuator/health").headers().firstValue("X-Request-Id").orElseThrow();
		String second = http.get("/actuator/health").headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
	}

	/**
	 * On Java 21+ controllers run on virtual threads of their own, where the logging context is
	 * empty unless it is carried over (without the accessor this fails there with an empty map);
	 * on Java 17 they run on the request's thread.
	 */
	@Test
	void theRequestIdAndTheTenantReachTheDataFetchers() {
		TestCenter center = clients.newCenter();
		recorder.seen.clear();
		http.graphql("query ObsViewer { viewer { username } }", "Authorization", "Bearer " + center.token(Role.EDITOR),
				"X-Request-Id", "trace-me-1");
		assertThat(recorder.seen).singleElement()
			.isEqualTo(Map.of(LogContext.REQUEST_ID, "trace-me-1", LogContext.TENANT_ID, TestChannels.tenantIdOf(center)));
		assertThat(MDC.getCopyOfContextMap()).as("nothing leaks into the test's thread").isNullOrEmpty();
	}

	@Test
	void thePlatformAdminHasNoTenantInTheLogs() {
		recorder.seen.clear();
		http.graphql("{ viewer { username } }", "Authorization", "Bearer " + clients.login(null, "admin", GraphQlClients.ADMIN_PASSWORD),
				"X-Request-Id", "admin-call");
		assertThat(recorder.seen).singleElement().isEqualTo(Map.of(LogContext.REQUEST_ID, "admin-call"));
	}

	private static List<String> series(String metrics, String name, String... labels) {
		return metrics.lines()
			.filter(line -> line.startsWith(name + "{"))
			.filter(line -> List.of(labels).stream().allMatch(line::contains))
			.toList();
	}

	/**
	 * Records the logging context each time {@code UserService.viewer()} runs: the service a
	 * data fetcher calls, wherever GraphQL runs it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class LogContextRecorder {

		final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

		@Bean
		static BeanPostProcessor recordLogContextOfViewer(org.springframework.beans.factory.ObjectProvider<LogContextRecorder> recorder) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof Advised advised && AopUtils.getTargetClass(bean) == UserService.class) {
						advised.addAdvice(0, (MethodInterceptor) invocation -> {
							if (invocation.getMethod().getName().equals("viewer")) {
								Map<String, String> context = MDC.getCopyOfContextMap();
								recorder.getObject().seen.add(context == null ? Map.of() : Map.copyOf(context));
							}
							return invocation.proceed();
						});
					}
					return bean;
				}
			};
		}

	}

}
