package cn.mediagraph.platform.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.execution.ErrorType;

/**
 * Trusted (persisted) documents: the GraphQL documents a front end ships with, known to the
 * server by their SHA-256. A client sends the hash instead of the text, as
 * {@code extensions.persistedQuery.sha256Hash} (the Apollo convention); with
 * {@code mediagraph.graphql.trusted-documents-only} the server runs nothing else, so a stolen
 * token cannot be used to send hand-made queries. Documents are read at start-up from
 * {@code mediagraph.graphql.trusted-documents} (default: {@code *.graphql} under
 * {@code trusted-documents/} on the classpath).
 */
class TrustedDocuments implements PreparsedDocumentProvider {

	private static final Logger log = LoggerFactory.getLogger(TrustedDocuments.class);

	private final Map<String, String> byHash;

	private final boolean only;

	private final PreparsedDocumentProvider next;

	/** Free-text documents already found trusted, so their hash is not computed again. */
	private final Map<String, Boolean> trustedTexts = new ConcurrentHashMap<>();

	TrustedDocuments(Map<String, String> byHash, boolean only, PreparsedDocumentProvider next) {
		this.byHash = Map.copyOf(byHash);
		this.only = only;
		this.next = next;
	}

	static Map<String, String> load(String locationPattern) {
		Map<String, String> documents = new ConcurrentHashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver().getResources(locationPattern)) {
				if (resource.isReadable()) {
					String text = resource.getContentAsString(StandardCharsets.UTF_8);
					documents.put(sha256(text), text);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the trusted documents at " + locationPattern, ex);
		}
		log.info("Trusted GraphQL documents: {} from {}", documents.size(), locationPattern);
		return documents;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		if (PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(query)) {
			String hash = hashAsked(input.getExtensions());
			String text = hash == null ? null : byHash.get(hash.toLowerCase(java.util.Locale.ROOT));
			if (text == null) {
				return refused("PersistedQueryNotFound: no trusted document has that sha256Hash");
			}
			return next.getDocumentAsync(input.transform(builder -> builder.query(text)), parseAndValidate);
		}
		if (only && !trustedTexts.containsKey(query)) {
			if (!byHash.containsKey(sha256(query))) {
				return refused("This server runs only trusted documents: send extensions.persistedQuery.sha256Hash of one");
			}
			trustedTexts.put(query, Boolean.TRUE);
		}
		return next.getDocumentAsync(input, parseAndValidate);
	}

	private static @Nullable String hashAsked(@Nullable Map<String, Object> extensions) {
		if (extensions != null && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
				&& persisted.get("sha256Hash") instanceof String hash) {
			return hash;
		}
		return null;
	}

	private static CompletableFuture<PreparsedDocumentEntry> refused(String message) {
		return CompletableFuture.completedFuture(new PreparsedDocumentEntry(
				GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(message).build()));
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
