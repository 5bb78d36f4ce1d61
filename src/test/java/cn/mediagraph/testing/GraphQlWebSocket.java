package cn.mediagraph.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real graphql-ws client over a real WebSocket ({@code java.net.http}), as a front end's
 * {@code graphql-ws} library talks: connection_init with the bearer token in its payload, then
 * subscribe, next … complete. Every message received is queued for the test to take.
 */
public final class GraphQlWebSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private GraphQlWebSocket(int port) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql-ws"), new Listener())
			.join();
	}

	/** Opens a connection and sends connection_init with this token (none when null); does not wait for the ack. */
	public static GraphQlWebSocket open(int port, @Nullable String token) {
		GraphQlWebSocket client = new GraphQlWebSocket(port);
		client.send(Map.of("type", "connection_init", "payload",
				token == null ? Map.of() : Map.of("Authorization", "Bearer " + token)));
		return client;
	}

	/** Opens a connection as this user and waits for the server's connection_ack. */
	public static GraphQlWebSocket connect(int port, String token) throws InterruptedException {
		GraphQlWebSocket client = open(port, token);
		JsonNode ack = client.next(Duration.ofSeconds(5));
		if (ack == null || !"connection_ack".equals(ack.path("type").asString())) {
			throw new IllegalStateException("No connection_ack but " + ack);
		}
		return client;
	}

	private volatile String lastSubscribed = "";

	/** Starts an operation under this id. */
	public void subscribe(String id, String query) {
		lastSubscribed = id;
		send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
	}

	/** The id of the operation started last. */
	public String lastSubscribed() {
		return lastSubscribed;
	}

	/** Ends an operation. */
	public void complete(String id) {
		send(Map.of("id", id, "type", "complete"));
	}

	/** The next message, or null when none came within the wait. */
	public @Nullable JsonNode next(Duration wait) throws InterruptedException {
		return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next {@code next} message's data of this operation, skipping pings; null when none came in time. */
	public @Nullable JsonNode nextData(String id, Duration wait) throws InterruptedException {
		JsonNode result = nextResult(id, wait);
		return result == null ? null : result.path("data");
	}

	/**
	 * The payload of this operation's next {@code next} message ({@code data} and {@code errors}),
	 * skipping other messages; null when none came in time. An {@code error} message fails.
	 */
	public @Nullable JsonNode nextResult(String id, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (message == null) {
				return null;
			}
			if (id.equals(message.path("id").asString()) && "error".equals(message.path("type").asString())) {
				throw new IllegalStateException("Operation " + id + " failed: " + message.path("payload"));
			}
			if (id.equals(message.path("id").asString()) && "next".equals(message.path("type").asString())) {
				return message.path("payload");
			}
		}
		return null;
	}

	/** The close code the server sent, once it closed the connection; null when still open after the wait. */
	public @Nullable Integer closedWithin(Duration wait) {
		try {
			return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private void send(Map<String, Object> message) {
		socket.sendText(JSON.writeValueAsString(message), true).join();
	}

	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(ex -> null).join();
		}
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				JsonNode message = JSON.readTree(partial.toString());
				partial.setLength(0);
				if ("ping".equals(message.path("type").asString())) {
					webSocket.sendText("{\"type\":\"pong\"}", true);
				}
				else {
					received.add(message);
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(-1);
		}

	}

}
