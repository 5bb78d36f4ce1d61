package cn.mediagraph.platform.graphql;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request to {@code /graphql} may ask of the server. Each limit, when hit, is a clear
 * error before any work is done: never a hang or a 500.
 *
 * @param maxBodySize the request body: room for the longest story with its versions in
 * variables (the import and ingest endpoints stream instead); larger is refused with 413
 * @param maxDocumentLength characters of the GraphQL document
 * @param maxTokens parser tokens of the document
 * @param maxDepth nesting of fields
 * @param maxAliases aliases in the document
 * @param maxDirectives directives in the document
 * @param maxListArgument items in any list argument ({@code nodes(ids:)}, filters, inputs)
 * @param maxCost what one operation may load, multiplied through lists (see
 * {@link QueryLimitsInstrumentation}): a page of 100 stories with their versions and channels
 * costs about 2,100, the newsroom's first page about 440
 * @param timeout how long a request may run before it is answered 503
 * @param budget the per-user budget of cost points
 * @param maxConcurrentPerUser requests of one user (or one anonymous client address) running
 * at once on one instance; more are refused with 429
 * @param trustedDocumentsOnly accept only the trusted documents (by SHA-256), not free queries
 * @param trustedDocuments where the trusted documents are (a resource pattern)
 */
@ConfigurationProperties("mediagraph.graphql")
public record GraphQlLimits(@DefaultValue("2MB") DataSize maxBodySize, @DefaultValue("16384") int maxDocumentLength,
		@DefaultValue("2000") int maxTokens, @DefaultValue("10") int maxDepth, @DefaultValue("20") int maxAliases,
		@DefaultValue("10") int maxDirectives, @DefaultValue("100") int maxListArgument,
		@DefaultValue("10000") long maxCost, @DefaultValue("30s") Duration timeout, @DefaultValue Budget budget,
		@DefaultValue("8") int maxConcurrentPerUser, @DefaultValue("false") boolean trustedDocumentsOnly,
		@DefaultValue("classpath*:trusted-documents/*.graphql") String trustedDocuments) {

	/**
	 * A token bucket of cost points per user, shared by every instance through MongoDB.
	 *
	 * @param capacity points a user may spend in a burst
	 * @param refillPerSecond points given back each second
	 * @param syncInterval how often each instance adds its spending to the shared bucket
	 */
	public record Budget(@DefaultValue("200000") long capacity, @DefaultValue("20000") long refillPerSecond,
			@DefaultValue("1s") Duration syncInterval) {
	}

	/** The defaults, as a newcomer's app runs with them. */
	public static GraphQlLimits defaults() {
		return new GraphQlLimits(DataSize.ofMegabytes(2), 16384, 2000, 10, 20, 10, 100, 10_000, Duration.ofSeconds(30),
				new Budget(200_000, 20_000, Duration.ofSeconds(1)), 8, false, "classpath*:trusted-documents/*.graphql");
	}

}
