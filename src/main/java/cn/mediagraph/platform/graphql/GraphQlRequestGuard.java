package cn.mediagraph.platform.graphql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import cn.mediagraph.platform.security.ClientAddresses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guards {@code POST /graphql} before any GraphQL work: a body over the size limit is refused
 * with 413, a body that is not one JSON object (JSON {@code null}, a batch array, a string, a
 * truncated or non-UTF-8 body, one without a query or with members of the wrong kind) with
 * 400, a caller with too many requests running with 429, and a caller whose cost budget is spent
 * with 429 and {@code Retry-After}. Runs after authentication, so a signed-in user is one caller
 * wherever they connect from; an anonymous caller is their client address, resolved through the
 * trusted proxies ({@link ClientAddresses}) and handed on to sign-in's throttling. Each refusal has a GraphQL-shaped JSON body.
 */
class GraphQlRequestGuard extends OncePerRequestFilter {

	/** The request attribute that carries the caller's budget key on to the GraphQL execution. */
	static final String BUDGET_KEY = GraphQlRequestGuard.class.getName() + ".budgetKey";

	private final GraphQlLimits limits;

	private final CostBudgets budgets;

	private final ClientAddresses addresses;

	private final String path;

	private final RunningRequests running;

	GraphQlRequestGuard(GraphQlLimits limits, CostBudgets budgets, RunningRequests running, ClientAddresses addresses,
			String path) {
		this.limits = limits;
		this.budgets = budgets;
		this.running = running;
		this.addresses = addresses;
		this.path = path;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.POST.matches(request.getMethod()) || !path.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long max = limits.maxBodySize().toBytes();
		if (request.getContentLengthLong() > max) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", tooLarge(max));
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		if (body.length > max) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", tooLarge(max));
			return;
		}
		if (!isJsonObject(body)) {
			refuse(request, response, HttpStatus.BAD_REQUEST, "BAD_REQUEST",
					"The body must be one JSON object with a query (one operation per request; batches are not accepted)");
			return;
		}
		String client = addresses.resolve(new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
				forwardedFor(request));
		request.setAttribute(ClientAddresses.CONTEXT_KEY, client);
		String key = CostBudgets.keyOf(userId(), client);
		Duration wait = budgets.waitBefore(key);
		if (!wait.isZero()) {
			response.setHeader("Retry-After", Long.toString(CostBudgets.seconds(wait)));
			refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, CostBudgets.spent(wait));
			return;
		}
		if (!running.tryStart(key)) {
			response.setHeader("Retry-After", "1");
			refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, tooManyRunning(running.max()));
			return;
		}
		try {
			// checked within the caller's running requests: a large body costs a pass over it
			String malformed = readAsUnicodeJson(request.getContentType()) ? malformed(body) : null;
			if (malformed != null) {
				refuse(request, response, HttpStatus.BAD_REQUEST, "BAD_REQUEST", malformed);
				return;
			}
			request.setAttribute(BUDGET_KEY, key);
			chain.doFilter(new CachedBody(request, body), response);
		}
		finally {
			running.finish(key);
		}
	}

	/** The classification of a refusal for the caller's budget or running requests. */
	static final String RATE_LIMITED = "RATE_LIMITED";

	static String tooManyRunning(int max) {
		return "More than " + max + " of your requests are running at once: wait for one to finish";
	}

	private static String tooLarge(long max) {
		return "The request body is larger than " + max / 1024 + " KB: send long content through the import endpoints";
	}

	private static @Nullable String forwardedFor(HttpServletRequest request) {
		var values = request.getHeaders("X-Forwarded-For");
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		StringBuilder joined = new StringBuilder(values.nextElement());
		while (values.hasMoreElements()) {
			joined.append(',').append(values.nextElement());
		}
		return joined.toString();
	}

	private static @Nullable String userId() {
		return userId(SecurityContextHolder.getContext().getAuthentication());
	}

	/** The signed-in user of a verified token; null for an anonymous caller. */
	static @Nullable String userId(@Nullable Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			return jwt.getSubject();
		}
		return null;
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Whether the body will be read as JSON in a Unicode encoding, which is what the check reads:
	 * a JSON media type or {@code application/graphql} (read as JSON too), or none, without a
	 * declared charset other than UTF-8, -16 or -32 (a body declared in another is left to the
	 * converter that honours it).
	 */
	private static boolean readAsUnicodeJson(@Nullable String contentType) {
		if (contentType == null) {
			return true;
		}
		String type = contentType.toLowerCase(java.util.Locale.ROOT);
		if (!type.contains("json") && !type.startsWith("application/graphql")) {
			return false;
		}
		int charset = type.indexOf("charset=");
		return charset < 0 || type.startsWith("utf-", charset + 8) || type.startsWith("\"utf-", charset + 8);
	}

	/**
	 * What is wrong with a request body that starts as a JSON object, told as a GraphQL error
	 * rather than the servlet container's page: not JSON (truncated, not UTF-8), no query (nor a
	 * trusted document's hash), or a member of the wrong kind. Null when it is a GraphQL request.
	 * One streaming pass: the members' values are skipped, never built.
	 */
	static @Nullable String malformed(byte[] body) {
		boolean query = false;
		boolean persisted = false;
		try (JsonParser parser = JSON.createParser(body)) {
			parser.nextToken(); // the object's start (isJsonObject)
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				String member = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (member) {
					case "query" -> {
						if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
							return "query must be a string: the GraphQL document";
						}
						query = value == JsonToken.VALUE_STRING;
					}
					case "operationName" -> {
						if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
							return "operationName must be a string (or null)";
						}
					}
					case "variables", "extensions" -> {
						if (value != JsonToken.VALUE_NULL && value != JsonToken.START_OBJECT) {
							return member + " must be a JSON object (or null)";
						}
						if (value == JsonToken.START_OBJECT && member.equals("extensions")) {
							persisted = names(parser, "persistedQuery");
						}
						else {
							parser.skipChildren();
						}
					}
					default -> parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				return "The body holds more than one JSON value";
			}
		}
		catch (JacksonException ex) {
			var where = ex.getLocation();
			return "The body is not valid JSON in UTF-8"
					+ (where != null && where.getLineNr() > 0 ? " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")" : "");
		}
		if (!query && !persisted) {
			return "The body has no query: send {\"query\": \"{ viewer { username } }\"}, or the sha256Hash of a trusted "
					+ "document in extensions.persistedQuery";
		}
		return null;
	}

	/** Whether the object the parser has just entered has a member of that name; leaves the parser at its end. */
	private static boolean names(JsonParser parser, String name) {
		boolean found = false;
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			found |= name.equals(parser.currentName());
			parser.nextToken();
			parser.skipChildren();
		}
		return found;
	}

	static boolean isJsonObject(byte[] body) {
		for (byte b : body) {
			if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
				continue;
			}
			return b == '{';
		}
		return false;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String classification, String message) throws IOException {
		response.setStatus(status.value());
		String accept = request.getHeader("Accept");
		response.setContentType(accept != null && accept.contains("application/graphql-response+json")
				? "application/graphql-response+json" : "application/json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"errors\":[{\"message\":" + quoted(message) + ",\"extensions\":{\"classification\":\"" + classification
					+ "\"}}]}");
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** The request with its body already read. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					try {
						return in.available() == 0;
					}
					catch (IOException ex) {
						return true;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				/** The whole body is here already: all of it is available at once. */
				@Override
				public void setReadListener(ReadListener listener) {
					try {
						if (!isFinished()) {
							listener.onDataAvailable();
						}
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}

			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
