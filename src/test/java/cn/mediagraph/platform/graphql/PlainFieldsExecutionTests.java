package cn.mediagraph.platform.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherResult;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcut against graphql-java's own execution: the same answer, errors and their paths
 * included, for queries over data with every kind of value the shortcut must hand back to the
 * engine (nulls where the schema forbids them, values a scalar refuses, futures, wrapped
 * results, a getter that wants its environment, interfaces, a loader, a plain field that
 * declines), on hundreds of random data sets; and the shortcut is taken where it can be.
 */
class PlainFieldsExecutionTests {

	private static final String SDL = """
			scalar DateTime
			type Query { shelf: Shelf, shelves: [Shelf!]!, stack: [[Item]] }
			type Mutation { shelve: Shelf }
			enum Kind { BOOK MAGAZINE PAPER }
			interface Thing { id: ID! }
			type Box implements Thing { id: ID!, depth: Int }
			type Shelf {
			  id: ID!, name: String, label: String!, count: Int, ratio: Float, open: Boolean, kind: Kind!, kinds: [Kind],
			  tags: [String!], items: [Item], first: Item!, meta: Meta, at: DateTime, later: String, wrapped: Item,
			  where: String, thing: Thing, rows: [[Item!]], codes: [String], note: String, once: [String!]
			}
			type Item { id: ID!, title: String!, size: Int, badge: String, loaded: Item, parent: Shelf }
			type Meta { source: String, pages: Int }
			""";

	private static final List<String> QUERIES = List.of("""
			{ shelves { id name label count ratio open kind kinds tags meta { source pages } at } }""", """
			{ shelves { __typename n: name name items { __typename id title size badge } first { title } } }""", """
			{ shelf { ...S items { ...I } } } fragment S on Shelf { name label kind } fragment I on Item { title size }""", """
			{ shelf { name ... on Shelf { label items { title } } items { size } } }""", """
			query($on: Boolean!) { shelves { name tags @include(if: $on) items @skip(if: $on) { title } } }""", """
			{ shelves { name later wrapped { title size } } }""", """
			{ shelves { name where items { title } } }""", """
			{ shelves { name thing { id ... on Box { depth } } } }""", """
			{ shelves { items { title loaded { title badge size } } } }""", """
			{ stack { title size parent { name label } } }""", """
			{ shelves { first { title parent { name kind first { title } } } } }""", """
			{ shelves { name rows { title size } } }""", """
			{ shelves { name note } }""", """
			{ shelves { name once } }""", """
			{ shelves { name codes } }""", """
			mutation { shelve { name label items { title size } first { title parent { name } } } }""");

	@Test
	void answersWhatTheEngineAnswersOnRandomData() {
		GraphQL engine = graphQl(new AsyncExecutionStrategy(), null);
		GraphQL plain = graphQl(new PlainFieldsExecution(new SimpleDataFetcherExceptionHandler()), null);
		int withErrors = 0;
		for (int seed = 0; seed < 300; seed++) {
			for (String query : QUERIES) {
				Map<String, Object> variables = Map.of("on", seed % 2 == 0);
				// the same data made twice: some of it can be read only once
				ExecutionResult expected = engine.execute(input(query, variables, new Library(new Random(seed))));
				ExecutionResult actual = plain.execute(input(query, variables, new Library(new Random(seed))));
				// as text too: the maps' equality ignores the order of their keys
				assertThat(actual.toSpecification().toString()).as("seed %d: %s", seed, query)
					.isEqualTo(expected.toSpecification().toString());
				withErrors += expected.getErrors().isEmpty() ? 0 : 1;
			}
		}
		// the data sets must exercise the engine's error paths, not only the plain ones
		assertThat(withErrors).isGreaterThan(300);
	}

	@Test
	void plainObjectsAreCompletedWithoutTheEnginesPerFieldSteps() {
		AtomicInteger engineFetches = new AtomicInteger();
		AtomicInteger plainFetches = new AtomicInteger();
		Library library = new Library(null);
		String query = "{ shelves { id name kind tags items { title size } first { title } meta { source } } }";

		ExecutionResult expected = graphQl(new AsyncExecutionStrategy(), engineFetches).execute(input(query, Map.of(), library));
		ExecutionResult actual = graphQl(new PlainFieldsExecution(new SimpleDataFetcherExceptionHandler()), plainFetches)
			.execute(input(query, Map.of(), library));

		assertThat(actual.getErrors()).isEmpty();
		assertThat(actual.toSpecification()).isEqualTo(expected.toSpecification());
		assertThat(plainFetches.get()).as("only the root field goes through the engine").isEqualTo(1);
		assertThat(engineFetches.get()).as("one per field of each object: 1 + 3 × (7 + 3 × 2 + 1 + 1)").isEqualTo(46);
	}

