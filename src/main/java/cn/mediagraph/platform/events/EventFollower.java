package cn.mediagraph.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Follows the {@code events} collection through a change stream, from the moment it starts
 * (events are live: nothing before is replayed), and hands other instances' events to this
 * instance's subscribers. Also deletes expired events, once a minute.
 */
final class EventFollower implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EventFollower.class);

	private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);

	private final TenantEvents events;

	private final MongoTemplate mongo;

	private final Duration interval;

	private final boolean embedded;

	private volatile boolean running = true;

	private @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

	private final Thread thread;

	private EventFollower(TenantEvents events, MongoTemplate mongo, Duration interval, boolean embedded,
			MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor) {
		this.events = events;
		this.mongo = mongo;
		this.interval = interval;
		this.embedded = embedded;
		this.cursor = cursor;
		this.thread = new Thread(this::run, "tenant-events-follower");
		this.thread.setDaemon(true);
	}

	/** Follows the events collection, or returns null when the store has no change streams. */
	static @Nullable EventFollower start(TenantEvents events, MongoTemplate mongo, Duration interval,
			boolean embedded) {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> opened = open(mongo, interval, embedded);
		if (opened == null) {
			log.info("Events: no change streams on this MongoDB; live events reach this instance's subscribers only");
			return null;
		}
		EventFollower follower = new EventFollower(events, mongo, interval, embedded, opened);
		follower.thread.start();
		return follower;
	}

	private static @Nullable MongoChangeStreamCursor<ChangeStreamDocument<Document>> open(MongoTemplate mongo,
			Duration interval, boolean embedded) {
		try {
			var stream = mongo.getCollection(TenantEvents.COLLECTION)
				.watch()
				.maxAwaitTime(interval.toMillis(), TimeUnit.MILLISECONDS);
			if (embedded) {
				stream = stream.fullDocument(FullDocument.UPDATE_LOOKUP);
			}
			return stream.cursor();
		}
		catch (MongoException | IllegalArgumentException ex) {
			return null;
		}
	}

	private void run() {
		Instant nextExpiry = Instant.now().plus(EXPIRY_INTERVAL);
		while (running) {
			try {
				if (!drain()) {
					pause();
				}
				if (Instant.now().isAfter(nextExpiry)) {
					events.expire();
					nextExpiry = Instant.now().plus(EXPIRY_INTERVAL);
				}
			}
			catch (RuntimeException ex) {
				if (!running) {
					return;
				}
				log.warn("Events: the change stream failed ({}); reopening it", ex.toString());
				reopen();
			}
		}
	}

	/** Hands on what the stream has now; returns whether there was anything. */
	private boolean drain() {
		MongoChangeStreamCursor<ChangeStreamDocument<Document>> current = cursor;
		if (current == null) {
			reopen();
			return false;
		}
		boolean any = false;
		ChangeStreamDocument<Document> change;
		while (running && (change = current.tryNext()) != null) {
			any = true;
			TenantEvent event = events.fromStore(change.getFullDocument());
			if (event != null) {
				events.deliver(event);
			}
		}
		return any;
	}

	private void reopen() {
		closeCursor();
		pause();
		cursor = open(mongo, interval, embedded);
	}

	private void pause() {
		try {
			Thread.sleep(Math.max(20, interval.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	@Override
	public void close() {
		running = false;
		try {
			thread.join(Math.max(2_000, 10 * interval.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeCursor();
	}

	private void closeCursor() {
		MongoChangeStreamCursor<?> current = cursor;
		cursor = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (RuntimeException ignored) {
				// closing a broken cursor
			}
		}
	}

}
