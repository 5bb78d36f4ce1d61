package cn.mediagraph.platform.graphql;

import java.util.Optional;

import graphql.ExecutionInput;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;

/**
 * The operation a request ran, read from the document that was already parsed for it (the
 * parsed-document cache leaves it in the request's GraphQL context), so that logs and metrics
 * can name operations without parsing anything twice.
 */
public final class ParsedOperations {

	private ParsedOperations() {
	}

	static void remember(ExecutionInput input, Document document) {
		input.getGraphQLContext().put(Document.class, document);
	}

	/**
	 * The operation the request selected; empty when its document did not parse or validate,
	 * or names no such operation.
	 */
	public static Optional<OperationDefinition> of(ExecutionInput input) {
		Document document = input.getGraphQLContext().get(Document.class);
		return document == null ? Optional.empty() : Optional.ofNullable(select(document, input.getOperationName()));
	}

	private static @Nullable OperationDefinition select(Document document, @Nullable String operationName) {
		OperationDefinition only = null;
		int count = 0;
		for (Definition<?> definition : document.getDefinitions()) {
			if (!(definition instanceof OperationDefinition operation)) {
				continue;
			}
			if (operationName != null && operationName.equals(operation.getName())) {
				return operation;
			}
			only = operation;
			count++;
		}
		return operationName == null && count == 1 ? only : null;
	}

}
