package cn.mediagraph.platform.security;

import java.net.http.HttpResponse;
import java.util.List;

import cn.mediagraph.testing.HttpProbe;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that is not accepted gets a plain RFC 6750 challenge and a GraphQL error body:
 * never the decoder's exception text, which named the library and what it disliked.
 */
@IntegrationTest
class BearerTokenTests {

	/** A well-formed HS256 token signed with another key. */
	private static final String FORGED = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIlBMQVRGT1JNX0FETUlOIl0sImlzcyI6Im1lZGlhZ3JhcGgiLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmVkLXdpdGgtYW5vdGhlci1rZXktYWFhYWFhYWFhYWE";

	@LocalServerPort
	int port;

	HttpProbe http;

	@BeforeEach
	void probe() {
		http = new HttpProbe(port);
	}

	@Test
	void anyRefusedTokenGetsThePlainChallengeAndAGraphQlBody() {
		for (String token : List.of("not-a-jwt", FORGED, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a\u00e9b")) {
			HttpResponse<String> answer = http.graphql("{ viewer { username } }", "Authorization", "Bearer " + token);
			assertThat(answer.statusCode()).as(token).isEqualTo(401);
			assertThat(answer.headers().allValues("WWW-Authenticate")).as(token)
				.containsExactly("Bearer error=\"invalid_token\", error_description=\"The token is not valid\"");
			assertThat(answer.headers().firstValue("Content-Type")).as(token)
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
			JsonNode body = JsonMapper.builder().build().readTree(answer.body());
			assertThat(body.path("errors").path(0).path("extensions").path("classification").asString())
				.isEqualTo("UNAUTHORIZED");
			assertThat(body.path("errors").path(0).path("message").asString()).startsWith("The bearer token is not valid");
			assertThat(answer.body() + answer.headers().map()).as(token)
				.doesNotContainIgnoringCase("jwt", "nimbus", "exception", "malformed", "signature", "decode");
			assertThat(answer.headers().firstValue("X-Request-Id")).as("refusals can be traced too").isPresent();
		}
	}

	@Test
	void aGraphQlOverHttpClientGetsItsOwnMediaType() {
		HttpResponse<String> answer = http.graphql("{ viewer { username } }", "Authorization", "Bearer not-a-jwt",
				"Accept", "application/graphql-response+json");
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/graphql-response+json"));
	}

	@Test
	void theImportEndpointRefusesTheSameWay() {
		HttpResponse<String> answer = http.send("POST", "/import/stories", "Authorization", "Bearer not-a-jwt");
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue(InvalidTokenEntryPoint.CHALLENGE);
	}

}
