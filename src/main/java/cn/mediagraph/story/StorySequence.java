package cn.mediagraph.story;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Numbers a center's stories and stamps their creation time in one atomic update, so a later
 * number never carries an earlier time, whichever instance (and clock) creates it. Newest
 * first is then highest number first, and a date range is a range of numbers.
 */
@Component
class StorySequence {

	private final TenantStore store;

	private final Clock clock;

	StorySequence(TenantStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/** A number and creation instant for one new story. */
	record Next(int seq, Instant createdAt) {
	}

	Next next(String tenantId) {
		StoryCounter counter = store.forTenant(tenantId)
			.upsert(tenantId, new Update().inc("seq", 1).max("at", clock.instant()), StoryCounter.class);
		return new Next(counter.seq(), counter.at());
	}

	/** Reserves {@code count} numbers for imported stories; returns the first. */
	int reserve(String tenantId, int count, Instant latest) {
		StoryCounter counter = store.forTenant(tenantId)
			.upsert(tenantId, new Update().inc("seq", count).max("at", latest), StoryCounter.class);
		return counter.seq() - count + 1;
	}

	/** The last number handed out, 0 when none. */
	int last(String tenantId) {
		return current(tenantId).map(StoryCounter::seq).orElse(0);
	}

	private Optional<StoryCounter> current(String tenantId) {
		return store.forTenant(tenantId).findById(tenantId, StoryCounter.class);
	}

	@Bean
	static IndexDeclaration storyCounterIndexes() {
		return IndexDeclaration.tenantOwned(StoryCounter.COLLECTION);
	}

}
