package cn.mediagraph.platform.observability;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags of {@code graphql.request}: the keys Spring for GraphQL uses, with the
 * operation's name as a low-cardinality tag (bounded by {@link OperationNames}), so timings
 * and errors are kept per operation:
 * <ul>
 * <li>{@code graphql.operation.name}: the operation's name, {@code anonymous} for an unnamed
 * one, {@code invalid} when the document did not parse or validate;</li>
 * <li>{@code graphql.operation.type}: {@code query}, {@code mutation}, {@code subscription},
 * or {@code unknown};</li>
 * <li>{@code graphql.outcome}: {@code SUCCESS}, {@code REQUEST_ERROR} (errors, none of them
 * internal) or {@code INTERNAL_ERROR}.</li>
 * </ul>
 */
class GraphQlRequestConvention implements ObservationConvention<GraphQlRequestContext> {

	static final String NAME = "graphql.request";

	static final String OPERATION_NAME = "graphql.operation.name";

	static final String OPERATION_TYPE = "graphql.operation.type";

	static final String OUTCOME = "graphql.outcome";

	static final String SUCCESS = "SUCCESS";

	static final String REQUEST_ERROR = "REQUEST_ERROR";

	static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	@Override
	public String getName() {
		return NAME;
	}

	/** The span's name, as OpenTelemetry's conventions have it: {@code query Stories}. */
	@Override
	public String getContextualName(GraphQlRequestContext context) {
		return context.operationType() + " " + context.operationName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(GraphQlRequestContext context) {
		return KeyValues.of(OPERATION_NAME, context.operationName(), OPERATION_TYPE, context.operationType(), OUTCOME,
				context.outcome());
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof GraphQlRequestContext;
	}

}
