package cn.mediagraph.platform.graphql;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.execution.MergedField;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a field below the one being fetched was asked for, however the client wrote it. */
class SelectionsTests {

	private static final String[] CHANNEL = { "edges", "node", "versions", "channel" };

	@Test
	void aFieldWrittenOutInFullIsSelected() {
		DataFetchingEnvironment stories = storiesField(
				"{ stories { edges { node { id versions { format channel { name } } } } } }");

		assertThat(Selections.selects(stories, CHANNEL)).isTrue();
		assertThat(Selections.selects(stories, "edges", "node", "versions")).isTrue();
	}

	@Test
	void aFieldNotAskedForIsNotSelected() {
		DataFetchingEnvironment stories = storiesField("{ stories { edges { node { id versions { format } } } } }");

		assertThat(Selections.selects(stories, CHANNEL)).isFalse();
		assertThat(Selections.selects(stories, "nodes", "versions", "channel")).isFalse();
		assertThat(Selections.selects(stories, "edges", "cursor")).isFalse();
	}

	@Test
	void aliasesDoNotHideTheFieldName() {
		DataFetchingEnvironment stories = storiesField(
				"{ stories { e: edges { n: node { v: versions { where: channel { id } } } } } }");

		assertThat(Selections.selects(stories, CHANNEL)).isTrue();
	}

	@Test
	void fieldsInsideInlineAndNamedFragmentsAreSelected() {
		DataFetchingEnvironment inline = storiesField(
				"{ stories { edges { node { ... on Story { versions { channel { id } } } } } } }");
		DataFetchingEnvironment named = storiesField("""
				{ stories { ...Page } }
				fragment Page on StoryConnection { edges { node { ...Row } } }
				fragment Row on Story { versions { channel { id } } }
				""");

		assertThat(Selections.selects(inline, CHANNEL)).isTrue();
		assertThat(Selections.selects(named, CHANNEL)).isTrue();
	}

	@Test
	void theSameFieldAskedTwiceIsSelectedIfEitherAsksForThePath() {
		DataFetchingEnvironment stories = storiesField(
				"{ stories { edges { cursor } } stories { edges { node { versions { channel { id } } } } } }");

		assertThat(Selections.selects(stories, CHANNEL)).isTrue();
	}

	/** The environment of the query's {@code stories} fields (merged, as graphql-java merges them). */
	private static DataFetchingEnvironment storiesField(String query) {
		Document document = Parser.parse(query);
		OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
		MergedField.Builder merged = MergedField.newMergedField();
		operation.getSelectionSet().getSelectionsOfType(Field.class).forEach(merged::addField);
		Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class)
			.stream()
			.collect(Collectors.toMap(FragmentDefinition::getName, Function.identity()));
		return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
			.mergedField(merged.build())
			.fragmentsByName(fragments)
			.build();
	}

}
