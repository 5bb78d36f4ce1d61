package cn.mediagraph.story;

import java.util.List;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;

/** Finds what a schema leaves undescribed: the schema is the API's documentation. */
final class SchemaDescriptions {

	private SchemaDescriptions() {
	}

	static void collectUndocumented(GraphQLNamedType type, List<String> undocumented) {
		check(type.getDescription(), type.getName(), undocumented);
		if (type instanceof GraphQLObjectType object) {
			object.getFieldDefinitions().forEach(field -> collectUndocumented(field, type.getName(), undocumented));
		}
		if (type instanceof GraphQLInputObjectType input) {
			for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
				check(field.getDescription(), type.getName() + "." + field.getName(), undocumented);
			}
		}
		if (type instanceof GraphQLEnumType enumType) {
			for (GraphQLEnumValueDefinition value : enumType.getValues()) {
				check(value.getDescription(), type.getName() + "." + value.getName(), undocumented);
			}
		}
	}

	static void collectUndocumented(GraphQLFieldDefinition field, String owner, List<String> undocumented) {
		String path = owner + "." + field.getName();
		check(field.getDescription(), path, undocumented);
		for (GraphQLArgument argument : field.getArguments()) {
			check(argument.getDescription(), path + "(" + argument.getName() + ")", undocumented);
		}
	}

	private static void check(String description, String path, List<String> undocumented) {
		if (description == null || description.isBlank()) {
			undocumented.add(path);
		}
	}

}
