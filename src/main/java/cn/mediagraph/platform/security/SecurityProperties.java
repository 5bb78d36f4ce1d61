package cn.mediagraph.platform.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param jwtSecret HMAC secret for locally issued tokens (at least 32 bytes); empty: one is
 * generated once and kept in the database, shared by every instance
 * @param tokenTtl how long a token stays valid
 * @param oidcIssuerUri an external OpenID Connect issuer; when set, local login is off
 * @param adminPassword creates the platform admin {@code admin} at start-up when none exists
 * @param loginThrottle how failed logins slow down guessing
 */
@ConfigurationProperties("mediagraph.security")
public record SecurityProperties(@Nullable String jwtSecret, @DefaultValue("8h") Duration tokenTtl,
		@Nullable String oidcIssuerUri, @Nullable String adminPassword, LoginThrottle loginThrottle) {

	public boolean localLogin() {
		return oidcIssuerUri == null || oidcIssuerUri.isBlank();
	}

	/**
	 * @param maxFailures failures in a row before the account is locked
	 * @param lockDuration the first lock; it doubles with each further failure
	 */
	public record LoginThrottle(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration lockDuration) {
	}

}
