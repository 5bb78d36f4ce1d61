package cn.mediagraph.platform.graphql;

import java.util.List;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.PropertyDataFetcher;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Scalars, global ids and the limits that keep one query from taking the server down. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	/** Deep enough for any real screen; a deeper query is a mistake or an attack. */
	static final int MAX_DEPTH = 12;

	/** Room for a full page of 100 stories with their versions, channels and reach; not for lists of lists of lists. */
	static final long MAX_COST = 100_000;

	@Bean
	RuntimeWiringConfigurer scalars() {
		return wiring -> wiring.scalar(DateTimeScalar.INSTANCE);
	}

	@Bean
	GraphQlSourceBuilderCustomizer globalIdsAndParsedDocuments() {
		ParsedDocumentCache documents = new ParsedDocumentCache();
		return builder -> builder.typeVisitors(List.of(new GlobalIdVisitor()))
			.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(documents));
	}

	@Bean
	QueryCostInstrumentation queryCost() {
		return new QueryCostInstrumentation(MAX_DEPTH, MAX_COST);
	}

	/**
	 * Every object type that implements {@code Node} exposes its document id as a global id, so
	 * no controller has to remember to encode it.
	 */
	static final class GlobalIdVisitor extends GraphQLTypeVisitorStub {

		@Override
		public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
				TraverserContext<GraphQLSchemaElement> context) {
			boolean node = type.getInterfaces().stream().anyMatch(i -> i.getName().equals("Node"));
			if (node) {
				GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
				registry.dataFetcher(FieldCoordinates.coordinates(type.getName(), "id"), encoding(type.getName()));
			}
			return TraversalControl.CONTINUE;
		}

		private static DataFetcher<String> encoding(String typeName) {
			DataFetcher<?> raw = PropertyDataFetcher.fetching("id");
			return env -> GlobalId.encode(typeName, String.valueOf(raw.get(env)));
		}

	}

}
