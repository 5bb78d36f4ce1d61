package cn.mediagraph.platform.graphql;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Keeps parsed and validated documents by their text: front ends send the same few queries
 * with different variables, and parsing plus validation is a quarter of a small query's cost.
 * Only valid documents are kept, at most {@value #MAX_ENTRIES}; past that the cache starts
 * over, so a client sending endless distinct queries cannot grow it. A valid document is left
 * in the request's context for {@link ParsedOperations}.
 */
class ParsedDocumentCache implements PreparsedDocumentProvider {

	static final int MAX_ENTRIES = 1000;

	private final Map<String, PreparsedDocumentEntry> entries = new ConcurrentHashMap<>();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		PreparsedDocumentEntry cached = entries.get(input.getQuery());
		if (cached != null) {
			ParsedOperations.remember(input, cached.getDocument());
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (!entry.hasErrors()) {
			ParsedOperations.remember(input, entry.getDocument());
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
			entries.put(input.getQuery(), entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

}
