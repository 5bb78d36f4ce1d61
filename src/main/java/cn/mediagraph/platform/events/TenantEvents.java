package cn.mediagraph.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.mongo.MongoProperties;
import cn.mediagraph.platform.mongo.StoreDurability;
import cn.mediagraph.platform.security.CurrentUser;
import com.mongodb.MongoException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Publishes a media center's events to its live subscribers, on this instance and on every
 * other instance sharing the database.
 * <ul>
 * <li><b>Publishing</b> is at most one insert: the event goes to this instance's subscribers at
 * once and, where the store has change streams, into the {@code events} collection under an
 * ObjectId {@code _id} (time-ordered), which the other instances follow. Without change
 * streams (one instance) nothing is written.</li>
 * <li><b>Subscribing</b> gives a {@link Flux} of one center's events of one topic. Each user
 * holds at most {@code max-subscriptions-per-user} at once on an instance; a subscriber that
 * reads slower than events come keeps the newest {@code buffer-per-subscription} and loses
 * the oldest, so nobody's slowness holds up the others or grows memory. A subscription ends
 * when the token it was opened with expires: the client signs in again and resubscribes, so a
 * connection cannot outlive its user's access.</li>
 * <li><b>Expiry</b>: events are live only; what is older than {@code retention} is deleted by
 * an {@code _id} range, never a scan (no TTL index: the embedded store ignores them).</li>
 * </ul>
 */
@Component
public class TenantEvents implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TenantEvents.class);

	static final String COLLECTION = "events";

	private final MongoTemplate mongo;

	private final MongoProperties mongoSettings;

	private final EventProperties settings;

	private final Clock clock;

	/** This instance, so the follower skips the events it delivered itself. */
	private final String origin = UUID.randomUUID().toString();

	private final Map<String, Sinks.Many<TenantEvent>> sinks = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> openPerUser = new ConcurrentHashMap<>();

	private volatile @Nullable EventFollower follower;

	private final StoreDurability durability;

	TenantEvents(MongoTemplate mongo, MongoProperties mongoSettings, EventProperties settings, Clock clock,
			StoreDurability durability) {
		this.mongo = mongo;
		this.durability = durability;
		this.mongoSettings = mongoSettings;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Tells the event to the center's subscribers everywhere. Never fails the caller: an event
	 * that cannot be stored for other instances is logged, and this instance's subscribers
	 * have it already.
	 */
	public void publish(TenantEvent event) {
		deliver(event);
		if (follower == null) {
			return;
		}
		try {
			mongo.getCollection(COLLECTION).insertOne(document(event));
		}
		catch (MongoException ex) {
			log.warn("Events: could not store a {} event for other instances ({})", event.topic(), ex.toString());
		}
	}

	/**
	 * A live stream of one center's events of one topic, for one user.
	 *
	 * @throws BadRequestException when the user holds the most subscriptions allowed already
	 */
	public Flux<TenantEvent> subscribe(String tenantId, String topic, String userId) {
		AtomicInteger open = openPerUser.computeIfAbsent(userId, id -> new AtomicInteger());
		if (open.incrementAndGet() > settings.maxSubscriptionsPerUser()) {
			open.decrementAndGet();
			throw new BadRequestException("At most " + settings.maxSubscriptionsPerUser()
					+ " subscriptions per user at once: close one first");
		}
		Flux<TenantEvent> live = sink(tenantId).asFlux()
			.filter(event -> event.topic().equals(topic))
			.onBackpressureBuffer(settings.bufferPerSubscription(), dropped -> {
			}, BufferOverflowStrategy.DROP_OLDEST);
		Optional<Instant> expiresAt = CurrentUser.tokenExpiresAt();
		if (expiresAt.isPresent()) {
			// Tokens are checked against the system clock, so the time left is too.
			Duration left = Duration.between(Instant.now(), expiresAt.get());
			live = live.take(left.isNegative() ? Duration.ZERO : left);
		}
		return live.doFinally(signal -> open.decrementAndGet());
	}

	/** How many subscriptions the user holds open on this instance. */
	int openSubscriptions(String userId) {
		AtomicInteger open = openPerUser.get(userId);
		return open == null ? 0 : open.get();
	}

	void deliver(TenantEvent event) {
		Sinks.Many<TenantEvent> sink = sinks.get(event.tenantId());
		if (sink == null || sink.currentSubscriberCount() == 0) {
			return;
		}
		// a subscriber is never told of a change a crash could still undo
		durability.flush();
		synchronized (sink) {
			sink.tryEmitNext(event);
		}
	}

	/** A multicast sink per center; a slow subscriber is buffered on its own side, so none waits for another. */
	private Sinks.Many<TenantEvent> sink(String tenantId) {
		return sinks.computeIfAbsent(tenantId, id -> Sinks.many().multicast().directBestEffort());
	}

	private Document document(TenantEvent event) {
		return new Document("_id", new ObjectId(Date.from(event.at())))
			.append("tenantId", event.tenantId())
			.append("topic", event.topic())
			.append("payload", new Document(event.payload()))
			.append("at", Date.from(event.at()))
			.append("origin", origin);
	}

	/** An event another instance stored; null when it is this instance's own or malformed. */
	@Nullable TenantEvent fromStore(@Nullable Document stored) {
		if (stored == null || origin.equals(stored.getString("origin"))) {
			return null;
		}
		String tenantId = stored.getString("tenantId");
		String topic = stored.getString("topic");
		Document payload = stored.get("payload", Document.class);
		Date at = stored.getDate("at");
		if (tenantId == null || topic == null || payload == null || at == null) {
			return null;
		}
		Map<String, Object> values = new java.util.HashMap<>();
		payload.forEach((key, value) -> {
			if (value != null) {
				values.put(key, value);
			}
		});
		return new TenantEvent(tenantId, topic, values, at.toInstant());
	}

	/** Deletes the stored events older than the retention, by {@code _id} range (ObjectIds start with their time). */
	void expire() {
		Instant cutoff = clock.instant().minus(settings.retention());
		mongo.getCollection(COLLECTION)
			.deleteMany(new Document("_id", new Document("$lt", new ObjectId(Date.from(cutoff)))));
	}

	@Override
	public void start() {
		if (mongoSettings.changeStreamsPossible()) {
			follower = EventFollower.start(this, mongo, settings.pollInterval(), mongoSettings.embeddedMode());
		}
	}

	@Override
	public void stop() {
		EventFollower current = follower;
		follower = null;
		if (current != null) {
			current.close();
		}
		sinks.values().forEach(sink -> {
			synchronized (sink) {
				sink.tryEmitComplete();
			}
		});
	}

	@Override
	public boolean isRunning() {
		return follower != null;
	}

	/** Started after the store, stopped before it. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2048;
	}

}
