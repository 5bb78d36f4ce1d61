package cn.mediagraph.platform.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.GraphQlWebSocket;
import cn.mediagraph.testing.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of issue "harden the API", each tried over HTTP the way an attacker would and
 * each answered at once with a clear error: never a 5xx, a hang or a long computation.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiLimitsIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClients clients;

	private TestCenter center;

	private String token;

	@BeforeEach
	void newCenter() {
		center = clients.newCenter();
		token = center.token(Role.CHIEF_EDITOR);
	}

	private HttpResponse<String> post(String body, String accept) throws Exception {
		return post(body, "application/json", accept);
	}

	private HttpResponse<String> post(String body, String contentType, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.header("Accept", accept)
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> query(String document, Map<String, Object> variables) throws Exception {
		Map<String, Object> body = new HashMap<>();
		body.put("query", document);
		body.put("variables", variables);
		return post(JSON.writeValueAsString(body), "application/json");
	}

	private static JsonNode errors(HttpResponse<String> response) {
		return JSON.readTree(response.body()).path("errors");
	}

	private static String firstMessage(HttpResponse<String> response) {
		return errors(response).path(0).path("message").asString();
	}

	@Test
	void aBodyOverTwoMegabytesIs413() throws Exception {
		String huge = "x".repeat(2 * 1024 * 1024 + 10);
		long started = System.nanoTime();
		HttpResponse<String> response = query("query($t: String) { stories(filter: {text: $t}) { totalCount } }",
				Map.of("t", huge));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(firstMessage(response)).contains("larger than");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aBodyThatIsNotOneJsonObjectIs400() throws Exception {
		for (String body : List.of("null", "[{\"query\":\"{ __typename }\"}]", "\"{ __typename }\"", "", "42")) {
			HttpResponse<String> response = post(body, "application/json");
			assertThat(response.statusCode()).as("body %s", body).isEqualTo(400);
			assertThat(errors(response).path(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		}
	}

	@Test
	void aMalformedRequestIsA400ThatSaysWhatIsWrong() throws Exception {
		Map<String, String> reasons = new java.util.LinkedHashMap<>();
		reasons.put("{\"query\":\"{ viewer { username } }\"", "not valid JSON");
		reasons.put("{\"query\":null}", "no query");
		reasons.put("{}", "no query");
		reasons.put("{\"query\":42}", "query must be a string");
		reasons.put("{\"query\":\"{ __typename }\",\"variables\":\"abc\"}", "variables must be a JSON object");
		reasons.put("{\"query\":\"{ __typename }\",\"operationName\":7}", "operationName must be a string");
		reasons.put("{\"documentId\":\"abc\"}", "no query");
		reasons.put("{\"query\":\"{ __typename }\"} {}", "more than one JSON value");
		for (Map.Entry<String, String> malformed : reasons.entrySet()) {
			HttpResponse<String> response = post(malformed.getKey(), "application/json");
			assertThat(response.statusCode()).as(malformed.getKey()).isEqualTo(400);
			assertThat(firstMessage(response)).as(malformed.getKey()).contains(malformed.getValue());
			assertThat(errors(response).path(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		}
		byte[] notUtf8 = "{\"query\":\"{ __typename }\",\"x\":\"..\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		notUtf8[notUtf8.length - 4] = (byte) 0xC3;
		notUtf8[notUtf8.length - 3] = (byte) 0x28;
		HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(firstMessage(invalid)).contains("not valid JSON");

		HttpResponse<String> nulls = post("{\"query\":\"{ __typename }\",\"variables\":null,\"operationName\":null,"
				+ "\"extensions\":null}", "application/json");
		assertThat(nulls.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(nulls.body()).path("data").path("__typename").asString()).isEqualTo("Query");

		// a body in a charset it declares is the converter's to decode, as before
		byte[] latin1 = "{\"query\":\"{ __typename } # caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json; charset=ISO-8859-1")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(latin1))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(declared.body()).doesNotContain("not valid JSON");
		// members the check does not know are skipped whole
		HttpResponse<String> nested = post("{\"query\":\"{ __typename }\",\"variables\":{\"a\":[1,{\"b\":null}]},"
				+ "\"extensions\":{\"tracing\":{\"x\":[]}},\"other\":[{}]}", "application/json");
		assertThat(nested.statusCode()).isEqualTo(200);
	}

	@Test
	void aDocumentOverSixteenKilobytesOrTwoThousandTokensIsRefused() throws Exception {
		String longComment = "{ __typename }\n#" + "x".repeat(17_000);
		assertThat(firstMessage(query(longComment, Map.of()))).containsIgnoringCase("characters");
		String manyTokens = "{ " + "a ".repeat(2100) + "}";
		HttpResponse<String> response = query(manyTokens, Map.of());
		assertThat(response.statusCode()).isLessThan(500);
		assertThat(firstMessage(response)).containsIgnoringCase("tokens");
	}

	@Test
	void aliasesBeyondTwentyAreRefused() throws Exception {
		String aliases = IntStream.range(0, 21).mapToObj(i -> "a" + i + ": stories { totalCount }").collect(Collectors.joining(" "));
		long started = System.nanoTime();
		HttpResponse<String> response = query("{ " + aliases + " }", Map.of());
		assertThat(firstMessage(response)).contains("21 aliases");
		assertThat(JSON.readTree(response.body()).path("data").isMissingNode() || JSON.readTree(response.body()).path("data").isNull())
			.isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
	}

	/** Operations sent over GraphQL over WebSocket meet the same document and cost limits. */
	@Test
	void theDocumentAndCostLimitsHoldOverWebSocketToo() throws Exception {
		String deep = "{ stories(first: 1) { nodes { posts(first: 1) { nodes { story { posts(first: 1) { nodes { story { "
				+ "posts(first: 1) { nodes { id } } } } } } } } } } }";
		String costly = "{ " + IntStream.range(0, 20)
			.mapToObj(i -> "a" + i + ": stories(first: 100) { nodes { id versions { channel { name } } } }")
			.collect(Collectors.joining(" ")) + " }";
		String tooLong = "{ __typename }\n#" + "x".repeat(17_000);
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(port, token)) {
			socket.subscribe("deep", deep);
			assertThat(firstMessage(socket.nextResult("deep", Duration.ofSeconds(5)))).contains("nested 11 deep");
			socket.subscribe("costly", costly);
			assertThat(firstMessage(socket.nextResult("costly", Duration.ofSeconds(5)))).contains("may load about");
			socket.subscribe("fine", "{ stories(first: 1) { totalCount } }");
			JsonNode fine = socket.nextResult("fine", Duration.ofSeconds(5));
			assertThat(fine).as("the connection still serves what is within the limits").isNotNull();
			assertThat(fine.path("errors").isMissingNode()).as(fine.toString()).isTrue();
			socket.subscribe("tokens", "{ " + "a ".repeat(2100) + "}");
			assertThat(firstMessage(socket.nextResult("tokens", Duration.ofSeconds(5)))).containsIgnoringCase("tokens");
			// a message over Tomcat's WebSocket buffer (8 KB) never reaches GraphQL: the connection is closed
			socket.subscribe("long", tooLong);
			assertThat(socket.nextResult("long", Duration.ofSeconds(2))).isNull();
			assertThat(socket.closedWithin(Duration.ofSeconds(2))).isEqualTo(1009);
		}
	}

	private static String firstMessage(@Nullable JsonNode result) {
		assertThat(result).as("an answer over WebSocket").isNotNull();
		return result.path("errors").path(0).path("message").asString();
	}

	@Test
	void nodesIsCostedByTheIdsAsked() throws Exception {
		List<String> ids = IntStream.range(0, 100).mapToObj(i -> "U3Rvcnk6" + i).toList();
		String one = "a0: nodes(ids: $ids) { id ... on Story { versions { channel { name } } } }";
		assertThat(errors(query("query($ids: [ID!]!) { " + one + " }", Map.of("ids", ids))).isMissingNode()).isTrue();
		String aliases = IntStream.range(0, 20)
			.mapToObj(i -> "a" + i + ": nodes(ids: $ids) { id ... on Story { versions { channel { name } } } }")
			.collect(Collectors.joining(" "));
		HttpResponse<String> response = query("query($ids: [ID!]!) { " + aliases + " }", Map.of("ids", ids));
		assertThat(firstMessage(response)).contains("may load about");
	}

	@Test
	void lastIsCostedEvenWithoutFirst() throws Exception {
		String page = "stories(last: 100) { nodes { versions { channel { name } } } }";
		assertThat(errors(query("{ " + page + " }", Map.of())).isMissingNode()).isTrue();
		String aliases = IntStream.range(0, 20).mapToObj(i -> "a" + i + ": " + page).collect(Collectors.joining(" "));
		assertThat(firstMessage(query("{ " + aliases + " }", Map.of()))).contains("may load about");
	}

	@Test
	void aPageOverTheMaximumIsToldItsBoundsNotACost() throws Exception {
		for (String list : List.of("stories(first: 2147483647) { totalCount }", "campaigns(first: 1000) { totalCount }",
				"stories(last: 101) { totalCount }")) {
			HttpResponse<String> response = query("{ " + list + " }", Map.of());
			assertThat(firstMessage(response)).as(list).contains("must be between 1 and 100");
			assertThat(errors(response).path(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
		}
	}

	@Test
	void twoOperationsInOneRequestAreRefused() throws Exception {
		Map<String, Object> body = Map.of("query", "query A { stories { totalCount } } query B { stories { totalCount } }",
				"operationName", "A");
		assertThat(firstMessage(post(JSON.writeValueAsString(body), "application/json"))).contains("one operation per request");
	}

	@Test
	void anAdministrativeOperationRunsOncePerRequestAndInTheBackground() throws Exception {
		String admin = center.token(Role.ADMIN);
		token = admin;
		HttpResponse<String> twice = query("mutation { a: rebuildStoryIndex(input: {}) { indexedStories } "
				+ "b: rebuildStoryIndex(input: {}) { indexedStories } }", Map.of());
		assertThat(firstMessage(twice)).contains("at most once per request");

		JsonNode started = JSON.readTree(query("mutation { rebuildStoryIndex(input: {}) { rebuild { state startedAt } "
				+ "userErrors { message } } }", Map.of()).body());
		assertThat(started.path("data").path("rebuildStoryIndex").path("rebuild").path("state").asString())
			.isIn("RUNNING", "SUCCEEDED");
		String state = "RUNNING";
		for (int i = 0; i < 100 && state.equals("RUNNING"); i++) {
			Thread.sleep(50);
			state = JSON.readTree(query("{ storyIndexRebuild { state indexedStories } }", Map.of()).body())
				.path("data").path("storyIndexRebuild").path("state").asString();
		}
		assertThat(state).isEqualTo("SUCCEEDED");
	}

	@Test
	void aDateTimeOutsideTheCalendarIsATypedError() throws Exception {
		HttpResponse<String> response = query("query($from: DateTime) { stories(filter: {createdAfter: $from}) { totalCount } }",
				Map.of("from", "-999999999-01-01T00:00:00Z"));
		assertThat(response.statusCode()).isLessThan(500);
		assertThat(firstMessage(response)).contains("between the years");
		assertThat(response.body()).doesNotContain("INTERNAL_ERROR");
	}

	@Test
	void aMutationReturnsWhatWasStoredEvenForBrokenUnicode(CapturedOutput output) throws Exception {
		// a lone surrogate cannot be encoded in UTF-8, only escaped in JSON: sent as \\ud800
		String body = JSON.writeValueAsString(Map.of("query", "mutation($input: CreateStoryInput!) { createStory(input: $input) { "
				+ "story { id title } userErrors { message } } }", "variables",
				Map.of("input", Map.of("title", "突发LONE新闻\u202E漏洞\u0007", "language", "zh-Hans", "body",
						"正文\u0000第一行\n第二行")))).replace("LONE", "\\ud800");
		HttpResponse<String> created = post(body, "application/json");
		JsonNode story = JSON.readTree(created.body()).path("data").path("createStory").path("story");
		assertThat(story.path("title").asString()).isEqualTo("突发\uFFFD新闻漏洞");
		JsonNode reread = JSON.readTree(query("query($id: ID!) { story(id: $id) { title body } }",
				Map.of("id", story.path("id").asString())).body()).path("data").path("story");
		assertThat(reread.path("title").asString()).isEqualTo(story.path("title").asString());
		assertThat(reread.path("body").asString()).isEqualTo("正文第一行\n第二行");
	}

	@Test
	void everyErrorHasAClassificationAndAnIdTheLogRepeats(CapturedOutput output) throws Exception {
		HttpResponse<String> response = query("{ stories { noSuchField } }", Map.of());
		JsonNode error = errors(response).path(0);
		String errorId = error.path("extensions").path("errorId").asString();
		assertThat(errorId).isNotBlank();
		assertThat(error.path("extensions").path("classification").asString()).isNotBlank();
		assertThat(output.getOut()).contains(errorId);
	}

	/**
	 * Answers are written with their length and the media type asked for; a body sent as
	 * {@code application/graphql} (older clients) is read as JSON, as Spring for GraphQL does.
	 */
	@Test
	void answersCarryTheirTypeAndLengthAndOlderClientsContentTypeIsRead() throws Exception {
		String body = JSON.writeValueAsString(Map.of("query", "{ __typename viewer { username } }"));
		for (String accept : List.of("application/json", "application/graphql-response+json")) {
			HttpResponse<String> response = post(body, accept);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue(accept);
			assertThat(response.headers().firstValueAsLong("Content-Length"))
				.hasValue((long) response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
			assertThat(JSON.readTree(response.body()).path("data").path("__typename").asString()).isEqualTo("Query");
		}
		HttpResponse<String> older = post(body, "application/graphql", "application/json");
		assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
		assertThat(JSON.readTree(older.body()).path("data").path("viewer").path("username").asString()).isNotBlank();
	}

	@Test
	void graphQlResponseClientsGetFourHundredsForRefusedDocuments() throws Exception {
		HttpResponse<String> response = post(JSON.writeValueAsString(Map.of("query", "{ stories { ")),
				"application/graphql-response+json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("antlr").doesNotContain("Exception");
	}

}
