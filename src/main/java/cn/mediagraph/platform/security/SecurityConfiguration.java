package cn.mediagraph.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webmvc.AuthenticationWebSocketInterceptor;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.function.SingletonSupplier;

/**
 * Stateless bearer-token security. The HTTP layer only verifies tokens (a bad one is answered
 * by {@link InvalidTokenEntryPoint}) and applies the CORS allow-list (the
 * {@code corsConfigurationSource} bean of {@code platform/web}); what a caller may do
 * is decided on the service methods ({@code @PreAuthorize}), so every path to the data is
 * guarded, whichever GraphQL field reaches it.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors(Customizer.withDefaults())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.oauth2ResourceServer(server -> server.authenticationEntryPoint(new InvalidTokenEntryPoint())
				.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authenticationConverter())));
		return http.build();
	}

	/**
	 * GraphQL over WebSocket (subscriptions) is signed in by the connection_init message, whose
	 * payload carries {@code {"Authorization": "Bearer <token>"}}: the same token, verified by
	 * the same decoder and turned into the same roles as over HTTP. A bad token closes the
	 * connection; the caller's security context then travels with every operation on it.
	 */
	@Bean
	AuthenticationWebSocketInterceptor webSocketAuthentication(JwtDecoder decoder) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(authenticationConverter());
		return new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(),
				new ProviderManager(provider));
	}

	private static JwtAuthenticationConverter authenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::authorities);
		return converter;
	}

	private static Collection<GrantedAuthority> authorities(Jwt jwt) {
		return CurrentUser.roles(jwt.getClaimAsStringList(CurrentUser.ROLES_CLAIM))
			.stream()
			.map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
			.collect(Collectors.toList());
	}

	/**
	 * No observation around each security filter and each {@code @PreAuthorize} check: with
	 * metrics on, Spring Security timed every filter and every authorization, rendering each
	 * method invocation as text, and a GraphQL list makes a dozen such checks. That cut the
	 * newsroom list from 400 to under 60 requests a second on one core. Requests stay measured
	 * as a whole (HTTP server and GraphQL timings).
	 */
	@Bean
	static org.springframework.security.config.observation.SecurityObservationSettings noSecurityObservations() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	/** A chief editor may do what a senior editor may, who may do what an editor may, and so on. */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.CHIEF_EDITOR.name())
			.implies(Role.SENIOR_EDITOR.name())
			.role(Role.SENIOR_EDITOR.name())
			.implies(Role.EDITOR.name())
			.role(Role.EDITOR.name())
			.implies(Role.REPORTER.name())
			.build();
	}

	/** BCrypt by default, with the algorithm recorded in each hash so it can be raised later. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Ticks in milliseconds, the precision MongoDB stores; tests freeze and move it. */
	@Bean
	cn.mediagraph.platform.time.MovableClock clock() {
		return new cn.mediagraph.platform.time.MovableClock();
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKey key) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(key.get()));
	}

	@Bean
	ClientAddresses clientAddresses(SecurityProperties properties) {
		return new ClientAddresses(properties.trustedProxies());
	}

	/**
	 * Verifies tokens: from the configured OpenID Connect issuer, or signed by this platform.
	 * Built on first use, so start-up does not wait for the issuer. An expired token is accepted
	 * for {@code clockSkew} at most (Spring's default would be 60 s).
	 */
	@Bean
	JwtDecoder jwtDecoder(SecurityProperties properties, SigningKey key) {
		SingletonSupplier<JwtDecoder> decoder = SingletonSupplier.of(() -> {
			if (!properties.localLogin()) {
				NimbusJwtDecoder issuer = NimbusJwtDecoder.withIssuerLocation(properties.oidcIssuerUri()).build();
				issuer.setJwtValidator(validator(properties.oidcIssuerUri(), properties.clockSkew()));
				return issuer;
			}
			NimbusJwtDecoder local = NimbusJwtDecoder.withSecretKey(key.get()).macAlgorithm(MacAlgorithm.HS256).build();
			local.setJwtValidator(validator(TokenIssuer.ISSUER, properties.clockSkew()));
			return local;
		});
		Map<String, Jwt> verified = new ConcurrentHashMap<>();
		return token -> {
			Jwt known = verified.get(token);
			if (known != null && known.getExpiresAt() != null && known.getExpiresAt().isAfter(Instant.now())) {
				return known;
			}
			Jwt jwt = decoder.obtain().decode(token);
			if (verified.size() >= VERIFIED_TOKENS) {
				verified.clear();
			}
			verified.put(token, jwt);
			return jwt;
		};
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, java.time.Duration clockSkew) {
		return JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer), new JwtTimestampValidator(clockSkew));
	}

	/**
	 * Tokens already verified, kept until they expire: a front end sends the same token with
	 * every request, and parsing and checking it again was a tenth of a small query's cost. The
	 * whole token, signature included, is the key, so only the very token that was verified
	 * matches; past this many the memory starts over.
	 */
	static final int VERIFIED_TOKENS = 10_000;

}
