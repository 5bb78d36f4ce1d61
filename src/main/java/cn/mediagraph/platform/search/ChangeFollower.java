package cn.mediagraph.platform.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
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

	private static final int MAX_BATCH = 500;

	private final SearchIndex index;

	private final MongoTemplate mongo;

	private final Duration interval;

	private final Map<String, @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>>> cursors = new HashMap<>();

	private final boolean resumedEverything;

	private volatile boolean running = true;

	private @Nullable Thread thread;

	private final boolean embedded;

	private ChangeFollower(SearchIndex index, MongoTemplate mongo, Duration interval, boolean resumedEverything,
			boolean embedded) {
		this.index = index;
		this.mongo = mongo;
		this.interval = interval;
		this.resumedEverything = resumedEverything;
		this.embedded = embedded;
	}

	/** Follows nothing: the store has no change streams. */
	static ChangeFollower none(SearchIndex index, MongoTemplate mongo) {
		return new ChangeFollower(index, mongo, Duration.ZERO, false, false);
	}

	/**
	 * Opens a change stream per collection, from its resume token when there is one, and
	 * starts following them.
	 */
	static ChangeFollower start(SearchIndex index, MongoTemplate mongo, List<String> collections,
			Map<String, String> tokens, Duration interval, boolean embedded) {
		Map<String, MongoChangeStreamCursor<ChangeStreamDocument<Document>>> opened = new HashMap<>();
		boolean resumedAll = !collections.isEmpty();
		for (String collection : collections) {
			String token = tokens.get(collection);
			MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = token == null ? null
					: open(mongo, collection, token, interval, embedded);
			if (cursor == null) {
				resumedAll = false;
				cursor = open(mongo, collection, null, interval, embedded);
			}
			if (cursor == null) {
				log.info("No change streams on this MongoDB (a standalone server): this instance sees only its own "
						+ "writes. Several instances need a replica set.");
				opened.values().forEach(MongoChangeStreamCursor::close);
				return none(index, mongo);
			}
			opened.put(collection, cursor);
		}
		ChangeFollower follower = new ChangeFollower(index, mongo, interval, resumedAll, embedded);
		follower.cursors.putAll(opened);
		Thread thread = new Thread(follower::run, "search-index-follower");
		thread.setDaemon(true);
		follower.thread = thread;
		thread.start();
		log.info("Search index: following {} collections through change streams{}", collections.size(),
				resumedAll ? ", resumed where the last commit left them" : "");
		return follower;
	}

	/**
	 * Opens a collection's change stream. The embedded store's update events name the update,
	 * not the document, in their document key; there the document is looked up with the event
	 * (MongoDB itself needs no lookup: its key is right, and the index re-reads anyway).
	 */
	private static @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> open(MongoTemplate mongo,
			String collection, @Nullable String token, Duration interval, boolean embedded) {
		try {
			var stream = mongo.getCollection(collection).watch().maxAwaitTime(interval.toMillis(), TimeUnit.MILLISECONDS);
			if (embedded) {
				stream = stream.fullDocument(FullDocument.UPDATE_LOOKUP);
			}
			if (token != null) {
				stream = stream.resumeAfter(BsonDocument.parse(token));
			}
			return stream.cursor();
		}
		catch (MongoException | IllegalArgumentException ex) {
			if (token != null) {
				log.warn("Search index: cannot resume the change stream of {} ({}); checking it against MongoDB instead",
						collection, ex.getMessage());
			}
			return null;
		}
	}

	/** Whether every stream resumed from the last commit's position, so nothing was missed. */
	boolean resumedEverything() {
		return resumedEverything;
	}

	private void run() {
		while (running) {
			boolean any = false;
			for (String collection : List.copyOf(cursors.keySet())) {
				try {
					any |= drain(collection);
				}
				catch (RuntimeException ex) {
					if (!running) {
						return;
					}
					log.warn("Search index: the change stream of {} failed ({}); reopening it", collection, ex.toString());
					reopen(collection);
				}
			}
			if (!any) {
				pause();
			}
		}
	}

	/** Takes what the stream has now, in batches; returns whether there was anything. */
	private boolean drain(String collection) {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = cursors.get(collection);
		if (cursor == null) {
			return false;
		}
		Set<String> ids = new LinkedHashSet<>();
		ChangeStreamDocument<Document> change;
		while (ids.size() < MAX_BATCH && (change = cursor.tryNext()) != null) {
			String id = idOf(change.getDocumentKey());
			if (id == null && change.getFullDocument() != null) {
				id = idOf(change.getFullDocument().toBsonDocument());
			}
			if (id != null) {
				ids.add(id);
			}
		}
		if (!ids.isEmpty()) {
			index.refreshFromStore(collection, new ArrayList<>(ids));
		}
		BsonDocument token = cursor.getResumeToken();
		if (token != null) {
			index.followed(collection, token.toJson());
		}
		return !ids.isEmpty();
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

	private void reopen(String collection) {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> old = cursors.get(collection);
		BsonDocument token = old == null ? null : old.getResumeToken();
		closeQuietly(old);
		pause();
		cursors.put(collection, open(mongo, collection, token == null ? null : token.toJson(), interval, embedded));
	}

	private void pause() {
		try {
			Thread.sleep(Math.max(50, interval.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	@Override
	public void close() {
		running = false;
		Thread current = thread;
		if (current != null) {
			// never interrupted: it may be inside Lucene's file I/O, which an interrupt breaks
			try {
				current.join(Math.max(5_000, 10 * interval.toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		cursors.values().forEach(ChangeFollower::closeQuietly);
	}

	private static void closeQuietly(@Nullable MongoChangeStreamCursor<?> cursor) {
		if (cursor != null) {
			try {
				cursor.close();
			}
			catch (RuntimeException ignored) {
				// closing a broken cursor
			}
		}
	}

}
