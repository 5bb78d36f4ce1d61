package cn.mediagraph.platform.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.BsonDocument;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Follows the MongoDB change streams of some collections on one daemon thread and hands what
 * changed to a {@link Changes}: how an instance learns of the others' writes. Each stream
 * starts where the caller says (a resume token) or now; a stream that fails is reopened where
 * the last handed-over batch ended, after a pause that doubles while it keeps failing.
 * <p>
 * {@link #close()} stops the thread by a flag and waits for it, never by an interrupt: the
 * handler may be inside Lucene's file I/O, which an interrupt breaks (see README, the index).
 */
public final class ChangeStreamFollower implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ChangeStreamFollower.class);

	private static final int MAX_BATCH = 500;

	private static final Duration SHORTEST_PAUSE = Duration.ofMillis(20);

	private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(5);

	private static final Duration SHORTEST_JOIN = Duration.ofSeconds(5);

	/** What the follower hands each collection's changes to, on its own thread. */
	@FunctionalInterface
	public interface Changes {

		/**
		 * Takes the changes just read from a collection's stream (often none) and the stream's
		 * position after them (its resume token; null when it has none). When this throws, the
		 * stream is reopened at the position of the last batch taken, so the batch comes again.
		 */
		void take(String collection, List<ChangeStreamDocument<Document>> changes, @Nullable BsonDocument position);

	}

	/**
	 * How to follow.
	 * @param name what log lines say and the thread is called
	 * @param interval how long a read waits for changes, and the pause between empty rounds
	 * @param lookUpDocuments read each update's document with it: the embedded store's update
	 * events name the update, not the document, in their document key
	 */
	public record Settings(String name, Duration interval, boolean lookUpDocuments) {
	}

	private static final class Stream {

		private @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

		private @Nullable BsonDocument position;

	}

	private final MongoTemplate mongo;

	private final Settings settings;

	private final Changes changes;

	private final Runnable eachRound;

	private final Map<String, Stream> streams = new LinkedHashMap<>();

	private final Thread thread;

	private boolean resumedEverything;

	private volatile boolean running = true;

	private ChangeStreamFollower(MongoTemplate mongo, Settings settings, Changes changes, Runnable eachRound) {
		this.mongo = mongo;
		this.settings = settings;
		this.changes = changes;
		this.eachRound = eachRound;
		this.thread = new Thread(this::run, settings.name());
		this.thread.setDaemon(true);
	}

	/**
	 * Opens a change stream per collection, from its resume token when {@code positions} has
	 * one (else from now), and starts following them; {@code eachRound} runs on the follower's
	 * thread after every round. Returns null when the store has no change streams (a standalone
	 * MongoDB, the embedded store without its oplog).
	 */
	public static @Nullable ChangeStreamFollower start(MongoTemplate mongo, Settings settings, List<String> collections,
			Map<String, String> positions, Changes changes, Runnable eachRound) {
		ChangeStreamFollower follower = new ChangeStreamFollower(mongo, settings, changes, eachRound);
		follower.resumedEverything = !collections.isEmpty();
		for (String collection : collections) {
			Stream stream = new Stream();
			String token = positions.get(collection);
			stream.position = token == null ? null : BsonDocument.parse(token);
			stream.cursor = follower.open(collection, stream.position);
			if (stream.cursor == null && stream.position != null) {
				follower.resumedEverything = false;
				stream.position = null;
				stream.cursor = follower.open(collection, null);
			}
			else if (stream.position == null) {
				follower.resumedEverything = false;
			}
			follower.streams.put(collection, stream);
			if (stream.cursor == null) {
				follower.closeCursors();
				return null;
			}
		}
		follower.thread.start();
		return follower;
	}

	/** Whether every stream resumed from the position it was given, so nothing was missed. */
	public boolean resumedEverything() {
		return resumedEverything;
	}

	private @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> open(String collection,
			@Nullable BsonDocument position) {
		try {
			var stream = mongo.getCollection(collection)
				.watch()
				.maxAwaitTime(settings.interval().toMillis(), TimeUnit.MILLISECONDS);
			if (settings.lookUpDocuments()) {
				stream = stream.fullDocument(FullDocument.UPDATE_LOOKUP);
			}
			if (position != null) {
				stream = stream.resumeAfter(position);
			}
			return stream.cursor();
		}
		catch (MongoException | IllegalArgumentException ex) {
			if (position != null) {
				log.warn("{}: cannot resume the change stream of {} ({})", settings.name(), collection, ex.getMessage());
			}
			return null;
		}
	}

	private void run() {
		Duration backoff = pauseBetweenRounds();
		while (running) {
			boolean any = false;
			boolean failed = false;
			for (Map.Entry<String, Stream> entry : streams.entrySet()) {
				try {
					any |= drain(entry.getKey(), entry.getValue());
				}
				catch (RuntimeException ex) {
					if (!running) {
						return;
					}
					log.warn("{}: the change stream of {} failed ({}); reopening it", settings.name(), entry.getKey(),
							ex.toString());
					closeQuietly(entry.getValue().cursor);
					entry.getValue().cursor = null;
					failed = true;
				}
			}
			runRound();
			if (failed) {
				pause(backoff);
				backoff = min(backoff.multipliedBy(2), LONGEST_BACKOFF);
			}
			else {
				backoff = pauseBetweenRounds();
				if (!any) {
					pause(backoff);
				}
			}
		}
	}

	/** Hands on what the stream has now, one batch at most; returns whether there was anything. */
	private boolean drain(String collection, Stream stream) {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = stream.cursor;
		if (cursor == null) {
			cursor = reopen(collection, stream);
		}
		List<ChangeStreamDocument<Document>> batch = new ArrayList<>();
		ChangeStreamDocument<Document> change;
		while (running && batch.size() < MAX_BATCH && (change = cursor.tryNext()) != null) {
			batch.add(change);
		}
		BsonDocument position = cursor.getResumeToken();
		changes.take(collection, batch, position);
		if (position != null) {
			stream.position = position;
		}
		return !batch.isEmpty();
	}

	/** Opens a failed stream again where the last batch taken ended (from now when it cannot). */
	private MongoChangeStreamCursor<ChangeStreamDocument<Document>> reopen(String collection, Stream stream) {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = open(collection, stream.position);
		if (cursor == null && stream.position != null) {
			log.warn("{}: following {} from now; its changes since the failure may be missed", settings.name(),
					collection);
			cursor = open(collection, null);
		}
		if (cursor == null) {
			throw new IllegalStateException("the change stream of " + collection + " cannot be opened");
		}
		stream.cursor = cursor;
		return cursor;
	}

	private void runRound() {
		try {
			eachRound.run();
		}
		catch (RuntimeException ex) {
			log.warn("{}: {}", settings.name(), ex.toString());
		}
	}

	private Duration pauseBetweenRounds() {
		return min(LONGEST_BACKOFF, settings.interval().compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : settings.interval());
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	/** Stops following, without interrupting the thread, and waits for it (for a while). */
	@Override
	public void close() {
		running = false;
		try {
			Duration wait = settings.interval().multipliedBy(10);
			thread.join(Math.max(SHORTEST_JOIN.toMillis(), wait.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeCursors();
	}

	private void closeCursors() {
		streams.values().forEach(stream -> {
			closeQuietly(stream.cursor);
			stream.cursor = null;
		});
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
