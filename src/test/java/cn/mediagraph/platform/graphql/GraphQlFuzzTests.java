package cn.mediagraph.platform.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random, truncated, deeply nested and oversized documents and variables, with odd Unicode:
 * every one is answered within seconds with a status below 500 and a JSON body. The seed is
 * fixed so a failure can be replayed; each failure names the case that caused it.
 */
@IntegrationTest
class GraphQlFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> VALID = List.of(
			"query($first: Int, $after: String, $filter: StoryFilter) { stories(first: $first, after: $after, filter: $filter) "
					+ "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor highlight { field text } node { id title "
					+ "versions { channel { name } } } } facets { tag { value count } } } }",
			"mutation($input: CreateStoryInput!) { createStory(input: $input) { story { id title } userErrors { field code message } } }",
			"query($id: ID!) { node(id: $id) { id ... on Story { title body revision } } }",
			"query($ids: [ID!]!) { nodes(ids: $ids) { id } }");

	private static final String[] TOKENS = { "{", "}", "(", ")", "[", "]", ":", "$", "!", "...", "@", "=", "\"", "\"\"\"",
			"query", "mutation", "fragment", "on", "stories", "node", "id", "title", "first", "100", "-1", "1e999", "null",
			"true", "__schema", "__type", "#", "\n", ",", "$first", "Int", "String!", "edges", "createStory", "input",
			"\\u0000", "铜川", "\uD83D\uDE00", "བོད", "\u202E", "\u0000" };

	private static final String[] ODD_TEXT = { "", " ", "\u0000", "\uFFFF", "\u202Eevil", "བོད་ཡིག་", "铜川🙂",
			"a".repeat(20_000), "\\", "\"", "%s%n", "' OR 1=1 --", "{\"$gt\": \"\"}", "null", "\u200B\u200D", "9".repeat(400) };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClients clients;

	@Test
	void noInputMakesTheServerFailOrHang() throws Exception {
		String token = clients.newCenter().token(Role.EDITOR);
		Random random = new Random(20261123);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String body = caseBody(random, i);
			long started = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.header("Accept", i % 2 == 0 ? "application/json" : "application/graphql-response+json")
					.header("Authorization", "Bearer " + token)
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (java.net.http.HttpTimeoutException ex) {
				failures.add("case " + i + " hung: " + abbreviated(body));
				continue;
			}
			long millis = (System.nanoTime() - started) / 1_000_000;
			if (response.statusCode() >= 500 || millis > 5_000 || !isJson(response.body())
					|| response.body().contains("Exception") || response.body().contains("INTERNAL_ERROR")) {
				failures.add("case " + i + " → " + response.statusCode() + " in " + millis + " ms: " + abbreviated(body) + " ⇒ "
						+ abbreviated(response.body()));
			}
		}
		assertThat(failures).isEmpty();
	}

	private static boolean isJson(String body) {
		try {
			JSON.readTree(body);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String abbreviated(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
	}

	private static String caseBody(Random random, int i) {
		return switch (i % 6) {
			case 0 -> json(truncated(random), randomVariables(random));
			case 1 -> json(tokenSoup(random), randomVariables(random));
			case 2 -> json(nested(random), Map.of());
			case 3 -> json(VALID.get(random.nextInt(VALID.size())), randomVariables(random));
			case 4 -> json(VALID.get(random.nextInt(VALID.size())), Map.of("input", oddInput(random), "id", odd(random),
					"ids", List.of(odd(random), odd(random)), "first", random.nextInt() , "after", odd(random)));
			default -> rawJson(random);
		};
	}

	private static String truncated(Random random) {
		String valid = VALID.get(random.nextInt(VALID.size()));
		return valid.substring(0, random.nextInt(valid.length()));
	}

	private static String tokenSoup(Random random) {
		StringBuilder soup = new StringBuilder();
		int length = 1 + random.nextInt(60);
		for (int t = 0; t < length; t++) {
			soup.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextBoolean() ? " " : "");
		}
		return soup.toString();
	}

	private static String nested(Random random) {
		int depth = 10 + random.nextInt(5000);
		return "{" + "stories { edges { node { ".repeat(depth / 4) + "id" + " } } }".repeat(depth / 4) + "}";
	}

	private static Map<String, Object> randomVariables(Random random) {
		Map<String, Object> variables = new HashMap<>();
		String[] names = { "first", "after", "filter", "input", "id", "ids" };
		for (String name : names) {
			if (random.nextBoolean()) {
				variables.put(name, randomValue(random, 0));
			}
		}
		return variables;
	}

	private static Object randomValue(Random random, int depth) {
		return switch (depth > 3 ? random.nextInt(4) : random.nextInt(7)) {
			case 0 -> random.nextInt();
			case 1 -> odd(random);
			case 2 -> random.nextDouble() * 1e300;
			case 3 -> random.nextBoolean();
			case 4 -> List.of(randomValue(random, depth + 1), randomValue(random, depth + 1));
			case 5 -> Map.of("text", randomValue(random, depth + 1), "tag", odd(random), "createdAfter", odd(random));
			default -> Map.of("title", randomValue(random, depth + 1));
		};
	}

	private static Map<String, Object> oddInput(Random random) {
		Map<String, Object> input = new HashMap<>();
		input.put("title", odd(random));
		input.put("language", random.nextBoolean() ? "zh-Hans" : odd(random));
		input.put("body", odd(random));
		input.put("tags", List.of(odd(random), odd(random)));
		if (random.nextBoolean()) {
			input.put("versions", List.of(Map.of("channelId", odd(random), "format", odd(random), "title", odd(random))));
		}
		return input;
	}

	private static String odd(Random random) {
		return ODD_TEXT[random.nextInt(ODD_TEXT.length)];
	}

	private static String json(String query, Map<String, Object> variables) {
		Map<String, Object> body = new HashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		return JSON.writeValueAsString(body);
	}

	/** Bodies that are not what a GraphQL client sends: broken JSON, wrong types, escapes. */
	private static String rawJson(Random random) {
		String[] raw = { "{", "{\"query\": 42}", "{\"query\": null}", "{\"query\": \"{ stories { totalCount } }\", \"variables\": 7}",
				"{\"query\": \"{ __typename }\", \"operationName\": {}}", "{\"query\": \"\\ud800\"}", "{\"query\": \"{ a",
				"{\"query\": \"{ stories { totalCount } }\", \"extensions\": {\"persistedQuery\": {\"sha256Hash\": 5}}}",
				"{\"extensions\": {\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"00\"}}}", "{}",
				"{\"query\": \"{ stories { totalCount } }\"" + ",\"x\": 1".repeat(1000) + "}" };
		return raw[random.nextInt(raw.length)];
	}

}
