package cn.mediagraph.platform.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollector;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultNodesInfo;
import graphql.introspection.Introspection;
import graphql.language.Field;
import graphql.scalar.GraphqlIDCoercing;
import graphql.scalar.GraphqlStringCoercing;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.SingletonPropertyDataFetcher;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * graphql-java's execution of queries, with one shortcut: an object whose selected fields are
 * all plain (properties of the object, {@link PlainDataFetcher}s, {@code __typename}), with plain
 * values below them, is completed in one pass over a plan of its selection, made once per
 * request.
 * <p>
 * Why: the engine spends the same bookkeeping on a story's title as on a controller's field (a
 * step info, a result path with its text, parameters, instrumentation contexts, a data-loader
 * level count, a result-node check), and the newsroom list has about 500 fields. Profiled under
 * load, that bookkeeping was a third of the list's time, more than the index lookups it serves.
 * <p>
 * The shortcut answers what the engine answers, or steps aside. It declines, and the object
 * takes the engine's way, when anything is not plainly a value: a field with another fetcher (a
 * controller's, a loader's), an interface or union below, a value that is a future, a publisher
 * or a {@link DataFetcherResult}, a null where the schema forbids one, a value a scalar refuses,
 * a fetcher that throws or needs its environment, a list that is not a collection. The engine
 * then reports errors as always. Plain fields are read again then, which is why they must be
 * free of side effects, and why what they compute is computed once ({@link Lazily}: a page's
 * total, its facets). A plan that declined is not tried again in its request.
 * <p>
 * Fields completed here get no per-field instrumentation callbacks (nor data fetchers wrapped by
 * an instrumentation). None of this application's
 * instrumentation asks for them (the cost and rate checks and the request metrics work per
 * operation) and Spring's observations leave trivial fetchers out. A cancelled request (past
 * its timeout) stops before each object, as in the engine. The shortcut is off for a request
 * that may defer results ({@code @defer}) or counts result nodes.
 */
final class PlainFieldsExecution extends AsyncExecutionStrategy {

	/** A shortcut declined: the engine completes the object. */
	static final Object DECLINED = new Object() {

		@Override
		public String toString() {
			return "DECLINED";
		}

	};

	private static final String PLANS_KEY = PlainFieldsExecution.class.getName() + ".plans";

	/** Handed to a property fetcher: a getter that wants the environment sends the object the engine's way. */
	private static final Supplier<DataFetchingEnvironment> NO_ENVIRONMENT = () -> {
		throw NeedsEnvironment.INSTANCE;
	};

	/** Names of Java enum constants in each enum type, learnt from the type. */
	private final ConcurrentMap<GraphQLEnumType, ConcurrentMap<Enum<?>, Object>> enumNames = new ConcurrentHashMap<>();

	PlainFieldsExecution(DataFetcherExceptionHandler exceptionHandler) {
		super(exceptionHandler);
	}

