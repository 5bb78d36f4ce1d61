package cn.mediagraph.platform.audit;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.NotFoundException;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.platform.security.CurrentUser;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records every mutation of a signed-in caller as an {@link AuditEntry}: one insert and one
 * index update after the mutation ran, before its answer goes out. It wraps the data fetchers
 * of the Mutation type only ({@link AuditConfiguration}), so queries cost nothing and every
 * feature's mutations are covered without its code knowing. What it keeps of the input are the
 * ids it names ({@code id}, {@code …Id}, {@code …Ids} at any depth), never the values, so no
 * password or secret reaches the log. Anonymous mutations ({@code login}) are not recorded
 * here: sign-in attempts are counted by the login throttle.
 */
@Component
class AuditRecorder {

	private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);

	/** Where the platform admin's mutations outside any center are recorded. */
	static final String PLATFORM = "_platform";

	static final int MAX_OBJECT_IDS = 20;

	private static final int MAX_ID_LENGTH = 200;

	private static final int MAX_DEPTH = 3;

	private final TenantStore store;

	private final SearchIndex index;

	private final AuditIndexing kind;

	private final Clock clock;

	AuditRecorder(TenantStore store, SearchIndex index, AuditIndexing kind, Clock clock) {
		this.store = store;
		this.index = index;
		this.kind = kind;
		this.clock = clock;
	}

	/** The mutation's data fetcher, recording what it did. */
	DataFetcher<?> audited(String action, DataFetcher<?> mutation) {
		return env -> run(action, mutation, env);
	}

	private @Nullable Object run(String action, DataFetcher<?> mutation, DataFetchingEnvironment env) throws Exception {
		Optional<CurrentUser> caller = CurrentUser.get();
		if (caller.isEmpty()) {
			return mutation.get(env);
		}
		Attempt attempt = new Attempt(caller.get(), action, idsIn(env.getArguments()), MDC.get("requestId"));
		Object result;
		try {
			result = mutation.get(env);
		}
		catch (Exception ex) {
			record(attempt, null, ex);
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			return stage.toCompletableFuture().whenComplete((value, failure) -> record(attempt, value, failure));
		}
		if (result instanceof Mono<?> later) {
			// a handler's error (a refused @PreAuthorize, say) comes back as a Mono of the error
			return later.doOnSuccess(value -> record(attempt, value, null)).doOnError(failure -> record(attempt, null, failure));
		}
		record(attempt, result, null);
		return result;
	}

	/** What is known before the mutation runs. */
	private record Attempt(CurrentUser caller, String action, Set<String> named, @Nullable String requestId) {
	}

	private void record(Attempt attempt, @Nullable Object result, @Nullable Throwable failure) {
		try {
			AuditEntry entry = entry(attempt, result, failure);
			index.write(kind, entry.id(), () -> Optional.of(store.forTenant(entry.tenantId()).insert(entry)));
		}
		catch (RuntimeException ex) {
			log.error("Audit: could not record {} by {} (request {})", attempt.action(), attempt.caller().username(),
					attempt.requestId(), ex);
		}
	}

	private AuditEntry entry(Attempt attempt, @Nullable Object result, @Nullable Throwable failure) {
		Set<String> objects = new LinkedHashSet<>(attempt.named());
		AuditEntry.Outcome outcome = AuditEntry.Outcome.OK;
		List<String> codes = List.of();
		Object value = result instanceof DataFetcherResult<?> wrapped ? wrapped.getData() : result;
		if (failure != null) {
			outcome = AuditEntry.Outcome.ERROR;
			codes = List.of(classification(failure));
		}
		else if (result instanceof DataFetcherResult<?> wrapped && !wrapped.getErrors().isEmpty()) {
			outcome = AuditEntry.Outcome.ERROR;
			codes = List.of(String.valueOf(wrapped.getErrors().get(0).getErrorType()));
		}
		else {
			List<String> userErrors = userErrorCodes(value);
			if (!userErrors.isEmpty()) {
				outcome = AuditEntry.Outcome.USER_ERRORS;
				codes = userErrors;
			}
			objects.addAll(idsReturned(value));
		}
		CurrentUser caller = attempt.caller();
		return new AuditEntry(new ObjectId().toHexString(), tenantOf(caller, attempt.named()), clock.instant(),
				caller.userId(), caller.username(), attempt.action(), objects.stream().limit(MAX_OBJECT_IDS).toList(),
				outcome, codes, attempt.requestId());
	}

	/** The caller's center; for the platform admin, the center the mutation names, if one. */
	private static String tenantOf(CurrentUser caller, Set<String> named) {
		if (caller.tenantId() != null) {
			return caller.tenantId();
		}
		return named.stream()
			.map(id -> GlobalId.decode(id, "Tenant"))
			.flatMap(Optional::stream)
			.findFirst()
			.orElse(PLATFORM);
	}

	private static String classification(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		if (cause instanceof AuthenticationException) {
			return "UNAUTHORIZED";
		}
		if (cause instanceof AccessDeniedException) {
			return "FORBIDDEN";
		}
		if (cause instanceof BadRequestException) {
			return "BAD_REQUEST";
		}
		return cause instanceof NotFoundException ? "NOT_FOUND" : "INTERNAL_ERROR";
	}

	/** The ids an input names: {@code id}, {@code …Id} and {@code …Ids} fields, at any depth up to three. */
	static Set<String> idsIn(Map<String, Object> arguments) {
		Set<String> ids = new LinkedHashSet<>();
		collectIds(arguments, ids, 0);
		return ids;
	}

	private static void collectIds(Map<?, ?> values, Set<String> into, int depth) {
		for (Map.Entry<?, ?> entry : values.entrySet()) {
			String key = String.valueOf(entry.getKey());
			Object value = entry.getValue();
			if (value instanceof String text && (key.equals("id") || key.endsWith("Id"))) {
				add(text, into);
			}
			else if (value instanceof Collection<?> list && key.endsWith("Ids")) {
				list.forEach(item -> add(String.valueOf(item), into));
			}
			else if (value instanceof Map<?, ?> nested && depth < MAX_DEPTH) {
				collectIds(nested, into, depth + 1);
			}
			else if (value instanceof Collection<?> list && depth < MAX_DEPTH) {
				list.stream().filter(Map.class::isInstance).forEach(item -> collectIds((Map<?, ?>) item, into, depth + 1));
			}
		}
	}

	private static void add(String id, Set<String> into) {
		if (!id.isBlank() && id.length() <= MAX_ID_LENGTH && into.size() < MAX_OBJECT_IDS) {
			into.add(id);
		}
	}

	/** The objects a payload returned (its center's documents, by global id) and the ids it names ({@code deletedStoryId}). */
	private static Set<String> idsReturned(@Nullable Object payload) {
		Set<String> ids = new LinkedHashSet<>();
		for (Map.Entry<String, Object> component : components(payload).entrySet()) {
			Object value = component.getValue();
			if (value instanceof TenantOwned owned) {
				add(GlobalId.encode(owned.getClass().getSimpleName(), owned.id()), ids);
			}
			else if (value instanceof String text && component.getKey().endsWith("Id")) {
				add(text, ids);
			}
		}
		return ids;
	}

	private static List<String> userErrorCodes(@Nullable Object payload) {
		Object errors = components(payload).get("userErrors");
		if (!(errors instanceof Collection<?> list)) {
			return List.of();
		}
		return list.stream().filter(UserError.class::isInstance).map(error -> ((UserError) error).code()).toList();
	}

	/** A record payload's components by name; nothing for anything else. */
	private static Map<String, Object> components(@Nullable Object payload) {
		if (payload == null || !payload.getClass().isRecord()) {
			return Map.of();
		}
		Map<String, Object> values = new java.util.HashMap<>();
		for (RecordComponent component : payload.getClass().getRecordComponents()) {
			try {
				component.getAccessor().setAccessible(true);
				Object value = component.getAccessor().invoke(payload);
				if (value != null) {
					values.put(component.getName(), value);
				}
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				// a component that cannot be read names nothing
			}
		}
		return values;
	}

}
