package cn.mediagraph.platform.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing is one setting: {@code mediagraph.tracing.endpoint} ({@code MEDIAGRAPH_TRACING_ENDPOINT}),
 * an OTLP/HTTP traces URL such as {@code http://collector:4318/v1/traces}.
 * <ul>
 * <li>Set, OpenTelemetry tracing is on and spans are exported there (sampled by
 * {@code management.tracing.sampling.probability}).</li>
 * <li>Empty (the default), the tracing auto-configuration is left out altogether: no tracer,
 * no span per request, no exporter, so nothing tries to connect anywhere and requests pay
 * nothing for it. Boot's {@code management.tracing.export.enabled=false} alone would still
 * create a tracer and a span per observation.</li>
 * </ul>
 */
class TracingSettings implements EnvironmentPostProcessor, Ordered {

	static final String ENDPOINT = "mediagraph.tracing.endpoint";

	private static final String EXCLUDE = "spring.autoconfigure.exclude";

	/** What makes spans: left out while tracing is off. */
	static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
			"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = environment.getProperty(ENDPOINT, "").strip();
		if (!endpoint.isEmpty()) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("mediagraphTracing",
						Map.of("management.opentelemetry.tracing.export.otlp.endpoint", endpoint)));
			return;
		}
		List<String> excluded = new ArrayList<>(
				Binder.get(environment).bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
		excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("mediagraphTracingOff", Map.of(EXCLUDE, String.join(",", excluded))));
	}

	/** After the configuration files are read, so the endpoint may be given in any of them. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
