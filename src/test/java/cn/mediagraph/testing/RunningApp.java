package cn.mediagraph.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A MediaGraph app reached over HTTP the way a front end reaches it, for tests that start apps
 * of their own (in this JVM or a child one): GraphQL calls with a token, sign-in, and waiting
 * for the app to answer.
 */
public final class RunningApp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int port;

	public RunningApp(int port) {
		this.port = port;
	}

	public int port() {
		return port;
	}

	/**
	 * Starts an app in this JVM on a random port, without the demo, with an index in memory
	 * and the given signing secret (instances sharing a database share it through
	 * configuration), plus these arguments.
	 */
	public static org.springframework.context.ConfigurableApplicationContext startInProcess(String sharedSecret,
			String... more) {
		java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
				"--mediagraph.demo.enabled=false", "--mediagraph.index.in-memory=true", "--logging.level.root=WARN",
				"--mediagraph.security.jwt-secret=" + sharedSecret));
		arguments.addAll(java.util.List.of(more));
		return org.springframework.boot.SpringApplication.run(cn.mediagraph.MediaGraphApplication.class,
				arguments.toArray(String[]::new));
	}

	/** An app started in this JVM, reached over HTTP. */
	public static RunningApp of(org.springframework.context.ConfigurableApplicationContext app) {
		return new RunningApp(portOf(app));
	}

	/** The port an app started in this JVM listens on. */
	public static int portOf(org.springframework.context.ConfigurableApplicationContext app) {
		return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	/** A port nothing listens on right now. */
	public static int freePort() {
		try (ServerSocket probe = new ServerSocket(0)) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Waits until the app answers GraphQL, or fails after {@code limit}. */
	public RunningApp awaitUp(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				graphql(null, "{ __typename }", Map.of());
				return this;
			}
			catch (IOException ex) {
				Thread.sleep(200);
			}
		}
		throw new IllegalStateException("The app on port " + port + " did not answer within " + limit);
	}

	/** Runs a GraphQL document and returns its {@code data}; fails on GraphQL errors. */
	public JsonNode graphql(String token, String document, Map<String, Object> variables)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString(JSON.writeValueAsString(Map.of("query", document, "variables", variables))));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = JSON.readTree(response.body());
		if (body.has("errors")) {
			throw new IllegalStateException("GraphQL errors: " + body.get("errors"));
		}
		return body.get("data");
	}

	/** Signs in and returns the token. */
	public String login(String tenant, String username, String password) throws IOException, InterruptedException {
		return graphql(null, "mutation($input: LoginInput!) { login(input: $input) { token userErrors { message } } }",
				Map.of("input", Map.of("tenant", tenant == null ? "" : tenant, "username", username, "password", password)))
			.path("login")
			.path("token")
			.asString();
	}

	/**
	 * Makes a media center with one chief editor (as the platform admin) and returns the chief
	 * editor's token.
	 */
	public String newCenterWithChiefEditor(String adminPassword, String slug, String password)
			throws IOException, InterruptedException {
		String admin = login(null, "admin", adminPassword);
		String tenantId = graphql(admin, "mutation($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } } }",
				Map.of("input", Map.of("slug", slug, "name", slug + " 融媒体中心", "timeZone", "Asia/Shanghai")))
			.path("createTenant")
			.path("tenant")
			.path("id")
			.asString();
		graphql(admin, "mutation($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }",
				Map.of("input", Map.of("tenantId", tenantId, "username", "chief", "displayName", "总编辑", "password",
						password, "roles", java.util.List.of("CHIEF_EDITOR"))));
		return login(slug, "chief", password);
	}

}
