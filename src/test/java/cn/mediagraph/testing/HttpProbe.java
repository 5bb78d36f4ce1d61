package cn.mediagraph.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP calls to an app, for what {@code HttpGraphQlTester} hides: status codes, headers,
 * CORS preflights and the endpoints beside the graph.
 */
public final class HttpProbe {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int port;

	public HttpProbe(int port) {
		this.port = port;
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	/** A GraphQL request as JSON, with the given headers (name, value, name, value …). */
	public HttpResponse<String> graphql(String document, String... headers) {
		String body = JSON.writeValueAsString(Map.of("query", document));
		return send(request("/graphql", headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public HttpResponse<String> send(String method, String path, String... headers) {
		return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
