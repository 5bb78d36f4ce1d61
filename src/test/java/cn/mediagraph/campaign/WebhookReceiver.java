package cn.mediagraph.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver of webhooks on loopback, as a platform's gateway would be: it checks each
 * request's HMAC-SHA256 signature with the shared secret itself, de-duplicates by the
 * idempotency key, and answers what the test tells it to.
 */
final class WebhookReceiver implements AutoCloseable {

	/** One request as received. */
	record Received(String idempotencyKey, String signature, boolean signatureValid, int attempt, String body) {
	}

	private final HttpServer server;

	private final String secret;

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();

	private volatile IntSupplier otherwise = () -> 200;

	private volatile CountDownLatch gate = new CountDownLatch(0);

	WebhookReceiver(String secret) throws IOException {
		this.secret = secret;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/hook", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(32));
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
	}

	int port() {
		return server.getAddress().getPort();
	}

	/** The next answers, in order; after them, {@link #otherwise}. */
	WebhookReceiver answer(Integer... statuses) {
		scripted.addAll(List.of(statuses));
		return this;
	}

	WebhookReceiver otherwise(int status) {
		this.otherwise = () -> status;
		return this;
	}

	/** Holds every answer until {@link #open()} (requests still count when they arrive). */
	void hold() {
		gate = new CountDownLatch(1);
	}

	void open() {
		gate.countDown();
	}

	List<Received> received() {
		return new ArrayList<>(received);
	}

	/** How many times each idempotency key arrived. */
	Map<String, Integer> countsByKey() {
		Map<String, Integer> counts = new java.util.HashMap<>();
		byKey.forEach((key, count) -> counts.put(key, count.get()));
		return counts;
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		String signature = exchange.getRequestHeaders().getFirst("X-MediaGraph-Signature");
		String attempt = exchange.getRequestHeaders().getFirst("X-MediaGraph-Attempt");
		boolean valid = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
				("sha256=" + hmac(body)).getBytes(StandardCharsets.US_ASCII));
		received.add(new Received(key, signature, valid, attempt == null ? 0 : Integer.parseInt(attempt),
				new String(body, StandardCharsets.UTF_8)));
		try {
			gate.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Integer next = scripted.poll();
		int status = !valid ? 401 : next != null ? next : otherwise.getAsInt();
		if (status >= 200 && status < 300 && key != null) {
			byKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
		}
		byte[] answer = status >= 200 && status < 300
				? ("{\"url\":\"https://mp.example.cn/s/" + key + "\"}").getBytes(StandardCharsets.UTF_8) : new byte[0];
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	private String hmac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		open();
		server.stop(0);
	}

}