	@Override
	protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
			GraphQLObjectType type, Object source) {
		Plans plans = context.getGraphQLContext().computeIfAbsent(PLANS_KEY, key -> new Plans(context));
		ObjectPlan plan = plans.enabled ? plans.plan(context, parameters.getField(), type) : null;
		if (plan != null && !plan.declined) {
			Object value = new Completion(context).complete(plan, source, parameters.getLocalContext());
			if (value != DECLINED) {
				return value;
			}
		}
		return super.completeValueForObject(context, parameters, type, source);
	}

	/** graphql-java's fetchers of an object's property (by the field's name, or another). */
	static boolean isProperty(DataFetcher<?> fetcher) {
		return fetcher instanceof SingletonPropertyDataFetcher<?> || fetcher instanceof PropertyDataFetcher<?>;
	}

	/** A property fetcher's value for this object, with no environment: a getter that wants one throws. */
	static @Nullable Object property(LightDataFetcher<?> fetcher, GraphQLFieldDefinition field, Object source) throws Exception {
		return fetcher.get(field, source, NO_ENVIRONMENT);
	}

	private static boolean textual(Coercing<?, ?> coercing) {
		return coercing.getClass() == GraphqlStringCoercing.class || coercing.getClass() == GraphqlIDCoercing.class;
	}

	/**
	 * A request's plans (a subscription's: one for all its events), by the fields of the document
	 * they complete and the object type. Bounded by the document: the engine makes a new merged
	 * field for every object it completes, but of the same syntax nodes.
	 */
	private final class Plans {

		private static final Object NOT_PLAIN = new Object();

		private final boolean enabled;

		/** Per fields of the document and object type: an {@link ObjectPlan}, or {@link #NOT_PLAIN}. */
		private final Map<PlanKey, Object> plans = new ConcurrentHashMap<>();

		Plans(ExecutionContext context) {
			this.enabled = !context.hasIncrementalSupport()
					&& context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null;
		}

		@Nullable ObjectPlan plan(ExecutionContext context, MergedField field, GraphQLObjectType type) {
			PlanKey key = new PlanKey(field.getFields(), type);
			Object plan = plans.get(key);
			if (plan == null) {
				ObjectPlan built = build(context, field, type);
				plan = built == null ? NOT_PLAIN : built;
				plans.putIfAbsent(key, plan);
			}
			return plan instanceof ObjectPlan objectPlan ? objectPlan : null;
		}

		private @Nullable ObjectPlan build(ExecutionContext context, MergedField field, GraphQLObjectType type) {
			FieldCollectorParameters collecting = FieldCollectorParameters.newParameters()
				.schema(context.getGraphQLSchema())
				.objectType(type)
				.fragments(context.getFragmentsByName())
				.variables(context.getCoercedVariables().toMap())
				.graphQLContext(context.getGraphQLContext())
				.build();
			MergedSelectionSet selection = fieldCollector.collectFields(collecting, field, false);
			List<String> keys = selection.getKeys();
			FieldPlan[] fields = new FieldPlan[keys.size()];
			for (int i = 0; i < fields.length; i++) {
				fields[i] = fieldPlan(context, type, selection.getSubField(keys.get(i)));
				if (fields[i] == null) {
					return null;
				}
			}
			return new ObjectPlan(keys, fields);
		}

		private @Nullable FieldPlan fieldPlan(ExecutionContext context, GraphQLObjectType type, MergedField field) {
			if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
				Coercing<?, ?> string = ((GraphQLScalarType) GraphQLTypeUtil.unwrapNonNull(Introspection.TypeNameMetaFieldDef.getType())).getCoercing();
				return new FieldPlan(Introspection.TypeNameMetaFieldDef, type.getName(), new ScalarPlan(true, string, textual(string)));
			}
			GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
			if (definition == null) {
				return null;
			}
			DataFetcher<?> fetcher = context.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, definition);
			if (!(fetcher instanceof PlainDataFetcher<?>) && !isProperty(fetcher)) {
				return null;
			}
			ValuePlan value = valuePlan(context, definition.getType(), field);
			return value == null ? null : new FieldPlan(definition, fetcher, value);
		}

		private @Nullable ValuePlan valuePlan(ExecutionContext context, GraphQLOutputType type, MergedField field) {
			boolean nonNull = type instanceof GraphQLNonNull;
			GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
			if (bare instanceof GraphQLList list) {
				ValuePlan item = valuePlan(context, (GraphQLOutputType) list.getWrappedType(), field);
				return item == null ? null : new ListPlan(nonNull, item);
			}
			if (bare instanceof GraphQLScalarType scalar) {
				return new ScalarPlan(nonNull, scalar.getCoercing(), textual(scalar.getCoercing()));
			}
			if (bare instanceof GraphQLEnumType enumType) {
				return new EnumPlan(nonNull, enumType, enumNames.computeIfAbsent(enumType, t -> new ConcurrentHashMap<>()));
			}
			if (bare instanceof GraphQLObjectType object) {
				ObjectPlan plan = plan(context, field, object);
				return plan == null ? null : new ObjectValuePlan(nonNull, plan);
			}
			return null;
		}

	}

	/**
	 * One object completed by its plan, with the objects below it. A plan that declines is not
	 * tried again in its request: its objects are as a rule alike (a post's channel not loaded
	 * ahead, say), and each try reads fields the engine then reads again.
	 */
	private final class Completion {

		private final ExecutionContext context;

		Completion(ExecutionContext context) {
			this.context = context;
		}

		/** The object's answer by its plan, or {@link #DECLINED}; stops, as the engine does, once the request is cancelled. */
		Object complete(ObjectPlan plan, Object source, @Nullable Object localContext) {
			context.getEngineRunningState().throwIfCancelled();
			FieldPlan[] fields = plan.fields;
			List<@Nullable Object> values = new ArrayList<>(fields.length);
			for (FieldPlan field : fields) {
				Object value = completeValue(field.value(), fetch(field, source, localContext), localContext);
				if (value == DECLINED) {
					plan.declined = true;
					return DECLINED;
				}
				values.add(value);
			}
			return context.getResponseMapFactory().createInsertionOrdered(plan.keys, values);
		}

		/** The field's value, unboxed as the engine unboxes what a fetcher returns; or {@link #DECLINED}. */
		private @Nullable Object fetch(FieldPlan field, Object source, @Nullable Object localContext) {
			Object raw;
			try {
				if (field.fetcher() instanceof PlainDataFetcher<?> plain) {
					raw = plain.plainValue(field.definition(), source, localContext);
				}
				else if (field.fetcher() instanceof LightDataFetcher<?> property) {
					raw = property(property, field.definition(), source);
				}
				else {
					raw = field.fetcher();
				}
			}
			catch (Exception ex) {
				return DECLINED;
			}
			return raw instanceof DataFetcherResult<?> ? DECLINED : context.getValueUnboxer().unbox(raw);
		}

		private @Nullable Object completeValue(ValuePlan plan, @Nullable Object raw, @Nullable Object localContext) {
			if (raw == DECLINED) {
				return DECLINED;
			}
			Object value = context.getValueUnboxer().unbox(raw);
			if (value == null) {
				return plan.nonNull() ? DECLINED : null;
			}
			if (value instanceof DataFetcherResult<?> || value instanceof CompletionStage<?> || value instanceof Publisher<?>
					|| value instanceof Flow.Publisher<?>) {
				return DECLINED;
			}
			if (plan instanceof ScalarPlan scalar) {
				return serialized(scalar, value);
			}
			if (plan instanceof EnumPlan enumPlan) {
				return serialized(enumPlan, value);
			}
			if (plan instanceof ListPlan list) {
				return completeList(list, value, localContext);
			}
			return complete(((ObjectValuePlan) plan).plan(), value, localContext);
		}

		private @Nullable Object serialized(ScalarPlan plan, Object value) {
			if (plan.textual() && value instanceof String) {
				return value;
			}
			try {
				Object serialized = plan.coercing().serialize(value, context.getGraphQLContext(), context.getLocale());
				return serialized == null && plan.nonNull() ? DECLINED : serialized;
			}
			catch (RuntimeException ex) {
				return DECLINED;
			}
		}

		private Object serialized(EnumPlan plan, Object value) {
			try {
				if (value instanceof Enum<?> constant) {
					return plan.names().computeIfAbsent(constant, c -> plan.type().serialize(c, context.getGraphQLContext(), context.getLocale()));
				}
				return plan.type().serialize(value, context.getGraphQLContext(), context.getLocale());
			}
			catch (RuntimeException ex) {
				return DECLINED;
			}
		}

		/** A collection's items (another iterable might not give its items twice, should the engine need them). */
		private Object completeList(ListPlan plan, Object value, @Nullable Object localContext) {
			if (!(value instanceof Collection<?> items)) {
				return DECLINED;
			}
			List<@Nullable Object> completed = new ArrayList<>(items.size());
			for (Object item : items) {
				Object itemValue = item instanceof DataFetcherResult<?> ? DECLINED
						: completeValue(plan.item(), context.getValueUnboxer().unbox(item), localContext);
				if (itemValue == DECLINED) {
					return DECLINED;
				}
				completed.add(itemValue);
			}
			return completed;
		}

	}

	/** Fields of the document (the syntax nodes of a merged field) in an object type. */
	private record PlanKey(List<Field> fields, GraphQLObjectType type) {

		@Override
		public boolean equals(Object other) {
			if (!(other instanceof PlanKey key) || key.type != type || key.fields.size() != fields.size()) {
				return false;
			}
			for (int i = 0; i < fields.size(); i++) {
				if (key.fields.get(i) != fields.get(i)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public int hashCode() {
			int hash = System.identityHashCode(type);
			for (Field field : fields) {
				hash = hash * 31 + System.identityHashCode(field);
			}
			return hash;
		}

	}

	/** An object's selected fields, in answer order, under their answer keys; {@code declined} once it has declined in its request. */
	private static final class ObjectPlan {

		final List<String> keys;

		final FieldPlan[] fields;

		volatile boolean declined;

		ObjectPlan(List<String> keys, FieldPlan[] fields) {
			this.keys = keys;
			this.fields = fields;
		}

	}

	/** A field: its fetcher (a property's, a {@link PlainDataFetcher}, or the value itself) and its value's plan. */
	private record FieldPlan(GraphQLFieldDefinition definition, Object fetcher, ValuePlan value) {
	}

	private sealed interface ValuePlan permits ScalarPlan, EnumPlan, ListPlan, ObjectValuePlan {

		boolean nonNull();

	}

	/** {@code textual}: graphql-java's String or ID, which serialize a Java string as itself. */
	private record ScalarPlan(boolean nonNull, Coercing<?, ?> coercing, boolean textual) implements ValuePlan {
	}

	private record EnumPlan(boolean nonNull, GraphQLEnumType type, ConcurrentMap<Enum<?>, Object> names) implements ValuePlan {
	}

	private record ListPlan(boolean nonNull, ValuePlan item) implements ValuePlan {
	}

	private record ObjectValuePlan(boolean nonNull, ObjectPlan plan) implements ValuePlan {
	}

	/** Thrown by {@link #NO_ENVIRONMENT}; carries no stack, it only turns the object back. */
	private static final class NeedsEnvironment extends RuntimeException {

		static final NeedsEnvironment INSTANCE = new NeedsEnvironment();

		private NeedsEnvironment() {
			super("a getter asked for the environment", null, false, false);
		}

	}

}
