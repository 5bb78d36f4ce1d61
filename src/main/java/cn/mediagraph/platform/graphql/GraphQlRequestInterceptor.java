package cn.mediagraph.platform.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import cn.mediagraph.platform.security.ClientAddresses;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.parser.ParserOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Sets each request up within its limits and gives each error an id. The parser stops at the
 * document limits ({@code maxDocumentLength} characters, {@code maxTokens} tokens), the
 * caller's budget key travels with the execution so its cost is charged to them, the client's
 * address ({@link ClientAddresses#CONTEXT_KEY}) with it for sign-in's throttling, and every
 * error that goes back carries a classification and an {@code errorId} that the server log
 * repeats, so a user's report can be found.
 */
class GraphQlRequestInterceptor implements WebGraphQlInterceptor {

	private static final Logger log = LoggerFactory.getLogger(GraphQlRequestInterceptor.class);

	private final ParserOptions parserOptions;

	private final ClientAddresses addresses;

	GraphQlRequestInterceptor(GraphQlLimits limits, ClientAddresses addresses) {
		this.addresses = addresses;
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform(options -> options.maxCharacters(limits.maxDocumentLength())
				.maxTokens(limits.maxTokens())
				.maxRuleDepth(Math.min(ParserOptions.MAX_RULE_DEPTH, 4 * limits.maxDepth() + 50)));
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Object budgetKey = request.getAttributes().get(GraphQlRequestGuard.BUDGET_KEY);
		Object client = request.getAttributes().get(ClientAddresses.CONTEXT_KEY);
		String clientAddress = client != null ? client.toString() : resolve(request);
		request.configureExecutionInput((input, builder) -> {
			Map<Object, Object> context = new HashMap<>();
			context.put(ParserOptions.class, parserOptions);
			context.put(ClientAddresses.CONTEXT_KEY, clientAddress);
			if (budgetKey != null) {
				context.put(GraphQlRequestGuard.BUDGET_KEY, budgetKey);
			}
			return builder.graphQLContext(context).build();
		});
		return chain.next(request).map(GraphQlRequestInterceptor::withErrorIds);
	}

	/** A request that did not pass the HTTP guard (a WebSocket message) names its own peer. */
	private String resolve(WebGraphQlRequest request) {
		List<String> forwardedFor = request.getHeaders().get("X-Forwarded-For");
		return addresses.resolve(request.getRemoteAddress(),
				forwardedFor == null || forwardedFor.isEmpty() ? null : String.join(",", forwardedFor));
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
