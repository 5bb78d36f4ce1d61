package cn.mediagraph.platform.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlWebSocket;
import cn.mediagraph.testing.IntegrationTest;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each user has a budget of cost points: spent, the next request is 429 with Retry-After until
 * it refills, and the budget holds across instances through MongoDB.
 */
@IntegrationTest
@TestPropertySource(properties = { "mediagraph.graphql.budget.capacity=1000", "mediagraph.graphql.budget.refill-per-second=200" })
class RequestBudgetIntegrationTests {

	private static final String LIST = "{ stories(first: 20) { edges { node { id versions { channel { name } } } } } }";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlClients clients;

	@Autowired
	MongoTemplate mongo;

	private HttpResponse<String> list(String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(Map.of("query", LIST))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aSpentBudgetIsFourTwentyNineWithRetryAfterUntilItRefills() throws Exception {
		String token = clients.newCenter().token(Role.EDITOR);
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			HttpResponse<String> response = list(token);
			statuses.add(response.statusCode());
			if (response.statusCode() == 429) {
				refused = response;
			}
		}
		// 20 × (edges 1 + node 1 + 10 versions × (1 + channel 1)) = 440 points a page, 1,000 in the bucket
		assertThat(statuses).startsWith(200, 200, 200).contains(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds))
			.isBetween(1, 10));
		assertThat(refused.body()).contains("RATE_LIMITED");

		String someoneElse = clients.newCenter().token(Role.EDITOR);
		assertThat(list(someoneElse).statusCode()).as("another user's budget is their own").isEqualTo(200);

		Thread.sleep(3_000);
		assertThat(list(token).statusCode()).as("refilled after a wait").isEqualTo(200);
	}

	/**
	 * Operations over GraphQL over WebSocket spend the same budget as requests over HTTP: queries
	 * sent there empty it, and once it is empty an operation sent there is refused with an error
	 * that says when to retry.
	 */
	@Test
	void operationsOverWebSocketSpendTheSameBudgetAndAreRefusedWhenItIsSpent() throws Exception {
		String token = clients.newCenter().token(Role.EDITOR);
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(port, token)) {
			for (int i = 0; i < 3; i++) {
				socket.subscribe("list" + i, LIST);
				JsonNode result = socket.nextResult("list" + i, Duration.ofSeconds(5));
				assertThat(result).as("query %s over WebSocket", i).isNotNull();
				assertThat(result.path("errors").isMissingNode()).as(result.toString()).isTrue();
			}
			// three pages of 440 points over WebSocket spent the bucket of 1,000
			HttpResponse<String> overHttp = list(token);
			assertThat(overHttp.statusCode()).as("spent over WebSocket, refused over HTTP").isEqualTo(429);

			socket.subscribe("refused", LIST);
			JsonNode refused = socket.nextResult("refused", Duration.ofSeconds(5));
			assertThat(refused).isNotNull();
			assertThat(refused.path("data").isMissingNode() || refused.path("data").isNull()).isTrue();
			JsonNode error = refused.path("errors").path(0);
			assertThat(error.path("extensions").path("classification").asString()).isEqualTo("RATE_LIMITED");
			assertThat(error.path("message").asString()).contains("wait");
			assertThat(error.path("extensions").path("retryAfterSeconds").asInt()).isBetween(1, 10);
		}
	}

	@Test
	void theBudgetHoldsAcrossInstancesThroughMongo() {
		MongoCollection<Document> shared = mongo.getCollection(CostBudgets.COLLECTION);
		AtomicLong now = new AtomicLong();
		GraphQlLimits.Budget settings = new GraphQlLimits.Budget(1000, 10, Duration.ofSeconds(1));
		long wall = System.currentTimeMillis();
		CostBudgets first = new CostBudgets(settings, shared, now::get, () -> wall, false);
		CostBudgets second = new CostBudgets(settings, shared, now::get, () -> wall, false);
		String key = CostBudgets.keyOf("user-" + UUID.randomUUID(), "127.0.0.1");

		second.sync();
		assertThat(second.waitBefore(key)).isZero();
		first.charge(key, 1_200);
		assertThat(first.waitBefore(key)).isPositive();
		first.sync();
		second.sync();
		assertThat(second.waitBefore(key)).as("the other instance has taken the spending into account").isPositive();
		now.addAndGet(Duration.ofSeconds(21).toNanos());
		assertThat(second.waitBefore(key)).as("and refills like any bucket").isZero();
	}

}
