package cn.mediagraph.platform.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.IntegrationTest;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the whole schema: every root field a front end can call, but {@code login}, refuses
 * an anonymous caller with UNAUTHORIZED. A field added tomorrow without a guard fails here.
 */
@IntegrationTest
class SchemaSecurityTests {

	private static final List<String> PUBLIC_FIELDS = List.of("login");

	@Autowired
	GraphQlSource graphQlSource;

	@Autowired
	GraphQlClients clients;

	@Test
	void everyRootFieldButLoginNeedsSignIn() {
		GraphQLSchema schema = graphQlSource.schema();
		List<String> checked = new ArrayList<>();
		checkRoot("query", schema.getQueryType(), checked);
		checkRoot("mutation", schema.getMutationType(), checked);
		assertThat(checked).contains("viewer", "createTenant", "createUser", "node");
	}

	private void checkRoot(String operation, GraphQLObjectType root, List<String> checked) {
		for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
			if (PUBLIC_FIELDS.contains(field.getName())) {
				continue;
			}
			String document = operation + " { " + field.getName() + arguments(field) + selection(field) + " }";
			clients.anonymous().document(document).execute().errors().satisfy(errors -> {
				assertThat(errors).as(document).isNotEmpty();
				assertThat(errors).as(document).allMatch(error -> error.getErrorType() == ErrorType.UNAUTHORIZED);
			});
			checked.add(field.getName());
		}
	}

	private static String arguments(GraphQLFieldDefinition field) {
		if (field.getArguments().isEmpty()) {
			return "";
		}
		return field.getArguments().stream()
			.filter(argument -> GraphQLTypeUtil.isNonNull(argument.getType()))
			.map(argument -> argument.getName() + ": " + sample(argument.getType()))
			.collect(Collectors.joining(", ", "(", ")"))
			.replace("()", "");
	}

	/** A literal of the type with every required field filled, so the call passes validation. */
	private static String sample(GraphQLInputType type) {
		GraphQLInputType unwrapped = (GraphQLInputType) GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return "[" + sample((GraphQLInputType) list.getWrappedType()) + "]";
		}
		if (unwrapped instanceof GraphQLEnumType enumType) {
			return enumType.getValues().get(0).getName();
		}
		if (unwrapped instanceof GraphQLInputObjectType object) {
			return object.getFieldDefinitions().stream()
				.filter(f -> f.getType() instanceof GraphQLNonNull)
				.map(f -> f.getName() + ": " + sample(f.getType()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		return switch (((GraphQLScalarType) unwrapped).getName()) {
			case "Int", "Float" -> "1";
			case "Boolean" -> "false";
			case "DateTime" -> "\"2026-01-01T00:00:00+08:00\"";
			default -> "\"x\"";
		};
	}

	private static String selection(GraphQLFieldDefinition field) {
		return GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLScalarType ? "" : " { __typename }";
	}


}
