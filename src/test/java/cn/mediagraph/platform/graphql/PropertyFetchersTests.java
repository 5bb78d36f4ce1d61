package cn.mediagraph.platform.graphql;

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
 * Fields without a controller read their source's property of the same name, whatever kind of
 * object the source is, exactly as graphql-java's own default would.
 */
class PropertyFetchersTests {

	private static final String SDL = """
			type Query { items: [Item] }
			type Item { name: String active: Boolean score: Int note: String }
			""";

	record Story(String name, boolean active) {
	}

	static final class Bean {

		public String getName() {
			return "bean";
		}

		public boolean isActive() {
			return true;
		}

		public int getScore() {
			return 7;
		}

	}

	public static final class WithField {

		public final String name = "field";

	}

	static final class Broken {

		public String getName() {
			throw new IllegalStateException("no name today");
		}

	}

	@Test
	void recordsBeansMapsAndPublicFieldsAreReadByPropertyName() {
		Object[] items = { new Story("record", true), new Bean(), Map.of("name", "map", "score", 3), new WithField() };

		ExecutionResult result = run(items, "{ items { name active score note } }");

		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData().get("items")).asList()
			.containsExactly(row("record", true, null), row("bean", true, 7), row("map", null, 3),
					row("field", null, null));
	}

	/** Where graphql-java might choose another reader than the plain one, it is left to choose. */
	public static final class Ambiguous {

		public String getName() {
			return "plain";
		}

		public String getName(graphql.schema.DataFetchingEnvironment environment) {
			return "with the environment";
		}

		public Boolean getActive() {
			return false;
		}

		public Boolean isActive() {
			return true;
		}

		public int getScore() throws java.io.IOException {
			throw new java.io.IOException("score unavailable");
		}

	}

	@Test
	void everySourceAnswersAsGraphqlJavasOwnDefaultWould() {
		Object[] items = { new Story("record", true), new Bean(), Map.of("name", "map"), new WithField(), new Ambiguous() };
		String query = "{ items { name active score note } }";

		ExecutionResult ours = run(items, query);
		ExecutionResult theirs = runWith(null, items, query);

		assertThat(ours.<Object>getData()).isEqualTo(theirs.getData());
		assertThat(ours.getErrors()).extracting(error -> error.getPath())
			.isEqualTo(theirs.getErrors().stream().map(error -> error.getPath()).toList());
		assertThat(ours.getErrors()).singleElement()
			.satisfies(error -> assertThat(error.getMessage()).contains("score unavailable"));
	}

	@Test
	void aReaderThatFailsIsAnErrorOnItsFieldAlone() {
		ExecutionResult result = run(new Object[] { new Broken(), new Story("fine", false) }, "{ items { name } }");

		assertThat(result.getErrors()).singleElement()
			.satisfies(error -> assertThat(error.getPath()).containsExactly("items", 0, "name"));
		assertThat(result.<Map<String, Object>>getData().get("items")).asList()
			.containsExactly(java.util.Collections.singletonMap("name", null), Map.of("name", "fine"));
	}

	@Test
	void theSameFieldReadsDifferentKindsOfSourceInOneResponse() {
		Object[] items = { new Bean(), new Story("second", false), new Bean() };

		ExecutionResult result = run(items, "{ items { name active } }");

		assertThat(result.<Map<String, Object>>getData().get("items")).asList()
			.map(item -> (Object) ((Map<?, ?>) item).get("name"))
			.containsExactly("bean", "second", "bean");
	}

	private static ExecutionResult run(Object[] items, String query) {
		return runWith(new PropertyFetchers(), items, query);
	}

	private static ExecutionResult runWith(PropertyFetchers factory, Object[] items, String query) {
		RuntimeWiring.Builder builder = RuntimeWiring.newRuntimeWiring();
		if (factory != null) {
			builder.wiringFactory(factory);
		}
		RuntimeWiring wiring = builder
			.type("Query", type -> type.dataFetcher("items", environment -> java.util.List.of(items)))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
		return GraphQL.newGraphQL(schema).build().execute(query);
	}

	private static Map<String, Object> row(String name, Boolean active, Integer score) {
		Map<String, Object> row = new java.util.LinkedHashMap<>();
		row.put("name", name);
		row.put("active", active);
		row.put("score", score);
		row.put("note", null);
		return row;
	}

}
