package cn.mediagraph.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.mongo.ChangeStreamFollower;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
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

	private final ChangeStreamFollower stream;

	private EventFollower(ChangeStreamFollower stream) {
		this.stream = stream;
	}

	/** Follows the events collection, or returns null when the store has no change streams. */
	static @Nullable EventFollower start(TenantEvents events, MongoTemplate mongo, Duration interval,
			boolean embedded) {
		ChangeStreamFollower stream = ChangeStreamFollower.start(mongo,
				new ChangeStreamFollower.Settings("tenant-events-follower", interval, embedded),
				List.of(TenantEvents.COLLECTION), Map.of(), (collection, changes, position) -> deliver(events, changes),
				new Expiry(events)::runWhenDue);
		if (stream == null) {
			log.info("Events: no change streams on this MongoDB; live events reach this instance's subscribers only");
			return null;
		}
		return new EventFollower(stream);
	}

	private static void deliver(TenantEvents events, List<ChangeStreamDocument<Document>> changes) {
		for (ChangeStreamDocument<Document> change : changes) {
			TenantEvent event = events.fromStore(change.getFullDocument());
			if (event != null) {
				events.deliver(event);
			}
		}
	}

	/** Deletes expired events when a minute has passed since it last did (on the follower's thread). */
	private static final class Expiry {

		private final TenantEvents events;

		private Instant next = Instant.now().plus(EXPIRY_INTERVAL);

		Expiry(TenantEvents events) {
			this.events = events;
		}

		void runWhenDue() {
			if (Instant.now().isAfter(next)) {
				next = Instant.now().plus(EXPIRY_INTERVAL);
				events.expire();
			}
		}

	}

	@Override
	public void close() {
		stream.close();
	}

}
