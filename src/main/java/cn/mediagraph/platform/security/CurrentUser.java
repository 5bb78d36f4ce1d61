package cn.mediagraph.platform.security;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in caller, read from the verified token.
 *
 * @param userId the user's id
 * @param username the login name
 * @param tenantId the media center the user belongs to; {@code null} for the platform admin
 * @param roles the granted roles
 */
public record CurrentUser(String userId, String username, @Nullable String tenantId, Set<Role> roles) {

	public static final String TENANT_CLAIM = "tenant";

	public static final String ROLES_CLAIM = "roles";

	public static final String USERNAME_CLAIM = "preferred_username";

	/** The caller, or empty when the request is anonymous. */
	public static Optional<CurrentUser> get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
			return Optional.empty();
		}
		return Optional.of(fromJwt(jwt));
	}

	/**
	 * When the caller's token stops being valid, if it says: what a long-lived connection (a
	 * subscription) must not outlive.
	 */
	public static Optional<Instant> tokenExpiresAt() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			return Optional.ofNullable(jwt.getExpiresAt());
		}
		return Optional.empty();
	}

	public static CurrentUser require() {
		return get().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Sign in first"));
	}

	static CurrentUser fromJwt(Jwt jwt) {
		String username = jwt.getClaimAsString(USERNAME_CLAIM);
		return new CurrentUser(jwt.getSubject(), username != null ? username : jwt.getSubject(),
				jwt.getClaimAsString(TENANT_CLAIM), roles(jwt.getClaimAsStringList(ROLES_CLAIM)));
	}

	static Set<Role> roles(@Nullable Collection<String> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		if (names == null) {
			return roles;
		}
		for (String name : names) {
			try {
				roles.add(Role.valueOf(name));
			}
			catch (IllegalArgumentException ex) {
				// a role this version does not know grants nothing
			}
		}
		return roles;
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/**
	 * The center an administrative operation acts on: the caller's own (when {@code tenantId}
	 * is empty or names it), or for the platform admin, who has none, the one named; empty
	 * when the caller may not act on the one named.
	 *
	 * @param tenantId the center asked for (a document id), or empty for the caller's own
	 */
	public Optional<String> administeredTenant(Optional<String> tenantId) {
		return this.tenantId != null ? Optional.of(this.tenantId).filter(own -> tenantId.isEmpty() || tenantId.get().equals(own))
				: tenantId.filter(id -> !id.isBlank());
	}

	/** The caller's tenant; the platform admin, who has none, is refused. */
	public String requireTenantId() {
		if (tenantId == null) {
			throw new AccessDeniedException("This operation works inside one media center; sign in as one of its users");
		}
		return tenantId;
	}

}
