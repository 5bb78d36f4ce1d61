package cn.mediagraph.platform.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import graphql.Scalars;
import graphql.TrivialDataFetcher;
import graphql.relay.DefaultConnection;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.LightDataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.jspecify.annotations.Nullable;

/**
 * The fields a connection type adds to edges and pageInfo ({@code totalCount}, {@code nodes},
 * {@code facets}) answer for Spring for GraphQL's empty stand-in too. When a connection field
 * fails (a page size out of range, a cursor of another list), Spring for GraphQL answers a
 * non-null connection with an empty {@link DefaultConnection} beside the error, so the
 * object holding it is not nulled; it knows only edges and pageInfo, so without this each added
 * field came back null and graphql-java reported a second, misleading error ("declared as a non
 * null type, but the code involved in retrieving data has wrongly returned a null value") and
 * nulled the holder after all. On the stand-in they are empty: zero, an empty list, an object of
 * empties. The request's one error says what was wrong.
 */
final class EmptyConnectionFields extends GraphQLTypeVisitorStub {

	private static final int MAX_DEPTH = 3;

	@Override
	public TraversalControl visitGraphQLObjectType(GraphQLObjectType type, TraverserContext<GraphQLSchemaElement> context) {
		if (!type.getName().endsWith("Connection")) {
			return TraversalControl.CONTINUE;
		}
		GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
		for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
			if (field.getName().equals("edges") || field.getName().equals("pageInfo")) {
				continue;
			}
			FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), field.getName());
			DataFetcher<?> fetcher = registry.getDataFetcher(coordinates, field);
			Object empty = empty(field.getType(), 0);
			registry.dataFetcher(coordinates, wrapped(fetcher, empty));
		}
		return TraversalControl.CONTINUE;
	}

	private static DataFetcher<?> wrapped(DataFetcher<?> fetcher, @Nullable Object empty) {
		if (fetcher instanceof LightDataFetcher<?> light) {
			return PlainFieldsExecution.isProperty(light) ? new Property(new Trivial(light, empty)) : new Trivial(light, empty);
		}
		return fetcher instanceof TrivialDataFetcher<?> ? new TrivialOther(fetcher, empty) : new Wrapped(fetcher, empty);
	}

	/** The empty value of a type: an empty list, zero, false, an object of empties; null for text. */
	static @Nullable Object empty(GraphQLOutputType type, int depth) {
		GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
		if (bare instanceof GraphQLList) {
			return List.of();
		}
		if (bare == Scalars.GraphQLInt) {
			return 0;
		}
		if (bare == Scalars.GraphQLFloat) {
			return 0.0;
		}
		if (bare == Scalars.GraphQLBoolean) {
			return false;
		}
		if (bare instanceof GraphQLObjectType object && depth < MAX_DEPTH) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
				fields.put(field.getName(), empty(field.getType(), depth + 1));
			}
			return java.util.Collections.unmodifiableMap(fields);
		}
		return null;
	}

	private static @Nullable Object fetch(DataFetcher<?> fetcher, @Nullable Object empty, DataFetchingEnvironment env)
			throws Exception {
		return standIn(env.getSource()) ? empty : fetcher.get(env);
	}

	/** Spring's stand-in is a plain DefaultConnection; a feature's own page may extend that class. */
	private static boolean standIn(@Nullable Object source) {
		return source != null && source.getClass() == DefaultConnection.class;
	}

	/**
	 * Around a fetcher that reads only its object: stays trivial, so no request context is
	 * captured for it, and light, so graphql-java builds no environment for it.
	 */
	private record Trivial(LightDataFetcher<?> fetcher, @Nullable Object empty) implements LightDataFetcher<@Nullable Object> {

		@Override
		public @Nullable Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env)
				throws Exception {
			return standIn(source) ? empty : fetcher.get(field, source, env);
		}

		@Override
		public @Nullable Object get(DataFetchingEnvironment env) throws Exception {
			return fetch(fetcher, empty, env);
		}

	}

	/** Around graphql-java's reader of a property of the object: {@link Trivial}, and plain ({@link PlainFieldsExecution}). */
	private record Property(Trivial trivial) implements LightDataFetcher<@Nullable Object>, PlainDataFetcher<@Nullable Object> {

		@Override
		public @Nullable Object plainValue(GraphQLFieldDefinition field, Object source, @Nullable Object localContext)
				throws Exception {
			return standIn(source) ? trivial.empty() : PlainFieldsExecution.property(trivial.fetcher(), field, source);
		}

		@Override
		public @Nullable Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env)
				throws Exception {
			return trivial.get(field, source, env);
		}

		@Override
		public @Nullable Object get(DataFetchingEnvironment env) throws Exception {
			return trivial.get(env);
		}

	}

	/** Around another fetcher that reads only its object: stays trivial, so no request context is captured for it. */
	private record TrivialOther(DataFetcher<?> fetcher, @Nullable Object empty) implements TrivialDataFetcher<@Nullable Object> {

		@Override
		public @Nullable Object get(DataFetchingEnvironment env) throws Exception {
			return fetch(fetcher, empty, env);
		}

	}

	/** Around a controller's fetcher: runs with the request's context as before. */
	private record Wrapped(DataFetcher<?> fetcher, @Nullable Object empty) implements DataFetcher<@Nullable Object> {

		@Override
		public @Nullable Object get(DataFetchingEnvironment env) throws Exception {
			return fetch(fetcher, empty, env);
		}

	}

}
