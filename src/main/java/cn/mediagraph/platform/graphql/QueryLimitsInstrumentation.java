package cn.mediagraph.platform.graphql;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
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
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before anything is fetched, an operation that is too big to run: more than one
 * operation in the document, nested too deep, too many aliases or directives, a list argument
 * too long, an administrative field more than once, or a cost over the limit. All in one pass
 * and one instrumentation, with no per-field hooks, so it costs nothing while the operation
 * runs (chained instrumentations were measurably slower). Introspection is exempt: GraphiQL's
 * own query is deep but cheap, and the {@code prod} profile switches it off.
 *
 * <p>Cost is what a field loads, multiplied through lists as results are: a field costs its
 * weight ({@code @cost(weight:)} in the schema, else 1 for an object and 0 for a scalar, which
 * comes with its object) plus its children, times the page
 * size asked for on connections ({@code first}, else {@code last}, else the default page),
 * times the length of the list argument named by {@code @listSize(sizedBy:)}, times
 * {@value #ASSUMED_LIST_SIZE} on other lists of objects. Adding instead would let an
 * 85-character query fan out to millions of nodes. The cost is handed to whoever charges the
 * caller for it (the per-user budget).
 */
public class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

	static final int ASSUMED_LIST_SIZE = 10;

	/** The key in the GraphQL context under which the operation's cost is left for others. */
	public static final String COST = QueryLimitsInstrumentation.class.getName() + ".cost";

	private final GraphQlLimits limits;

	private final ObjLongConsumer<GraphQLContext> charge;

	public QueryLimitsInstrumentation(GraphQlLimits limits, ObjLongConsumer<GraphQLContext> charge) {
		this.limits = limits;
		this.charge = charge;
	}

	QueryLimitsInstrumentation(GraphQlLimits limits) {
		this(limits, (context, cost) -> {
		});
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
			InstrumentationState state) {
		ExecutionContext context = parameters.getExecutionContext();
		Map<String, Object> variables = context.getCoercedVariables().toMap();
		Verdict verdict;
		if (small(variables, 0)) {
			// a front end sends the same few documents over and over: measured once each
			VerdictKey key = new VerdictKey(context.getDocument(), context.getExecutionInput().getOperationName(), variables);
			verdict = verdicts.get(key);
			if (verdict == null) {
				verdict = measure(context);
				if (verdicts.size() >= MAX_VERDICTS) {
					verdicts.clear();
				}
				verdicts.put(key, verdict);
			}
		}
		else {
			verdict = measure(context);
		}
		if (verdict.problem() != null) {
			throw refused(verdict.problem());
		}
		long cost = verdict.cost();
		context.getGraphQLContext().put(COST, cost);
		charge.accept(context.getGraphQLContext(), cost);
		return SimpleInstrumentationContext.noOp();
	}

	/** Measured verdicts kept at most; past it they are forgotten at once. */
	static final int MAX_VERDICTS = 1_000;

	/** The longest variables (in characters of text, and values) whose verdict is kept. */
	private static final int SMALL_VARIABLES = 256;

	/** A document as parsed (the same object while the parsed-document cache holds it), its operation and variables. */
	private record VerdictKey(Object document, @Nullable String operationName, Map<String, Object> variables) {

		@Override
		public boolean equals(Object other) {
			return other instanceof VerdictKey key && key.document == document
					&& java.util.Objects.equals(key.operationName, operationName) && key.variables.equals(variables);
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(document) * 31 + variables.hashCode();
		}

	}

	/** What the checks found: the cost, or why the operation is refused. */
	private record Verdict(long cost, @Nullable String problem) {
	}

	private final Map<VerdictKey, Verdict> verdicts = new java.util.concurrent.ConcurrentHashMap<>();

	/** Whether variables are small enough to key a verdict by: a page size, a cursor, a filter. */
	private static boolean small(Object value, int budget) {
		return weigh(value, budget) <= SMALL_VARIABLES;
	}

	private static int weigh(@Nullable Object value, int used) {
		if (used > SMALL_VARIABLES) {
			return used;
		}
		if (value instanceof Map<?, ?> map) {
			int total = used + map.size();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				total = weigh(entry.getValue(), total + String.valueOf(entry.getKey()).length());
			}
			return total;
		}
		if (value instanceof Collection<?> list) {
			int total = used + list.size();
			for (Object item : list) {
				total = weigh(item, total);
			}
			return total;
		}
		return used + (value instanceof CharSequence text ? text.length() : 1);
	}

	private Verdict measure(ExecutionContext context) {
		try {
			checkDocument(context.getDocument());
		}
		catch (AbortExecutionException ex) {
			return new Verdict(0, ex.getMessage());
		}
		QueryTraverser traverser = QueryTraverser.newQueryTraverser()
			.schema(context.getGraphQLSchema())
			.document(context.getDocument())
			.operationName(context.getExecutionInput().getOperationName())
			.coercedVariables(context.getCoercedVariables())
			.build();
		Measure measure = new Measure(limits);
		traverser.visitPostOrder(measure);
		if (measure.depth > limits.maxDepth()) {
			return new Verdict(0, "The query is nested " + measure.depth + " deep; at most " + limits.maxDepth()
					+ " is allowed");
		}
		if (measure.problem != null) {
			return new Verdict(0, measure.problem);
		}
		long cost = measure.costs.getOrDefault(null, 0L);
		if (cost > limits.maxCost()) {
			return new Verdict(cost, "The query may load about " + cost + " objects; at most " + limits.maxCost()
					+ " is allowed: ask for smaller pages or fewer nested lists");
		}
		return new Verdict(cost, null);
	}

	/** What can be told from the document alone: how many operations, aliases and directives. */
	private void checkDocument(Document document) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operations.size() > 1) {
			throw refused("The document holds " + operations.size() + " operations; send one operation per request");
		}
		int[] counts = new int[2];
		for (Definition<?> definition : document.getDefinitions()) {
			count(definition, counts);
		}
		if (counts[0] > limits.maxAliases()) {
			throw refused("The document uses " + counts[0] + " aliases; at most " + limits.maxAliases() + " are allowed");
		}
		if (counts[1] > limits.maxDirectives()) {
			throw refused("The document uses " + counts[1] + " directives; at most " + limits.maxDirectives() + " are allowed");
		}
	}

	/** Aliases (counts[0]) and directives (counts[1]) anywhere below a node. */
	private static void count(Node<?> node, int[] counts) {
		if (node instanceof Field field && field.getAlias() != null) {
			counts[0]++;
		}
		if (node instanceof Directive) {
			counts[1]++;
			return;
		}
		if (node instanceof SelectionSet || node instanceof Field || node instanceof OperationDefinition
				|| node instanceof FragmentDefinition || node instanceof InlineFragment || node instanceof FragmentSpread) {
			for (Node<?> child : node.getChildren()) {
				count(child, counts);
			}
		}
	}

	private static AbortExecutionException refused(String message) {
		return new AbortExecutionException(message);
	}

	private static final class Measure extends QueryVisitorStub {

		/** Summed cost of the children of each field (the key null: the operation's root). */
		final Map<@Nullable QueryVisitorFieldEnvironment, Long> costs = new HashMap<>();

		final Map<String, Integer> adminFields = new HashMap<>();

		final GraphQlLimits limits;

		int depth;

		@Nullable String problem;

		Measure(GraphQlLimits limits) {
			this.limits = limits;
		}

		@Override
		public void visitField(QueryVisitorFieldEnvironment env) {
			if (introspection(env)) {
				return;
			}
			depth = Math.max(depth, depthOf(env));
			GraphQLFieldDefinition field = env.getFieldDefinition();
			if (field.hasAppliedDirective("adminOperation")
					&& adminFields.merge(field.getName(), 1, Integer::sum) > 1 && problem == null) {
				problem = field.getName() + " runs at most once per request";
			}
			checkLists(field.getName(), env.getArguments().values());
			long cost = Math.multiplyExact(weight(field) + costs.getOrDefault(env, 0L), multiplier(env));
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

		private static long weight(GraphQLFieldDefinition field) {
			GraphQLAppliedDirective cost = field.getAppliedDirective("cost");
			if (cost == null) {
				return GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(field.getType())) ? 0 : 1;
			}
			Object weight = cost.getArgument("weight").getValue();
			return weight instanceof Number number ? Math.max(0, number.longValue()) : 1;
		}

		private long multiplier(QueryVisitorFieldEnvironment env) {
			GraphQLFieldDefinition field = env.getFieldDefinition();
			Map<String, Object> arguments = env.getArguments();
			GraphQLAppliedDirective listSize = field.getAppliedDirective("listSize");
			if (listSize != null) {
				String sizedBy = listSize.getArgument("sizedBy").getValue();
				return sizeOf(arguments.get(sizedBy));
			}
			if (field.getArgument("first") != null || field.getArgument("last") != null) {
				Object size = arguments.get("first") != null ? arguments.get("first") : arguments.get("last");
				// a larger page is refused where it is read, loading nothing: the caller is told the
				// page's bounds there rather than a cost no page could reach
				return size instanceof Integer n ? Math.min(Math.max(n, 1), PageRequest.MAX_SIZE) : PageRequest.DEFAULT_SIZE;
			}
			String name = field.getName();
			if (name.equals("edges") || name.equals("nodes")) {
				return 1;
			}
			return listOfObjects(field.getType()) ? ASSUMED_LIST_SIZE : 1;
		}

		/** Every list in the arguments, inputs' fields included, is bounded. */
		private void checkLists(String fieldName, Iterable<?> values) {
			for (Object value : values) {
				if (value instanceof List<?> list) {
					if (list.size() > limits.maxListArgument() && problem == null) {
						problem = "A list argument of " + fieldName + " has " + list.size() + " items; at most "
								+ limits.maxListArgument() + " are allowed";
					}
					checkLists(fieldName, list);
				}
				else if (value instanceof Map<?, ?> input) {
					checkLists(fieldName, input.values());
				}
			}
		}

		private static long sizeOf(@Nullable Object value) {
			return value instanceof List<?> list ? Math.max(list.size(), 1) : 1;
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