	@Test
	void aFieldThatNeedsALoaderLeavesItsObjectsToTheEngineAndTheLoaderStillDispatches() {
		Library library = new Library(null);
		String query = "{ shelves { name items { title loaded { title } } } }";
		ExecutionResult result = graphQl(new PlainFieldsExecution(new SimpleDataFetcherExceptionHandler()), null)
			.execute(input(query, Map.of(), library));

		assertThat(result.getErrors()).isEmpty();
		List<Map<String, Object>> shelves = result.<Map<String, List<Map<String, Object>>>>getData().get("shelves");
		Map<String, Object> item = ((List<Map<String, Object>>) shelves.get(0).get("items")).get(0);
		assertThat(item).isEqualTo(Map.of("title", "item 0-0", "loaded", Map.of("title", "loaded item 0-0")));
	}

	@Test
	void aRequestCancelledWhileItRunsStopsBeforeItsPlainObjectsAndAnswersAsTheEngineDoes() {
		Library library = new Library(null);
		String query = "{ shelves { name items { title badge } } }";
		Badge.PLAIN_READS.set(0);
		Map<String, Object> answers = new HashMap<>();
		for (AsyncExecutionStrategy strategy : List.of(new AsyncExecutionStrategy(),
				new PlainFieldsExecution(new SimpleDataFetcherExceptionHandler()))) {
			ExecutionInput input = input(query, Map.of(), library);
			// the root field cancels the request (as the request timeout does), then returns its shelves
			input.getGraphQLContext().put(CANCEL, (Runnable) input::cancel);
			ExecutionResult result = graphQl(strategy, null).execute(input);
			assertThat(result.getErrors()).as("%s", strategy).isNotEmpty();
			answers.put(strategy.getClass().getSimpleName(), result.toSpecification());
		}
		assertThat(answers.get("PlainFieldsExecution")).isEqualTo(answers.get("AsyncExecutionStrategy"));
		assertThat(Badge.PLAIN_READS.get()).as("plain fields read after the cancellation").isZero();
	}

	private static final String CANCEL = "cancel-at-root";

	private static ExecutionInput input(String query, Map<String, Object> variables, Library library) {
		DataLoaderRegistry loaders = DataLoaderRegistry.newRegistry()
			.register("items", DataLoaderFactory.newDataLoader((List<Item> keys) -> CompletableFuture.completedFuture(
					keys.stream().map(key -> new Item(key.id() + "-loaded", "loaded " + key.title(), key.size(), null)).toList())))
			.build();
		return ExecutionInput.newExecutionInput(query).variables(variables).root(library).dataLoaderRegistry(loaders).build();
	}

