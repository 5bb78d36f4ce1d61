package cn.mediagraph.story.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Changes a story and its index entries together, without transactions: under a per-story
 * intent, entries the story gains are added first, the story is written (one conditional
 * single-document write), then entries it lost are removed. Readers re-check every story
 * they load, so the moment between is never visible; a writer that dies leaves its intent,
 * and whoever next touches the story (or {@link #repairExpired}) finishes the work from the
 * story as it stands.
 */
@Component
public class FeedWriter {

	private static final Logger log = LoggerFactory.getLogger(FeedWriter.class);

	static final Duration LEASE = Duration.ofSeconds(30);

	private final TenantStore store;

	private final FeedIndex index;

	private final Clock clock;

	FeedWriter(TenantStore store, FeedIndex index, Clock clock) {
		this.store = store;
		this.index = index;
		this.clock = clock;
	}

	/** Somebody else is saving the same story right now. */
	public static class StoryBusyException extends RuntimeException {

		StoryBusyException(String storyId) {
			super("Story " + storyId + " is being saved by someone else; try again");
		}

	}

	/**
	 * Writes a story whose terms go from {@code before} to {@code after}.
	 *
	 * @param write the story write; empty when its condition (the expected revision) failed,
	 * and then the index is left as it was
	 * @param currentTerms the terms of the story as stored now (empty when it does not exist),
	 * for finishing a dead writer's work
	 */
	public <T> Optional<T> write(String tenantId, String storyId, int seq, Instant createdAt, Set<String> before,
			Set<String> after, Supplier<Optional<T>> write, Function<String, Optional<Set<String>>> currentTerms) {
		acquire(new FeedIntent(storyId, tenantId, seq, createdAt, before, after, clock.instant().plus(LEASE)),
				currentTerms);
		Set<String> gained = minus(after, before);
		Set<String> lost = minus(before, after);
		// On an exception the intent stays: the repair then works from what was actually stored.
		index.add(tenantId, seq, createdAt, gained);
		Optional<T> written = write.get();
		index.remove(tenantId, seq, written.isPresent() ? lost : gained);
		store.forTenant(tenantId).delete(storyId, FeedIntent.class);
		return written;
	}

	private void acquire(FeedIntent intent, Function<String, Optional<Set<String>>> currentTerms) {
		var scope = store.forTenant(intent.tenantId());
		if (tryInsert(scope, intent)) {
			return;
		}
		FeedIntent existing = scope.findById(intent.id(), FeedIntent.class).orElse(null);
		if (existing != null && existing.until().isAfter(clock.instant())) {
			throw new StoryBusyException(intent.id());
		}
		if (existing != null) {
			repair(existing, currentTerms);
		}
		if (!tryInsert(scope, intent)) {
			throw new StoryBusyException(intent.id());
		}
	}

	private static boolean tryInsert(TenantStore.Scope scope, FeedIntent intent) {
		try {
			scope.insert(intent);
			return true;
		}
		catch (DuplicateKeyException held) {
			return false;
		}
	}

	/**
	 * Finishes a dead writer's work: every term it was moving is made to agree with the story
	 * as stored, and the counts follow what actually changed. The intent is claimed first (a
	 * conditional write on its lease), so of several instances only one repairs it.
	 */
	void repair(FeedIntent intent, Function<String, Optional<Set<String>>> currentTerms) {
		var scope = store.forTenant(intent.tenantId());
		Instant claimedUntil = clock.instant().plus(LEASE);
		boolean claimed = scope.update(intent.id(), Criteria.where("until").is(intent.until()),
				new Update().set("until", claimedUntil), FeedIntent.class).isPresent();
		if (!claimed) {
			return;
		}
		Set<String> desired = currentTerms.apply(intent.id()).orElse(Set.of());
		Set<String> touched = new HashSet<>(intent.before());
		touched.addAll(intent.after());
		Set<String> held = index.termsHeld(intent.tenantId(), intent.seq(), touched);
		Set<String> missing = minus(intersect(touched, desired), held);
		Set<String> extra = minus(held, desired);
		index.add(intent.tenantId(), intent.seq(), intent.createdAt(), missing);
		index.remove(intent.tenantId(), intent.seq(), extra);
		scope.deleteIf(intent.id(), Criteria.where("until").is(claimedUntil), FeedIntent.class);
		log.info("Repaired the index of story {} left half-written ({} entries added, {} removed)", intent.id(),
				missing.size(), extra.size());
	}

	/** Repairs every intent of a tenant whose lease has lapsed. */
	public int repairExpired(String tenantId, Function<String, Optional<Set<String>>> currentTerms) {
		List<FeedIntent> expired = store.forTenant(tenantId)
			.find(Query.query(Criteria.where("until").lt(clock.instant())), FeedIntent.class);
		expired.forEach(intent -> repair(intent, currentTerms));
		return expired.size();
	}

	private static Set<String> minus(Set<String> a, Set<String> b) {
		Set<String> result = new HashSet<>(a);
		result.removeAll(b);
		return result;
	}

	private static Set<String> intersect(Set<String> a, Set<String> b) {
		Set<String> result = new HashSet<>(a);
		result.retainAll(b);
		return result;
	}

	@Bean
	static IndexDeclaration feedIntentIndexes() {
		return IndexDeclaration.tenantOwned(FeedIntent.COLLECTION);
	}

}
