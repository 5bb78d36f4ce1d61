package cn.mediagraph.platform.observability;

import java.util.Locale;
import java.util.Optional;

import cn.mediagraph.platform.graphql.ParsedOperations;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.springframework.core.Ordered;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * One {@code graphql.request} observation per GraphQL request (a timer per operation and
 * outcome in the metrics, a span when tracing is on), and a {@code graphql.errors} counter
 * per operation and error classification. Taken here, around the whole request, rather than
 * by a graphql-java instrumentation, because a second instrumentation chained beside the query
 * cost check costs something on every field of every result; this costs the same whatever the
 * result's size. Data fetchers are not observed one by one.
 */
class GraphQlRequestObservation implements WebGraphQlInterceptor, Ordered {

	static final String ERRORS = "graphql.errors";

	static final String CLASSIFICATION = "graphql.error.classification";

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	private final GraphQlRequestConvention convention = new GraphQlRequestConvention();

	private final OperationNames names;

	GraphQlRequestObservation(ObservationRegistry observations, MeterRegistry meters, OperationNames names) {
		this.observations = observations;
		this.meters = meters;
		this.names = names;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		GraphQlRequestContext context = new GraphQlRequestContext();
		Observation observation = Observation.createNotStarted(convention, () -> context, observations).start();
		return chain.next(request)
			.doOnNext(response -> answered(context, response))
			.doOnError(observation::error)
			.doFinally(signal -> observation.stop())
			.contextWrite(reactor -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
	}

	private void answered(GraphQlRequestContext context, WebGraphQlResponse response) {
		Optional<OperationDefinition> operation = ParsedOperations.of(response.getExecutionInput());
		String name = names.tag(operation);
		String type = operation.map(o -> o.getOperation().name().toLowerCase(Locale.ROOT))
			.orElse(OperationNames.UNKNOWN);
		context.answered(name, type, outcome(response));
		for (ResponseError error : response.getErrors()) {
			countError(name, error);
		}
	}

	private void countError(String operationName, ResponseError error) {
		String classification = error.getErrorType() instanceof Enum<?> known ? known.name() : "OTHER";
		Counter.builder(ERRORS)
			.description("GraphQL errors answered, per operation and classification")
			.tag(GraphQlRequestConvention.OPERATION_NAME, operationName)
			.tag(CLASSIFICATION, classification)
			.register(meters)
			.increment();
	}

	static String outcome(WebGraphQlResponse response) {
		if (response.getErrors().isEmpty()) {
			return GraphQlRequestConvention.SUCCESS;
		}
		for (ResponseError error : response.getErrors()) {
			if (error.getErrorType() == ErrorType.INTERNAL_ERROR) {
				return GraphQlRequestConvention.INTERNAL_ERROR;
			}
		}
		return GraphQlRequestConvention.REQUEST_ERROR;
	}

	/** First, so the time of every other interceptor is counted too. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