	private static GraphQL graphQl(AsyncExecutionStrategy strategy, @Nullable AtomicInteger fetches) {
		TypeResolver things = env -> env.getSchema().getObjectType("Box");
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.scalar(DateTimeScalar.INSTANCE)
			.type("Query", type -> type.dataFetcher("shelf", env -> env.<Library>getSource().shelves().get(0))
				.dataFetcher("shelves", env -> {
					Runnable cancel = env.getGraphQlContext().get(CANCEL);
					if (cancel != null) {
						cancel.run();
					}
					return env.<Library>getSource().shelves();
				})
				.dataFetcher("stack", env -> env.<Library>getSource().stack()))
			.type("Mutation", type -> type.dataFetcher("shelve", env -> env.<Library>getSource().shelves().get(0)))
			.type("Thing", type -> type.typeResolver(things))
			.type("Item", type -> type.dataFetcher("badge", new Badge())
				.dataFetcher("loaded", env -> env.getDataLoader("items").load(env.getSource())))
			.build();
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
		GraphQL.Builder builder = GraphQL.newGraphQL(schema).queryExecutionStrategy(strategy);
		if (fetches != null) {
			builder.instrumentation(new SimplePerformantInstrumentation() {

				@Override
				public @Nullable InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
						InstrumentationState state) {
					fetches.incrementAndGet();
					return null;
				}

			});
		}
		return builder.build();
	}

	/** Plain for items of even size, declining for the others (the engine then asks {@link #get}). */
	private static final class Badge implements PlainDataFetcher<String> {

		static final AtomicInteger PLAIN_READS = new AtomicInteger();

		@Override
		public String get(DataFetchingEnvironment env) {
			return "badge " + env.<Item>getSource().size();
		}

		@Override
		public Object plainValue(GraphQLFieldDefinition field, Object source, @Nullable Object localContext) {
			PLAIN_READS.incrementAndGet();
			Item item = (Item) source;
			return item.size() == null || item.size() % 2 != 0 ? DECLINED : "badge " + item.size();
		}

	}

	enum Kind {
		BOOK, MAGAZINE, PAPER
	}

	record Box(String id, int depth) {
	}

	record Item(String id, @Nullable String title, @Nullable Integer size, @Nullable Shelf parent) {
	}

	/** Object-typed components take values of the wrong kind; some hold futures or wrapped results. */
	record Shelf(String id, @Nullable String name, @Nullable String label, @Nullable Object count, @Nullable Object ratio,
			@Nullable Boolean open, @Nullable Object kind, @Nullable List<Object> kinds, @Nullable List<@Nullable String> tags,
			@Nullable List<@Nullable Item> items, @Nullable Item first, @Nullable Map<String, Object> meta, @Nullable Instant at,
			@Nullable Object later, @Nullable Object wrapped, Box thing, @Nullable List<@Nullable List<@Nullable Item>> rows,
			@Nullable String @Nullable [] codes, @Nullable Object note, @Nullable Iterable<@Nullable String> once) {

		/** A getter that wants the environment: the shortcut cannot give one. */
		public String getWhere(DataFetchingEnvironment env) {
			return "at " + env.getExecutionStepInfo().getPath();
		}

	}

	/** Random shelves: mostly well-formed, now and then a value the schema refuses. */
	record Library(List<Shelf> shelves, List<List<@Nullable Item>> stack) {

		/** Random data, or (with no random) three well-formed shelves. */
		Library(@Nullable Random random) {
			this(shelves(random), new ArrayList<>());
			for (Shelf shelf : shelves) {
				stack.add(shelf.items() == null ? null : new ArrayList<>(shelf.items()));
			}
		}

		private static List<Shelf> shelves(@Nullable Random random) {
			List<Shelf> shelves = new ArrayList<>();
			int count = random == null ? 3 : 1 + random.nextInt(4);
			for (int s = 0; s < count; s++) {
				shelves.add(shelf(random, s));
			}
			return shelves;
		}

		private static Shelf shelf(@Nullable Random random, int s) {
			Chance chance = new Chance(random);
			List<@Nullable Item> items = new ArrayList<>();
			int itemCount = random == null ? 3 : random.nextInt(4);
			for (int i = 0; i < itemCount; i++) {
				items.add(chance.rarely() ? null
						: new Item("i" + s + "-" + i, chance.rarely() ? null : "item " + s + "-" + i, chance.rarely() ? null : s * 10 + i, null));
			}
			Map<String, Object> meta = new HashMap<>();
			meta.put("source", chance.rarely() ? 7 : "wire " + s);
			meta.put("pages", chance.rarely() ? "many" : s + 1);
			List<@Nullable String> tags = new ArrayList<>(List.of("a" + s, "b" + s));
			if (chance.rarely()) {
				tags.add(null);
			}
			Object kind = chance.rarely() ? null : chance.rarely() ? "NOVEL" : chance.rarely() ? "PAPER" : Kind.values()[s % 3];
			Object count = chance.rarely() ? "lots" : chance.rarely() ? Long.MAX_VALUE : s * 3;
			Object later = chance.rarely() ? CompletableFuture.completedFuture("later " + s) : "now " + s;
			Object wrapped = chance.rarely() ? DataFetcherResult.newResult().data(items.isEmpty() ? null : items.get(0)).build()
					: items.isEmpty() ? null : items.get(0);
			Item first = chance.rarely() ? null : new Item("f" + s, "first " + s, s, null);
			List<@Nullable List<@Nullable Item>> rows = new ArrayList<>(List.of(items, List.of(new Item("r" + s, "row " + s, s, null))));
			if (chance.rarely()) {
				rows.add(null);
			}
			Object note = chance.rarely() ? Optional.empty() : chance.rarely() ? Optional.of(Optional.of("deep " + s)) : Optional.of("note " + s);
			List<@Nullable String> onceItems = new ArrayList<>(List.of("o" + s));
			if (chance.rarely()) {
				onceItems.add(null);
			}
			Iterator<@Nullable String> onceIterator = onceItems.iterator();
			Iterable<@Nullable String> once = () -> onceIterator;
			Shelf shelf = new Shelf("s" + s, chance.rarely() ? null : "shelf " + s, chance.rarely() ? null : "label " + s, count,
					chance.rarely() ? "wide" : s + 0.5, s % 2 == 0, kind, List.of(Kind.BOOK, chance.rarely() ? "ATLAS" : Kind.PAPER),
					chance.rarely() ? null : tags, chance.rarely() ? null : items, first, chance.rarely() ? null : meta,
					chance.rarely() ? null : Instant.ofEpochSecond(1_790_000_000L + s), later, wrapped, new Box("b" + s, s), rows,
					new String[] { "c" + s, chance.rarely() ? null : "d" + s }, note, once);
			return withParents(shelf);
		}

		/** Items point back at their shelf (one level: the shelf of a parent has items without parents). */
		private static Shelf withParents(Shelf shelf) {
			if (shelf.items() == null) {
				return shelf;
			}
			List<@Nullable Item> items = new ArrayList<>();
			for (Item item : shelf.items()) {
				items.add(item == null ? null : new Item(item.id(), item.title(), item.size(), shelf));
			}
			Item first = shelf.first() == null ? null : new Item(shelf.first().id(), shelf.first().title(), shelf.first().size(), shelf);
			return new Shelf(shelf.id(), shelf.name(), shelf.label(), shelf.count(), shelf.ratio(), shelf.open(), shelf.kind(),
					shelf.kinds(), shelf.tags(), items, first, shelf.meta(), shelf.at(), shelf.later(), shelf.wrapped(), shelf.thing(),
					shelf.rows(), shelf.codes(), shelf.note(), shelf.once());
		}

	}

	/** One time in eight, something goes wrong; never without a random. */
	private record Chance(@Nullable Random random) {

		boolean rarely() {
			return random != null && random.nextInt(8) == 0;
		}

	}

}
