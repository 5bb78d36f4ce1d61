package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Upgrades a store written before the review workflow, once: every {@code SUBMITTED} story
 * becomes {@code IN_REVIEW} at the first level. Each story is written with one conditional
 * single-document update (still {@code SUBMITTED}, at the revision read), so two instances
 * starting together, or a start after a crash half-way, upgrade each story once; the upgrade
 * is marked done only when none is left, so an interrupted one resumes at the next start.
 * Stories are found in batches of {@value #BATCH} (the only query here that scans, and only
 * until the upgrade is done; later starts read one marker by {@code _id}).
 */
@Component
@Order(5)
class StoryStatusUpgrade implements ApplicationRunner {

	static final String NAME = "story-status-in-review";

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(StoryStatusUpgrade.class);

	@SuppressWarnings("deprecation")
	private static final String LEGACY = StoryStatus.SUBMITTED.name();

	private final TenantStore store;

	private final PlatformStore platform;

	private final SearchIndex index;

	private final StoryIndexing indexing;

	StoryStatusUpgrade(TenantStore store, PlatformStore platform, SearchIndex index, StoryIndexing indexing) {
		this.store = store;
		this.platform = platform;
		this.index = index;
		this.indexing = indexing;
	}

	/** A story as stored, before it is read as a {@link Story} (which would read SUBMITTED as IN_REVIEW). */
	@Document(Story.COLLECTION)
	record StoredStory(@Id String id, String tenantId) implements TenantOwned {
	}

	/** An upgrade of the store that has finished. */
	@Document("store_upgrades")
	record StoreUpgrade(@Id String id, Instant finishedAt) {
	}

	@Override
	public void run(ApplicationArguments args) {
		if (platform.findById(NAME, StoreUpgrade.class).isPresent()) {
			return;
		}
		long upgraded = upgradeAll();
		platform.save(new StoreUpgrade(NAME, Instant.now()));
		if (upgraded > 0) {
			log.info("Upgraded {} submitted stories to IN_REVIEW at the first level", upgraded);
		}
	}

	/** @return how many stories this instance upgraded */
	long upgradeAll() {
		long upgraded = 0;
		while (true) {
			List<StoredStory> batch = store.findForUpgrade(Query.query(Criteria.where("status").is(LEGACY)),
					StoredStory.class, BATCH);
			long before = upgraded;
			for (StoredStory stored : batch) {
				upgraded += upgrade(store.forTenant(stored.tenantId()), stored.id()) ? 1 : 0;
			}
			if (batch.size() < BATCH || upgraded == before) {
				return upgraded;
			}
		}
	}

	private boolean upgrade(TenantStore.Scope scope, String id) {
		Optional<Story> read = scope.findById(id, Story.class);
		if (read.isEmpty()) {
			return false;
		}
		Story after = read.get().upgradedFromSubmitted();
		Criteria stillSubmitted = Criteria.where("status").is(LEGACY).and("revision").is(read.get().revision());
		Update update = new Update().set("status", after.status())
			.set("review", after.review())
			.set("revision", after.revision());
		return index.write(indexing, id, () -> scope.updateIf(id, stillSubmitted, update, Story.class)
				? Optional.of(after) : Optional.<Story>empty()).isPresent();
	}

}
