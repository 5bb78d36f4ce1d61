package cn.mediagraph.platform.observability;

import java.util.Optional;

import graphql.language.OperationDefinition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operation names become metric tags, so their number is bounded. */
class OperationNamesTests {

	@Test
	void namesAreKeptUpToTheLimitThenCountedAsOther() {
		OperationNames names = new OperationNames(2);
		assertThat(names.tag(named("Stories"))).isEqualTo("Stories");
		assertThat(names.tag(named("Story"))).isEqualTo("Story");
		assertThat(names.tag(named("Invented1"))).isEqualTo(OperationNames.OTHER);
		assertThat(names.tag(named("Stories"))).as("known names stay").isEqualTo("Stories");
	}

	@Test
	void unnamedInvalidAndLongNamesHaveFixedTags() {
		OperationNames names = new OperationNames(10);
		assertThat(names.tag(Optional.of(OperationDefinition.newOperationDefinition().build()))).isEqualTo("anonymous");
		assertThat(names.tag(Optional.empty())).isEqualTo("invalid");
		assertThat(names.tag(named("N".repeat(500)))).hasSize(OperationNames.MAX_LENGTH);
	}

	@Test
	void generatedRequestIdsAreHexAndOfferedOnesAreChecked() {
		assertThat(RequestIdFilter.newId()).matches("[0-9a-f]{32}");
		assertThat(RequestIdFilter.accepted("abc-DEF_1.2:3")).isEqualTo("abc-DEF_1.2:3");
		assertThat(RequestIdFilter.accepted("line\nbreak")).matches("[0-9a-f]{32}");
		assertThat(RequestIdFilter.accepted("")).matches("[0-9a-f]{32}");
		assertThat(RequestIdFilter.accepted(null)).matches("[0-9a-f]{32}");
	}

	private static Optional<OperationDefinition> named(String name) {
		return Optional.of(OperationDefinition.newOperationDefinition().name(name).build());
	}

}
