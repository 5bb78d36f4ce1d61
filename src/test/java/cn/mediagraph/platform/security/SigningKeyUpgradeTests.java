package cn.mediagraph.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.platform.mongo.EmbeddedMongoServer;
import cn.mediagraph.platform.mongo.MongoProperties;
import cn.mediagraph.testing.RunningApp;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written by an earlier version kept the signing key in {@code platform_settings}: the
 * next start deletes it, and tokens signed with it stop working.
 */
class SigningKeyUpgradeTests {

	private static final String ADMIN_PASSWORD = "upgrade-admin-secret";

	@TempDir
	Path dataDir;

	@Test
	void theKeyKeptInTheDatabaseIsDeletedAndItsTokensRefused() throws Exception {
		byte[] oldKey = new byte[64];
		new SecureRandom().nextBytes(oldKey);
		var settings = new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false);
		try (EmbeddedMongoServer store = EmbeddedMongoServer.start(settings);
				MongoClient client = MongoClients.create(store.clientSettings())) {
			client.getDatabase(MongoProperties.DEFAULT_DATABASE)
				.getCollection("platform_settings")
				.insertOne(new Document("_id", "jwt-hmac-secret").append("value", Base64.getEncoder().encodeToString(oldKey)));
		}
		try (ConfigurableApplicationContext app = SpringApplication.run(MediaGraphApplication.class, "--server.port=0",
				"--mediagraph.embedded.data-dir=" + dataDir, "--mediagraph.demo.enabled=false",
				"--mediagraph.index.in-memory=true", "--mediagraph.security.admin-password=" + ADMIN_PASSWORD)) {
			assertThat(app.getBean(MongoTemplate.class).findById("jwt-hmac-secret", Document.class, "platform_settings"))
				.isNull();
			int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			assertThat(status(port, forged(oldKey))).as("a token signed with the old key").isEqualTo(401);
			String token = new RunningApp(port).login(null, "admin", ADMIN_PASSWORD);
			assertThat(status(port, token)).isEqualTo(200);
			assertThat(dataDir.resolve("secrets/jwt.key")).exists();
		}
	}

	private static String forged(byte[] key) {
		var encoder = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(key, "HmacSHA256")));
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(TokenIssuer.ISSUER)
			.subject("someone")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(3600))
			.claim(CurrentUser.ROLES_CLAIM, List.of("PLATFORM_ADMIN"))
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	private static int status(int port, String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { username } }\"}"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
