package cn.mediagraph.platform.search;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.mediagraph.platform.mongo.ChangeStreamFollower;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Follows other instances' writes through MongoDB change streams, one per indexed collection,
 * and hands the changed ids to the index, which re-reads them. Each stream resumes where the
 * last index commit left it, so a restart (even after a crash) misses nothing that the oplog
 * still holds. Where the store has no change streams (a standalone MongoDB, the embedded store
 * without its oplog) there is nothing to follow: one instance is then the whole deployment.
 */
final class ChangeFollower implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);

	private final @Nullable ChangeStreamFollower streams;

	private ChangeFollower(@Nullable ChangeStreamFollower streams) {
		this.streams = streams;
	}

	/** Follows nothing: the store has no change streams. */
	static ChangeFollower none() {
		return new ChangeFollower(null);
	}

	/**
	 * Opens a change stream per collection, from its resume token when there is one, and
	 * starts following them.
	 */
	static ChangeFollower start(SearchIndex index, MongoTemplate mongo, List<String> collections,
			Map<String, String> tokens, Duration interval, boolean embedded) {
		ChangeStreamFollower streams = ChangeStreamFollower.start(mongo,
				new ChangeStreamFollower.Settings("search-index-follower", interval, embedded), collections, tokens,
				(collection, changes, position) -> take(index, collection, changes, position), () -> {
				});
		if (streams == null) {
			log.info("No change streams on this MongoDB (a standalone server): this instance sees only its own "
					+ "writes. Several instances need a replica set.");
			return none();
		}
		log.info("Search index: following {} collections through change streams{}", collections.size(),
				streams.resumedEverything() ? ", resumed where the last commit left them" : "");
		return new ChangeFollower(streams);
	}

	private static void take(SearchIndex index, String collection, List<ChangeStreamDocument<Document>> changes,
			@Nullable BsonDocument position) {
		Set<String> ids = new LinkedHashSet<>();
		for (ChangeStreamDocument<Document> change : changes) {
			String id = idOf(change.getDocumentKey());
			if (id == null && change.getFullDocument() != null) {
				id = idOf(change.getFullDocument().toBsonDocument());
			}
			if (id != null) {
				ids.add(id);
			}
		}
		if (!ids.isEmpty()) {
			index.refreshFromStore(collection, ids);
		}
		if (position != null) {
			index.followed(collection, position.toJson());
		}
	}

	private static @Nullable String idOf(@Nullable BsonDocument key) {
		BsonValue id = key == null ? null : key.get("_id");
		if (id == null) {
			return null;
		}
		if (id.isString()) {
			return id.asString().getValue();
		}
		return id.isObjectId() ? id.asObjectId().getValue().toHexString() : null;
	}

	/** Whether every stream resumed from the last commit's position, so nothing was missed. */
	boolean resumedEverything() {
		return streams != null && streams.resumedEverything();
	}

	@Override
	public void close() {
		if (streams != null) {
			streams.close();
		}
	}

}
