package cn.mediagraph.platform.observability;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing is one setting: {@code mediagraph.tracing.endpoint} ({@code MEDIAGRAPH_TRACING_ENDPOINT}),
 * an OTLP/HTTP traces URL such as {@code http://collector:4318/v1/traces}. Set, it switches on
 * OpenTelemetry tracing and exports there; empty (the default), no tracer, no span and no
 * exporter exist, so nothing tries to connect anywhere. Boot's own {@code management.*}
 * settings still win, as these defaults are added last.
 */
class TracingSettings implements EnvironmentPostProcessor, Ordered {

	static final String ENDPOINT = "mediagraph.tracing.endpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = environment.getProperty(ENDPOINT, "").strip();
		boolean on = !endpoint.isEmpty();
		Map<String, Object> derived = new HashMap<>();
		derived.put("management.tracing.export.enabled", on);
		derived.put("management.opentelemetry.enabled", on);
		if (on) {
			derived.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
		}
		environment.getPropertySources().addLast(new MapPropertySource("mediagraphTracing", derived));
	}

	/** After the configuration files are read, so the endpoint may be given in any of them. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
