package cn.mediagraph.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the signed tokens that {@code login} hands out. */
@Component
public class TokenIssuer {

	static final String ISSUER = "mediagraph";

	private final JwtEncoder encoder;

	private final SecurityProperties properties;

	private final Clock clock;

	TokenIssuer(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	/** A signed token and when it expires. */
	public record Token(String value, Instant expiresAt) {
	}

	public Token issue(String userId, String username, @Nullable String tenantId, Collection<Role> roles) {
		Instant now = clock.instant();
		Instant expiresAt = now.plus(properties.tokenTtl());
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(userId)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(CurrentUser.USERNAME_CLAIM, username)
			.claim(CurrentUser.ROLES_CLAIM, List.copyOf(roles.stream().map(Role::name).toList()));
		if (tenantId != null) {
			claims.claim(CurrentUser.TENANT_CLAIM, tenantId);
		}
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		String value = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
		return new Token(value, expiresAt);
	}

}
