package cn.mediagraph.platform.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query must not take the server down: operations, depth, aliases, directives, list
 * arguments and multiplicative cost are checked before anything is fetched. Runs on a small
 * recursive schema with the same cost directives as the real one, since the point is the shape
 * of queries, whatever the graph.
 */
class QueryLimitsTests {

	private static final String SDL = """
			directive @cost(weight: Int!) on FIELD_DEFINITION
			directive @listSize(sizedBy: String!) on FIELD_DEFINITION
			directive @adminOperation on FIELD_DEFINITION
			type Query {
			  story: Story
			  stories(first: Int, last: Int, tags: [String]): StoryConnection
			  nodes(ids: [ID!]!): [Story]! @listSize(sizedBy: "ids")
			}
			type Mutation { rebuild: Int @adminOperation @cost(weight: 1000) }
			type StoryConnection { nodes: [Story] totalCount: Int @cost(weight: 10) }
			type Story { id: ID, title: String, related(first: Int): [Story], tags: [Tag] }
			type Tag { name: String }
			""";

	private final List<Long> charged = new ArrayList<>();

	private final GraphQL graphQL = GraphQL.newGraphQL(schema())
		.instrumentation(new QueryLimitsInstrumentation(limits(6, 10_000), (context, cost) -> charged.add(cost)))
		.build();

	static GraphQlLimits limits(int maxDepth, long maxCost) {
		return new GraphQlLimits(DataSize.ofMegabytes(2), 16384, 2000, maxDepth, 20, 10, 100, maxCost, Duration.ofSeconds(30),
				new GraphQlLimits.Budget(1000, 100, Duration.ofSeconds(1)), 8, false, "classpath*:none/*.graphql");
	}

	private static GraphQLSchema schema() {
		Map<String, Object> story = Map.of("id", "1", "title", "t");
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.type("Query", type -> type.dataFetcher("story", env -> story)
				.dataFetcher("stories", env -> Map.of("nodes", List.of(story), "totalCount", 1))
				.dataFetcher("nodes", env -> List.of(story)))
			.type("Mutation", type -> type.dataFetcher("rebuild", env -> 1))
			.type("Story", type -> type.dataFetcher("related", env -> List.of(story)))
			.build();
		return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
	}

	private ExecutionResult run(String query) {
		return graphQL.execute(query);
	}

	private static void assertRefused(ExecutionResult result, String because) {
		assertThat(result.getErrors()).singleElement().satisfies(error -> assertThat(error.getMessage()).contains(because));
		assertThat(result.<Object>getData()).isNull();
	}

	@Test
	void aRepeatedDocumentIsJudgedByItsVariablesEachTime() {
		// as in the app: parsed documents are kept, so a verdict may be kept per document and variables;
		// stories(first: n) { nodes { related(first: n) { id } } } costs (1 + 1 + n) × n
		GraphQL cached = GraphQL.newGraphQL(schema())
			.preparsedDocumentProvider(new ParsedDocumentCache())
			.instrumentation(new QueryLimitsInstrumentation(limits(6, 10_000), (context, cost) -> charged.add(cost)))
			.build();
		String query = "query($n: Int) { stories(first: $n) { nodes { related(first: $n) { id } } } }";
		java.util.function.IntFunction<ExecutionResult> run = n -> cached.execute(
				ExecutionInput.newExecutionInput().query(query).variables(Map.of("n", n)).build());

		assertThat(run.apply(5).getErrors()).isEmpty();
		assertRefused(run.apply(200), "objects");
		assertThat(run.apply(5).getErrors()).isEmpty();
		assertRefused(run.apply(200), "objects");
		assertThat(run.apply(50).getErrors()).isEmpty();
		assertThat(charged).as("each run charged what its variables ask for").containsExactly(35L, 35L, 2600L);
	}

	@Test
	void aReasonableQueryRunsAndIsChargedItsCost() {
		ExecutionResult result = run("{ story { id related(first: 50) { title tags { name } } } }");
		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData()).containsKey("story");
		// story 1 + 50 × (related 1 + 10 tags × 1)
		assertThat(charged).containsExactly(1L + 50 * (1 + 10));
	}

	@Test
	void tooDeepIsRefused() {
		assertRefused(run("{ story { related { related { related { related { related { related { id } } } } } } } }"),
				"nested 8 deep");
	}

	@Test
	void costMultipliesThroughListsSoAShortQueryCannotFanOut() {
		// 100 × 100 nodes: short to write, ten thousand to fetch
		assertRefused(run("{ story { related(first: 100) { related(first: 100) { id } } } }"), "at most 10000");
		assertThat(charged).isEmpty();
	}

	@Test
	void listsWithoutPageSizesCountAsTenEach() {
		assertThat(run("{ story { tags { name } related(first: 10) { tags { name } } } }").getErrors()).isEmpty();
	}

	@Test
	void nodesCostsAsManyAsTheIdsAsked() {
		String ids = IntStream.range(0, 100).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(","));
		assertThat(run("{ nodes(ids: [" + ids + "]) { id } }").getErrors()).isEmpty();
		assertThat(charged).containsExactly(100L);
		assertRefused(run("{ nodes(ids: [" + ids + "]) { related(first: 100) { id } } }"), "at most 10000");
	}

	@Test
	void aListArgumentLongerThanTheLimitIsRefused() {
		String ids = IntStream.range(0, 101).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(","));
		assertRefused(run("{ nodes(ids: [" + ids + "]) { id } }"), "101 items; at most 100");
		assertRefused(run("{ stories(tags: [" + ids + "]) { totalCount } }"), "101 items; at most 100");
	}

	@Test
	void lastIsCostedLikeFirst() {
		assertRefused(run("{ stories(last: 100) { nodes { related(first: 100) { id } } } }"), "at most 10000");
		assertThat(run("{ stories(last: 5) { nodes { id } } }").getErrors()).isEmpty();
		assertThat(charged).containsExactly(5L * (1 + 1));
	}

	@Test
	void countsCostWhatTheyLoad() {
		assertThat(run("{ stories(first: 1) { totalCount } }").getErrors()).isEmpty();
		assertThat(charged).containsExactly(11L);
	}

	@Test
	void moreThanTwentyAliasesAreRefused() {
		String aliases = IntStream.range(0, 21).mapToObj(i -> "a" + i + ": story { id }").collect(Collectors.joining(" "));
		assertRefused(run("{ " + aliases + " }"), "21 aliases");
	}

	@Test
	void moreThanTenDirectivesAreRefused() {
		String fields = IntStream.range(0, 11).mapToObj(i -> "id @include(if: true)").collect(Collectors.joining(" "));
		assertRefused(run("{ story { " + fields + " } }"), "11 directives");
	}

	@Test
	void oneOperationPerRequest() {
		ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
			.query("query A { story { id } } query B { story { title } }")
			.operationName("A")
			.build());
		assertRefused(result, "one operation per request");
	}

	@Test
	void anAdministrativeOperationRunsAtMostOncePerRequest() {
		assertThat(run("mutation { rebuild }").getErrors()).isEmpty();
		assertRefused(run("mutation { a: rebuild b: rebuild }"), "at most once per request");
	}

	@Test
	void introspectionIsExemptBecauseGraphiQlNeedsIt() {
		ExecutionResult result = run(
				"{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }");
		assertThat(result.getErrors()).isEmpty();
	}

}
