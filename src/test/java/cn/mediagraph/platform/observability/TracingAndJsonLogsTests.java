package cn.mediagraph.platform.observability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.testing.RunningApp;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as an operator starts it, in a child JVM, with {@code MEDIAGRAPH_LOG_FORMAT=ecs} and
 * {@code MEDIAGRAPH_TRACING_ENDPOINT} pointing at a stand-in OTLP collector: every log line is a
 * JSON object, a request's lines carry its id and tenant, and spans reach the collector.
 * (With both settings empty, as in every other test, logs are plain text and no tracer exists.)
 */
class TracingAndJsonLogsTests {

	private static final String ADMIN_PASSWORD = "tracing-admin-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private final List<String> collected = new CopyOnWriteArrayList<>();

	private HttpServer collector;

	private Process child;

	@AfterEach
	void stop() {
		if (child != null) {
			child.destroyForcibly();
		}
		if (collector != null) {
			collector.stop(0);
		}
	}

	@Test
	void logsAreJsonWithTheRequestAndTenantAndSpansReachTheCollector() throws Exception {
		collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/v1/traces", exchange -> {
			collected.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		int port = RunningApp.freePort();
		Path log = dataDir.resolve("child.log");
		child = start(port, "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces", log);
		RunningApp app = new RunningApp(port).awaitUp(Duration.ofSeconds(60));

		String chief = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "tracing", "tracing-chief-secret");
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + chief)
				.header("X-Request-Id", "json-log-1")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"query Me { viewer { username } }\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.body()).contains("\"username\":\"chief\"");
		assertThat(answer.headers().firstValue("traceparent")).as("nothing about traces is sent back").isEmpty();

		awaitSpans();
		List<JsonNode> lines = jsonLines(log);
		assertThat(lines).isNotEmpty();
		assertThat(lines).anySatisfy(line -> {
			assertThat(line.path("requestId").asString()).isEqualTo("json-log-1");
			assertThat(line.path("tenantId").asString()).isNotEmpty();
			assertThat(line.path("traceId").asString()).as("tracing on: the trace id is logged too").hasSize(32);
		});
		assertThat(collected).allMatch(request -> request.startsWith("POST application/x-protobuf"));
	}

	private void awaitSpans() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (collected.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(collected).as("spans exported to the collector").isNotEmpty();
	}

	/** Every line the app wrote is a JSON object; returns them. */
	private static List<JsonNode> jsonLines(Path log) throws IOException {
		List<JsonNode> lines = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			if (line.isBlank()) {
				continue;
			}
			assertThat(line).as("a JSON log line").startsWith("{");
			lines.add(JSON.readTree(line));
		}
		return lines;
	}

	private Process start(int port, String endpoint, Path log) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-cp", System.getProperty("java.class.path"), MediaGraphApplication.class.getName(),
				"--server.port=" + port, "--mediagraph.embedded.data-dir=" + dataDir,
				"--mediagraph.embedded.storage=memory", "--mediagraph.index.in-memory=true", "--mediagraph.demo.enabled=false",
				"--mediagraph.security.admin-password=" + ADMIN_PASSWORD,
				"--management.tracing.sampling.probability=1.0",
				"--management.opentelemetry.tracing.export.schedule-delay=100ms",
				// a line written inside each request, to find the request's id and tenant in
				"--logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("MEDIAGRAPH_LOG_FORMAT", "ecs");
		environment.put("MEDIAGRAPH_TRACING_ENDPOINT", endpoint);
		environment.remove("MONGODB_URI");
		return builder.start();
	}

}
