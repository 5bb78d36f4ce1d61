package cn.mediagraph.platform.web;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Which web pages on other origins may call the API: only those listed in
 * {@code mediagraph.web.cors-allowed-origins} ({@code MEDIAGRAPH_CORS_ALLOWED_ORIGINS}), and only
 * {@code /graphql} and the import endpoints. An empty list allows no cross-origin call at all.
 * Spring Security applies it first, so even a refused token is answered with the CORS headers a
 * listed page needs to read the refusal. Tokens travel in the {@code Authorization} header, not
 * in cookies, so credentials are not allowed.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

	@Bean
	CorsConfigurationSource corsConfigurationSource(@Value("${mediagraph.web.cors-allowed-origins:}") List<String> origins,
			@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		List<String> allowed = origins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
		if (allowed.isEmpty()) {
			return source;
		}
		CorsConfiguration api = new CorsConfiguration();
		api.setAllowedOrigins(allowed);
		api.setAllowedMethods(List.of("GET", "POST"));
		api.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "X-Request-Id"));
		api.setExposedHeaders(List.of("X-Request-Id", HttpHeaders.WWW_AUTHENTICATE));
		api.setAllowCredentials(false);
		api.setMaxAge(Duration.ofHours(1));
		source.registerCorsConfiguration(graphQlPath, api);
		source.registerCorsConfiguration("/import/**", api);
		return source;
	}

}
