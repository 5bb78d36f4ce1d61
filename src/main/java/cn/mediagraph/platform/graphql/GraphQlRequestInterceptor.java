package cn.mediagraph.platform.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import cn.mediagraph.platform.mongo.StoreDurability;
import cn.mediagraph.platform.security.ClientAddresses;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.parser.ParserOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/**
 * Sets each request up within its limits and gives each error an id. The parser stops at the
 * document limits ({@code maxDocumentLength} characters, {@code maxTokens} tokens), the
 * caller's budget key travels with the execution so its cost is charged to them, the client's
 * address ({@link ClientAddresses#CONTEXT_KEY}) with it for sign-in's throttling, and every
 * error that goes back carries a classification and an {@code errorId} that the server log
 * repeats, so a user's report can be found. Its writes are durable before the answer goes out
 * ({@link StoreDurability}).
 * <p>
 * An operation sent over GraphQL over WebSocket never passed {@link GraphQlRequestGuard}: here
 * it meets the same per-user budget and cap on running operations (the signed-in user of the
 * connection, or the client's address), refused with a {@code RATE_LIMITED} error that says
 * when to retry, and its cost is charged to the same bucket when it starts.
 */
class GraphQlRequestInterceptor implements WebGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(GraphQlRequestInterceptor.class);

	private final ParserOptions parserOptions;

	private final ClientAddresses addresses;

	private final CostBudgets budgets;

	private final RunningRequests running;

	private final StoreDurability durability;

	GraphQlRequestInterceptor(GraphQlLimits limits, ClientAddresses addresses, CostBudgets budgets,
			RunningRequests running, StoreDurability durability) {
		this.durability = durability;
		this.addresses = addresses;
		this.budgets = budgets;
		this.running = running;
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform(options -> options.maxCharacters(limits.maxDocumentLength())
				.maxTokens(limits.maxTokens())
				.maxRuleDepth(Math.min(ParserOptions.MAX_RULE_DEPTH, 4 * limits.maxDepth() + 50)));
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest operation) {
			return Mono.defer(() -> overWebSocket(operation, chain));
		}
		Object budgetKey = request.getAttributes().get(GraphQlRequestGuard.BUDGET_KEY);
		Object client = request.getAttributes().get(ClientAddresses.CONTEXT_KEY);
		configure(request, client != null ? client.toString() : resolve(request), budgetKey);
		return chain.next(request).map(this::answer);
	}

	/** Admits an operation sent over WebSocket as the HTTP guard admits a request, or refuses it. */
	private Mono<WebGraphQlResponse> overWebSocket(WebSocketGraphQlRequest request, Chain chain) {
		String clientAddress = resolve(request);
		String key = CostBudgets.keyOf(GraphQlRequestGuard.userId(authentication(request)), clientAddress);
		Duration wait = budgets.waitBefore(key);
		if (!wait.isZero()) {
			return Mono.just(withErrorIds(refused(request, CostBudgets.spent(wait), CostBudgets.seconds(wait))));
		}
		if (!running.tryStart(key)) {
			return Mono.just(withErrorIds(refused(request, GraphQlRequestGuard.tooManyRunning(running.max()), 1)));
		}
		configure(request, clientAddress, key);
		// a subscription counts while it is set up, not while it streams (those are capped apart)
		return chain.next(request).doFinally(signal -> running.finish(key)).map(this::answer);
	}

	/** The connection's user, signed in by its connection_init message; null when anonymous. */
	private static @Nullable Authentication authentication(WebSocketGraphQlRequest request) {
		for (Object value : request.getSessionInfo().getAttributes().values()) {
			if (value instanceof SecurityContext context) {
				return context.getAuthentication();
			}
		}
		return null;
	}

	private static WebGraphQlResponse refused(WebGraphQlRequest request, String message, long retryAfterSeconds) {
		GraphQLError error = GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(ErrorClassification.errorClassification(GraphQlRequestGuard.RATE_LIMITED))
			.extensions(Map.of("retryAfterSeconds", retryAfterSeconds))
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
				ExecutionResult.newExecutionResult().addError(error).build()));
	}

	private void configure(WebGraphQlRequest request, String clientAddress, @Nullable Object budgetKey) {
		request.configureExecutionInput((input, builder) -> {
			Map<Object, Object> context = new HashMap<>();
			context.put(ParserOptions.class, parserOptions);
			context.put(ClientAddresses.CONTEXT_KEY, clientAddress);
			if (budgetKey != null) {
				context.put(GraphQlRequestGuard.BUDGET_KEY, budgetKey);
			}
			return builder.graphQLContext(context).build();
		});
	}

	/** A request that did not pass the HTTP guard (a WebSocket operation) names its own peer. */
	private String resolve(WebGraphQlRequest request) {
		List<String> forwardedFor = request.getHeaders().get("X-Forwarded-For");
		return addresses.resolve(request.getRemoteAddress(),
				forwardedFor == null || forwardedFor.isEmpty() ? null : String.join(",", forwardedFor));
	}

	/** The response as it goes out: what the operation wrote on disk first, its errors identified. */
	private WebGraphQlResponse answer(WebGraphQlResponse response) {
		durability.flush();
		return withErrorIds(response);
	}

	private static WebGraphQlResponse withErrorIds(WebGraphQlResponse response) {
		List<GraphQLError> errors = response.getExecutionResult().getErrors();
		if (errors.isEmpty()) {
			return response;
		}
		List<GraphQLError> identified = new ArrayList<>(errors.size());
		for (GraphQLError error : errors) {
			identified.add(identified(error));
		}
		return response.transform(builder -> builder.errors(identified));
	}

	private static GraphQLError identified(GraphQLError error) {
		Map<String, Object> extensions = error.getExtensions() == null ? new HashMap<>() : new HashMap<>(error.getExtensions());
		Object known = extensions.get("errorId");
		String errorId = known != null ? known.toString() : newId();
		extensions.put("errorId", errorId);
		ErrorClassification classification = error.getErrorType();
		String type = classification == null ? "UNKNOWN" : classification.toString();
		if (known == null) {
			log.info("GraphQL error {}: {} at {}: {}", errorId, type, error.getPath(), error.getMessage());
		}
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(error.getMessage())
			.locations(error.getLocations())
			.extensions(extensions);
		if (error.getPath() != null) {
			builder.path(error.getPath());
		}
		if (classification != null) {
			builder.errorType(classification);
		}
		return builder.build();
	}

	/** Short enough to read out on the phone, random enough not to repeat in a day's log. */
	private static String newId() {
		return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
	}

}
