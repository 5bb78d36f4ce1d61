package cn.mediagraph.platform.graphql;

import java.util.HashMap;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import graphql.schema.GraphQLInterfaceType;

/**
 * Refuses, before anything is fetched, an operation nested deeper than {@code maxDepth} or
 * costing more than {@code maxCost}. Cost multiplies through lists, as results do: a field
 * costs one plus its children, times the page size asked for ({@code first}/{@code last},
 * else the default page) on connection fields, times {@value #ASSUMED_LIST_SIZE} on other
 * lists of objects. Adding instead would let an 85-character query fan out to millions of
 * nodes. One pass over the document, and no per-field hooks, so it costs nothing while the
 * operation runs. Introspection is exempt: GraphiQL's own query is deep but cheap.
 */
class QueryCostInstrumentation extends SimplePerformantInstrumentation {

	static final int ASSUMED_LIST_SIZE = 10;

	private final int maxDepth;

	private final long maxCost;

	QueryCostInstrumentation(int maxDepth, long maxCost) {
		this.maxDepth = maxDepth;
		this.maxCost = maxCost;
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
			InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		QueryTraverser traverser = QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getExecutionInput().getOperationName())
			.coercedVariables(context.getCoercedVariables())
			.build();
		Measure measure = new Measure();
		traverser.visitPostOrder(measure);
		if (measure.depth > maxDepth) {
			throw new AbortExecutionException("The query is nested " + measure.depth + " deep; at most " + maxDepth + " is allowed");
		}
		long cost = measure.costs.getOrDefault(null, 0L);
		if (cost > maxCost) {
			throw new AbortExecutionException("The query may fetch about " + cost + " objects; at most " + maxCost
					+ " is allowed: ask for smaller pages or fewer nested lists");
		}
		return SimpleInstrumentationContext.noOp();
	}

	private static final class Measure extends QueryVisitorStub {

		/** Summed cost of the children of each field (the key null: the operation's root). */
		final Map<QueryVisitorFieldEnvironment, Long> costs = new HashMap<>();

		int depth;

		@Override
		public void visitField(QueryVisitorFieldEnvironment env) {
			if (introspection(env)) {
				return;
			}
			depth = Math.max(depth, depthOf(env));
			long cost = Math.multiplyExact(1 + costs.getOrDefault(env, 0L), multiplier(env));
			costs.merge(env.getParentEnvironment(), cost, Math::addExact);
		}

		private static boolean introspection(QueryVisitorFieldEnvironment env) {
			return env.isTypeNameIntrospectionField() || env.getFieldDefinition().getName().startsWith("__")
					|| GraphQLTypeUtil.unwrapAll(env.getParentType()).getName().startsWith("__");
		}

		private static int depthOf(QueryVisitorFieldEnvironment env) {
			int depth = 0;
			for (QueryVisitorFieldEnvironment e = env; e != null; e = e.getParentEnvironment()) {
				depth++;
			}
			return depth;
		}

		private static long multiplier(QueryVisitorFieldEnvironment env) {
			GraphQLFieldDefinition field = env.getFieldDefinition();
			if (field.getArgument("first") != null || field.getArgument("last") != null) {
				Object size = env.getArguments().getOrDefault("first", env.getArguments().get("last"));
				return size instanceof Integer n ? Math.max(n, 1) : PageRequest.DEFAULT_SIZE;
			}
			String name = field.getName();
			if (name.equals("edges") || name.equals("nodes")) {
				return 1;
			}
			return listOfObjects(field.getType()) ? ASSUMED_LIST_SIZE : 1;
		}

		private static boolean listOfObjects(GraphQLType type) {
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
			if (!(unwrapped instanceof GraphQLList)) {
				return false;
			}
			GraphQLUnmodifiedType element = GraphQLTypeUtil.unwrapAll(unwrapped);
			return element instanceof GraphQLObjectType || element instanceof GraphQLInterfaceType;
		}

	}

}
