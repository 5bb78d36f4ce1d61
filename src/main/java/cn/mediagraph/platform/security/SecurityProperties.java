package cn.mediagraph.platform.security;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param jwtSecret HMAC secret for locally issued tokens (at least 32 bytes)
 * @param jwtSecretFile a file holding that secret (a mounted secret); used when
 * {@code jwtSecret} is empty. With neither, a key file is generated once under the data
 * directory (see {@link SigningKey})
 * @param tokenTtl how long a token stays valid
 * @param clockSkew how long after its expiry a token is still accepted, for clocks that
 * disagree a little
 * @param oidcIssuerUri an external OpenID Connect issuer; when set, local login is off
 * @param adminPassword creates the platform admin {@code admin} at start-up when none exists
 * @param loginThrottle how failed logins slow down guessing
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the
 * client; empty (the default): the header is ignored and the peer's address is the client's
 */
@ConfigurationProperties("mediagraph.security")
public record SecurityProperties(@Nullable String jwtSecret, @Nullable String jwtSecretFile,
		@DefaultValue("8h") Duration tokenTtl, @DefaultValue("5s") Duration clockSkew, @Nullable String oidcIssuerUri,
		@Nullable String adminPassword, @DefaultValue LoginThrottle loginThrottle,
		@DefaultValue List<String> trustedProxies) {

	public boolean localLogin() {
		return oidcIssuerUri == null || oidcIssuerUri.isBlank();
	}

	/**
	 * Two limits, both counted before the password is checked. Per user and client address: a
	 * few free attempts, then a delay that doubles with each further attempt (what one guesser
	 * meets). Per user across all addresses: a generous number of attempts per window (what a
	 * guesser spread over many addresses meets), which addresses the user signed in from before
	 * do not count against, so the real user still gets in.
	 *
	 * @param freeAttempts attempts per user and address before the delay starts
	 * @param firstDelay the first delay; it doubles with each further attempt
	 * @param maxDelay the longest delay
	 * @param addressWindow how long the attempts of one user and address are remembered after the last of them
	 * (counted in windows of this length; a window change forgets them only when none came within it)
	 * @param userAttempts attempts per user and window from addresses it has not signed in from
	 * @param userWindow the window of {@code userAttempts}
	 * @param trustedFor how long an address the user signed in from passes the per-user limit
	 */
	public record LoginThrottle(@DefaultValue("5") int freeAttempts, @DefaultValue("1s") Duration firstDelay,
			@DefaultValue("15m") Duration maxDelay, @DefaultValue("1h") Duration addressWindow,
			@DefaultValue("50") int userAttempts, @DefaultValue("15m") Duration userWindow,
			@DefaultValue("30d") Duration trustedFor) {
	}

}
