package cn.mediagraph.platform.audit;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mutation on record. Inputs are never stored whole (they may hold passwords): only the
 * mutation's name and the ids of the objects it named or returned.
 *
 * @param id an ObjectId in hex: unique, and in time order
 * @param tenantId the center it was made in ({@link AuditRecorder#PLATFORM} for the platform
 * admin's mutations outside any center)
 * @param at when it finished
 * @param userId who made it
 * @param username their login name then
 * @param action the mutation field, e.g. {@code reviewStory}
 * @param objectIds global ids of the objects it named (input ids) or returned
 * @param outcome whether it went through
 * @param errorCodes the user errors' codes, or the GraphQL error's classification
 * @param requestId the request id ({@code X-Request-Id}) the log lines of the request carry
 */
@Document(AuditEntry.COLLECTION)
public record AuditEntry(@Id String id, String tenantId, Instant at, String userId, String username, String action,
		List<String> objectIds, Outcome outcome, List<String> errorCodes, @Nullable String requestId)
		implements TenantOwned {

	static final String COLLECTION = "audit_log";

	/** What became of a mutation. */
	public enum Outcome {
		/** Done. */
		OK,
		/** Refused with user errors: nothing was written. */
		USER_ERRORS,
		/** Failed with a GraphQL error (not signed in, forbidden, an internal error …). */
		ERROR
	}

}
