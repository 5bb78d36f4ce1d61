package cn.mediagraph.platform.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static org.assertj.core.api.Assertions.assertThat;

/** An expired token is accepted only within the configured leeway (5 s by default), not Spring's 60 s. */
@IntegrationTest
class TokenExpiryIntegrationTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	JwtEncoder encoder;

	@LocalServerPort
	int port;

	@Test
	void aTokenExpiredForLongerThanTheLeewayIsRefused() throws Exception {
		TestCenter center = clients.newCenter();
		String expiredTenSecondsAgo = token(center, Instant.now().minusSeconds(10));
		assertThat(viewerStatus(expiredTenSecondsAgo)).isEqualTo(401);
	}

	@Test
	void aTokenExpiredWithinTheLeewayStillWorks() throws Exception {
		TestCenter center = clients.newCenter();
		String justExpired = token(center, Instant.now().minusMillis(500));
		assertThat(viewerStatus(justExpired)).isEqualTo(200);
	}

	private String token(TestCenter center, Instant expiresAt) {
		String userId = GlobalId.decode(center.as(Role.EDITOR)
			.documentName("viewer")
			.execute()
			.path("viewer.id")
			.entity(String.class)
			.get(), "User").orElseThrow();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(TokenIssuer.ISSUER)
			.subject(userId)
			.issuedAt(expiresAt.minus(Duration.ofHours(1)))
			.expiresAt(expiresAt)
			.claim(CurrentUser.USERNAME_CLAIM, "editor")
			.claim(CurrentUser.TENANT_CLAIM, TestChannels.tenantIdOf(center))
			.claim(CurrentUser.ROLES_CLAIM, List.of("EDITOR"))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private int viewerStatus(String token) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { username } }\"}"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
