package cn.mediagraph.platform.graphql;

import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query must not take the server down: depth and multiplicative cost are checked
 * before anything is fetched. Runs on a small recursive schema, since the point is the
 * shape of queries, whatever the graph.
 */
class QueryLimitsTests {

	private static final String SDL = """
			type Query { story: Story }
			type Story { id: ID, title: String, related(first: Int): [Story], tags: [Tag] }
			type Tag { name: String }
			""";

	private final GraphQL graphQL = GraphQL.newGraphQL(schema())
		.instrumentation(new QueryCostInstrumentation(6, 10_000))
		.build();

	private static GraphQLSchema schema() {
		Map<String, Object> story = Map.of("id", "1", "title", "t");
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", type -> type.dataFetcher("story", env -> story))
			.type("Story", type -> type.dataFetcher("related", env -> List.of(story)))
			.build();
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
	}

	@Test
	void aReasonableQueryRuns() {
		ExecutionResult result = graphQL.execute("{ story { id related(first: 50) { title tags { name } } } }");
		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData()).containsKey("story");
	}

	@Test
	void tooDeepIsRefused() {
		ExecutionResult result = graphQL.execute("{ story { related { related { related { related { related { related { id } } } } } } } }");
		assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("nested 8 deep"));
		assertThat(result.<Object>getData()).isNull();
	}

	@Test
	void costMultipliesThroughListsSoAShortQueryCannotFanOut() {
		// 100 × 100 × (1 + 1) nodes: short to write, twenty thousand to fetch
		ExecutionResult result = graphQL.execute("{ story { related(first: 100) { related(first: 100) { id } } } }");
		assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage()).contains("at most 10000"));
	}

	@Test
	void listsWithoutPageSizesCountAsTenEach() {
		ExecutionResult result = graphQL.execute("{ story { tags { name } related(first: 10) { tags { name } } } }");
		assertThat(result.getErrors()).isEmpty();
	}

	@Test
	void introspectionIsExemptBecauseGraphiQlNeedsIt() {
		ExecutionResult result = graphQL.execute(
				"{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }");
		assertThat(result.getErrors()).isEmpty();
	}

}
