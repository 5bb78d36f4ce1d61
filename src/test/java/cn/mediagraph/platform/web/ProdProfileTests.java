package cn.mediagraph.platform.web;

import java.net.http.HttpResponse;
import java.util.List;

import cn.mediagraph.testing.HttpProbe;
import cn.mediagraph.testing.IntegrationTest;
import graphql.introspection.Introspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code prod} profile: no schema exploration (introspection, GraphiQL, the SDL) and CORS
 * only for the listed origins, on {@code /graphql} and the import endpoint.
 */
@IntegrationTest
@ActiveProfiles("prod")
@TestPropertySource(properties = "mediagraph.web.cors-allowed-origins=https://newsroom.example.cn, https://app.example.cn")
class ProdProfileTests {

	static final String LISTED = "https://newsroom.example.cn";

	@LocalServerPort
	int port;

	HttpProbe http;

	@BeforeEach
	void probe() {
		http = new HttpProbe(port);
	}

	@Test
	void introspectionIsRefused() {
		for (String document : List.of("{ __schema { queryType { name } } }",
				"{ __type(name: \"Story\") { name fields { name } } }")) {
			String body = http.graphql(document).body();
			assertThat(body).as(document).contains("\"errors\"").doesNotContain("queryType\":{", "\"fields\"");
		}
		assertThat(http.graphql("{ __typename }").body()).as("the type name of a result is not introspection")
			.contains("\"__typename\":\"Query\"");
	}

	@Test
	void graphiQlAndTheSdlAreNotServed() {
		assertThat(http.get("/graphiql").statusCode()).isEqualTo(404);
		HttpResponse<String> sdl = http.get("/graphql/schema");
		assertThat(sdl.statusCode()).isIn(404, 405);
		assertThat(sdl.body()).doesNotContain("type Query");
	}

	@Test
	void onlyListedOriginsMayCallTheGraphAndTheImport() {
		for (String path : List.of("/graphql", "/import/stories")) {
			HttpResponse<String> listed = preflight(path, LISTED);
			assertThat(listed.statusCode()).as(path).isEqualTo(200);
			assertThat(listed.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue(LISTED);
			assertThat(listed.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
				.contains("authorization", "content-type");
			assertThat(listed.headers().firstValue("Access-Control-Allow-Credentials")).as(path).isEmpty();

			HttpResponse<String> stranger = preflight(path, "https://evil.example.com");
			assertThat(stranger.statusCode()).as(path).isEqualTo(403);
			assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
		}
		assertThat(http.graphql("{ __typename }", "Origin", "https://app.example.cn").headers()
			.firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.cn");
		assertThat(http.graphql("{ __typename }", "Origin", "https://evil.example.com").statusCode()).isEqualTo(403);
		assertThat(preflight("/actuator/health", LISTED).headers().firstValue("Access-Control-Allow-Origin"))
			.as("only the API is open to the listed origins").isEmpty();
	}

	@Test
	void aRefusedTokenStillCarriesTheCorsHeadersSoTheListedPageCanReadIt() {
		HttpResponse<String> answer = http.graphql("{ viewer { username } }", "Origin", LISTED, "Authorization",
				"Bearer not-a-jwt");
		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(LISTED);
	}

	/**
	 * Boot switches introspection off for the whole JVM ({@code Introspection.enabledJvmWide}),
	 * not per application: one app per JVM in production, but the other tests share this JVM.
	 */
	@AfterAll
	static void introspectionBackOnForTheOtherTests() {
		Introspection.enabledJvmWide(true);
	}

	private HttpResponse<String> preflight(String path, String origin) {
		return http.send("OPTIONS", path, "Origin", origin, "Access-Control-Request-Method", "POST",
				"Access-Control-Request-Headers", "authorization,content-type");
	}

}
