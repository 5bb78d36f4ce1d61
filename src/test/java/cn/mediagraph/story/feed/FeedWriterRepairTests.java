package cn.mediagraph.story.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A writer can die between any two of its steps. Whatever it left behind, the repair makes the
 * index agree with the story as stored, counts included, and a live writer's lock is honoured.
 */
@IntegrationTest
class FeedWriterRepairTests {

	private static final Set<String> DRAFT = Set.of(StoryTerms.ALL, "s:DRAFT", "x:铜川");

	private static final Set<String> PUBLISHED = Set.of(StoryTerms.ALL, "s:PUBLISHED", "x:铜川");

	private static final Instant CREATED = Instant.parse("2026-08-29T02:00:00Z");

	@Autowired
	FeedIndex index;

	@Autowired
	FeedWriter writer;

	@Autowired
	TenantStore store;

	private final String tenant = "crash-" + UUID.randomUUID();

	/** The story as stored, by id: what a repair reads. */
	private final Map<String, Set<String>> stored = new HashMap<>();

	@Test
	void aWriterThatDiedBeforeTheStoryWriteIsUndone() {
		index.add(tenant, 7, CREATED, DRAFT);
		stored.put("story-7", DRAFT);
		// it added what the story would gain, then died: the story still says DRAFT
		index.add(tenant, 7, CREATED, Set.of("s:PUBLISHED"));
		leaveIntent("story-7", 7, DRAFT, PUBLISHED);

		assertThat(writer.repairExpired(tenant, this::current)).isEqualTo(1);

		assertThat(index.termsHeld(tenant, 7, union())).isEqualTo(DRAFT);
		assertThat(count("s:PUBLISHED")).isZero();
		assertThat(count("s:DRAFT")).isEqualTo(1);
	}

	@Test
	void aWriterThatDiedAfterTheStoryWriteIsFinished() {
		index.add(tenant, 8, CREATED, DRAFT);
		index.add(tenant, 8, CREATED, Set.of("s:PUBLISHED"));
		stored.put("story-8", PUBLISHED);
		// the story was written, the lost entries were not yet removed
		leaveIntent("story-8", 8, DRAFT, PUBLISHED);

		writer.repairExpired(tenant, this::current);

		assertThat(index.termsHeld(tenant, 8, union())).isEqualTo(PUBLISHED);
		assertThat(count("s:DRAFT")).isZero();
		assertThat(count(StoryTerms.ALL)).isEqualTo(1);
	}

	@Test
	void aDeletedStorysLeftoversAreRemoved() {
		index.add(tenant, 9, CREATED, DRAFT);
		leaveIntent("story-9", 9, DRAFT, Set.of());

		writer.repairExpired(tenant, this::current);

		assertThat(index.termsHeld(tenant, 9, union())).isEmpty();
		assertThat(count(StoryTerms.ALL)).isZero();
	}

	@Test
	void aLiveWriterHoldsTheStoryAndAnExpiredOneIsRepairedByTheNextWrite() {
		index.add(tenant, 10, CREATED, DRAFT);
		stored.put("story-10", DRAFT);
		store.forTenant(tenant).insert(new FeedIntent("story-10", tenant, 10, CREATED, DRAFT, PUBLISHED,
				Instant.now().plusSeconds(30)));
		assertThatThrownBy(() -> writer.write(tenant, "story-10", 10, CREATED, DRAFT, PUBLISHED,
				() -> Optional.of(true), this::current)).isInstanceOf(FeedWriter.StoryBusyException.class);

		store.forTenant(tenant).delete("story-10", FeedIntent.class);
		leaveIntent("story-10", 10, DRAFT, PUBLISHED);
		Optional<Boolean> written = writer.write(tenant, "story-10", 10, CREATED, DRAFT, PUBLISHED, () -> {
			stored.put("story-10", PUBLISHED);
			return Optional.of(true);
		}, this::current);

		assertThat(written).contains(true);
		assertThat(index.termsHeld(tenant, 10, union())).isEqualTo(PUBLISHED);
		assertThat(count("s:PUBLISHED")).isEqualTo(1);
		assertThat(count("s:DRAFT")).isZero();
	}

	private void leaveIntent(String storyId, int seq, Set<String> before, Set<String> after) {
		store.forTenant(tenant).insert(new FeedIntent(storyId, tenant, seq, CREATED, before, after,
				Instant.now().minusSeconds(1)));
	}

	private Optional<Set<String>> current(String storyId) {
		return Optional.ofNullable(stored.get(storyId));
	}

	private long count(String term) {
		return index.count(tenant, FeedIndex.Selection.of(Set.of(term)), seqs -> Map.of(), null);
	}

	private static Set<String> union() {
		Set<String> all = new java.util.HashSet<>(DRAFT);
		all.addAll(PUBLISHED);
		return all;
	}

}
