package cn.mediagraph.platform.audit;

import java.util.List;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every field of the Mutation type recorded in the audit log, whichever feature declares it. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	GraphQlSourceBuilderCustomizer auditedMutations(AuditRecorder recorder) {
		return builder -> builder.typeVisitors(List.of(new MutationAuditor(recorder)));
	}

	/** Wraps each Mutation field's data fetcher in the recorder. */
	static final class MutationAuditor extends GraphQLTypeVisitorStub {

		private final AuditRecorder recorder;

		MutationAuditor(AuditRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
				TraverserContext<GraphQLSchemaElement> context) {
			if (!type.getName().equals("Mutation")) {
				return TraversalControl.CONTINUE;
			}
			GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), field.getName());
				DataFetcher<?> mutation = registry.getDataFetcher(coordinates, field);
				registry.dataFetcher(coordinates, recorder.audited(field.getName(), mutation));
			}
			return TraversalControl.CONTINUE;
		}

	}

}
