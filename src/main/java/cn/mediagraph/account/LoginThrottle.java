package cn.mediagraph.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.SecurityProperties;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code maxFailures} failures in a row a username is
 * locked for {@code lockDuration}, doubling with each further failure (capped at a day).
 * A success clears the count.
 */
@Component
class LoginThrottle {

	private static final Duration MAX_LOCK = Duration.ofDays(1);

	private final TenantStore store;

	private final SecurityProperties.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(TenantStore store, SecurityProperties properties, Clock clock) {
		this.store = store;
		this.settings = properties.loginThrottle();
		this.clock = clock;
	}

	/** How long the caller must still wait, if the username is locked. */
	Optional<Duration> lockedFor(String tenantId, String username) {
		Instant now = clock.instant();
		return store.forTenant(tenantId)
			.findById(LoginAttempts.idOf(tenantId, username), LoginAttempts.class)
			.map(LoginAttempts::lockedUntil)
			.filter(until -> until.isAfter(now))
			.map(until -> Duration.between(now, until));
	}

	void failed(String tenantId, String username) {
		String id = LoginAttempts.idOf(tenantId, username);
		var scope = store.forTenant(tenantId);
		LoginAttempts attempts = scope.upsert(id, new Update().inc("failures", 1), LoginAttempts.class);
		int over = attempts.failures() - settings.maxFailures();
		if (over >= 0) {
			Duration lock = settings.lockDuration().multipliedBy(1L << Math.min(over, 20));
			Instant until = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
			scope.update(id, new Update().set("lockedUntil", until), LoginAttempts.class);
		}
	}

	void succeeded(String tenantId, String username) {
		store.forTenant(tenantId).delete(LoginAttempts.idOf(tenantId, username), LoginAttempts.class);
	}

}
