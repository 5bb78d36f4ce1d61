package cn.mediagraph.platform.observability;

import java.util.Map;

import cn.mediagraph.platform.search.SearchIndex;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Health, GraphQL request metrics and the logging context of every request. Which endpoints
 * are on the web, the health groups and tracing are set in {@code application.yaml} (and
 * {@link TracingSettings}).
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	/**
	 * After Spring Security's filters (order -100), so the tenant comes from a verified token.
	 */
	static final int AFTER_SECURITY = 0;

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<TenantLogFilter> tenantLogFilter() {
		FilterRegistrationBean<TenantLogFilter> registration = new FilterRegistrationBean<>(new TenantLogFilter());
		registration.setOrder(AFTER_SECURITY);
		return registration;
	}

	/**
	 * Carries the request id and the tenant into GraphQL data fetchers that run on other
	 * threads (batch loaders, subscription streams), as Spring for GraphQL carries
	 * the security context: only these two keys, not the whole logging context.
	 */
	@Bean
	static Slf4jThreadLocalAccessor logContextPropagation() {
		Slf4jThreadLocalAccessor accessor = new Slf4jThreadLocalAccessor(LogContext.REQUEST_ID, LogContext.TENANT_ID);
		ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
		return accessor;
	}

	@Bean
	GraphQlRequestObservation graphQlRequestObservation(ObservationRegistry observations, MeterRegistry meters,
			@Value("${mediagraph.observability.max-operation-names:200}") int maxOperationNames) {
		return new GraphQlRequestObservation(observations, meters, new OperationNames(maxOperationNames));
	}

	/**
	 * Readiness: the database answers a {@code ping}, the cheapest command there is. (Boot's
	 * own MongoDB indicator lists every database and asks each for {@code hello}, which the
	 * embedded store does not know.)
	 */
	@Bean
	HealthIndicator databaseHealthIndicator(MongoTemplate mongo) {
		return () -> {
			mongo.executeCommand(new Document("ping", 1));
			return Health.up().build();
		};
	}

	/**
	 * Readiness: the search index is open and in step with MongoDB ({@link SearchIndex#ready()});
	 * its details count, by kind, the documents left out because they cannot be read or indexed.
	 */
	@Bean
	HealthIndicator searchIndexHealthIndicator(SearchIndex index) {
		return () -> {
			Health.Builder health = index.ready() ? Health.up()
					: Health.outOfService().withDetail("reason", "the search index is not open or is being checked against MongoDB");
			Map<String, Integer> skipped = index.skippedDocuments();
			return skipped.isEmpty() ? health.build() : health.withDetail("skippedDocuments", skipped).build();
		};
	}

}
