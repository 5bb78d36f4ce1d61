package cn.mediagraph.platform.graphql;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Per-user budgets of query cost points: a token bucket per caller, filled at
 * {@code refillPerSecond} up to {@code capacity}. A request is refused (429) while its
 * caller's bucket is empty; an admitted request is charged its cost once it is known, so a
 * bucket may run into debt by at most one request's cost.
 *
 * <p>The buckets hold across instances: each instance keeps its callers' buckets in memory (a
 * request costs no database command) and every {@code syncInterval} adds what they spent to
 * one MongoDB document per caller, keyed by {@code _id} ({@code $inc}, atomic), that counts the
 * current ten-second window. What the others spent meanwhile comes back in the same command and
 * is taken from the local bucket, so a user spreading requests over instances gets about the
 * same budget, give or take one interval's spending.
 * Anonymous callers share a bounded set of documents by a hash of their address.
 */
class CostBudgets implements DisposableBean {

	static final String COLLECTION = "request_budgets";

	/** The span over which instances add up their spending. */
	static final int WINDOW_SECONDS = 10;

	/** Anonymous addresses fall into this many shared buckets, so their documents stay few. */
	static final int ANONYMOUS_SLOTS = 4096;

	private static final Logger log = LoggerFactory.getLogger(CostBudgets.class);

	private final GraphQlLimits.Budget settings;

	private final @Nullable MongoCollection<Document> shared;

	private final LongSupplier nanoTime;

	private final LongSupplier wallMillis;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final @Nullable ScheduledExecutorService syncer;

	CostBudgets(GraphQlLimits.Budget settings, MongoTemplate mongo) {
		this(settings, mongo.getCollection(COLLECTION), System::nanoTime, System::currentTimeMillis, true);
	}

	CostBudgets(GraphQlLimits.Budget settings, @Nullable MongoCollection<Document> shared, LongSupplier nanoTime,
			LongSupplier wallMillis, boolean background) {
		this.settings = settings;
		this.shared = shared;
		this.nanoTime = nanoTime;
		this.wallMillis = wallMillis;
		this.syncer = background && shared != null ? startSyncing(settings.syncInterval()) : null;
	}

	/** The bucket key of a signed-in user, or of an anonymous client address. */
	static String keyOf(@Nullable String userId, String clientAddress) {
		if (userId != null) {
			return "user:" + userId;
		}
		return "anonymous:" + Math.floorMod(clientAddress.hashCode(), ANONYMOUS_SLOTS);
	}

	/**
	 * How long the caller must wait before a request is admitted; zero when it may go now.
	 */
	Duration waitBefore(String key) {
		Bucket bucket = bucket(key);
		double tokens;
		synchronized (bucket) {
			tokens = bucket.refill(nanoTime.getAsLong(), settings);
		}
		if (tokens > 0) {
			return Duration.ZERO;
		}
		double seconds = (1 - tokens) / Math.max(1, settings.refillPerSecond());
		return Duration.ofMillis((long) Math.ceil(seconds * 1000));
	}

	/** A wait in whole seconds, at least one: what {@code Retry-After} says. */
	static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	/** What a caller whose budget is spent is told, with the wait. */
	static String spent(Duration wait) {
		return "Too many queries for your budget: wait " + seconds(wait) + " s";
	}

	/** Takes an admitted request's cost from its caller's bucket. */
	void charge(String key, long cost) {
		Bucket bucket = bucket(key);
		synchronized (bucket) {
			bucket.refill(nanoTime.getAsLong(), settings);
			bucket.tokens -= cost;
			bucket.unsynced += cost;
		}
	}

	/**
	 * Adds each bucket's spending to the shared documents and takes the others' from it. The
	 * shared document counts the spending of the current window of {@value #WINDOW_SECONDS}
	 * seconds (wall-clock, the same on every instance), so it never grows and a bucket first seen
	 * here learns what the others spent lately.
	 */
	void sync() {
		if (shared == null) {
			return;
		}
		long window = wallMillis.getAsLong() / 1000 / WINDOW_SECONDS;
		for (Map.Entry<String, Bucket> entry : buckets.entrySet()) {
			Bucket bucket = entry.getValue();
			long spent;
			synchronized (bucket) {
				spent = bucket.unsynced;
				bucket.unsynced = 0;
			}
			long total = addToWindow(entry.getKey(), window, spent);
			synchronized (bucket) {
				long byOthers = bucket.seenWindow == window ? total - bucket.seenTotal - spent : total - spent;
				bucket.seenWindow = window;
				bucket.seenTotal = total;
				if (byOthers > 0) {
					bucket.tokens -= byOthers;
				}
				bucket.refill(nanoTime.getAsLong(), settings);
				if (spent == 0 && byOthers <= 0 && bucket.tokens >= settings.capacity()) {
					buckets.remove(entry.getKey(), bucket);
				}
			}
		}
	}

	/** The window's total after adding {@code spent}: one atomic command, two if the window turned. */
	private long addToWindow(String key, long window, long spent) {
		MongoCollection<Document> collection = java.util.Objects.requireNonNull(shared);
		FindOneAndUpdateOptions returnNew = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
		for (int attempt = 0; attempt < 3; attempt++) {
			Document same = collection.findOneAndUpdate(new Document("_id", key).append("window", window),
					new Document("$inc", new Document("spent", spent)), returnNew);
			if (same != null) {
				return same.get("spent", Number.class).longValue();
			}
			try {
				Document turned = collection.findOneAndUpdate(
						new Document("_id", key).append("window", new Document("$ne", window)),
						new Document("$set", new Document("window", window).append("spent", spent)), returnNew.upsert(true));
				return turned == null ? spent : turned.get("spent", Number.class).longValue();
			}
			catch (com.mongodb.MongoCommandException | com.mongodb.MongoWriteException ex) {
				// another instance turned the window first (duplicate _id): add to theirs
			}
		}
		return spent;
	}

	private Bucket bucket(String key) {
		return buckets.computeIfAbsent(key, k -> new Bucket(settings.capacity(), nanoTime.getAsLong()));
	}

	private ScheduledExecutorService startSyncing(Duration interval) {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "request-budgets");
			thread.setDaemon(true);
			return thread;
		});
		long millis = Math.max(50, interval.toMillis());
		scheduler.scheduleWithFixedDelay(() -> {
			try {
				sync();
			}
			catch (RuntimeException ex) {
				log.warn("Request budgets: could not share spending through MongoDB ({}); each instance counts alone meanwhile",
						ex.toString());
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		return scheduler;
	}

	@Override
	public void destroy() {
		if (syncer != null) {
			syncer.shutdown();
		}
	}

	private static final class Bucket {

		double tokens;

		long refilledAt;

		long unsynced;

		/** The shared window last synced, and its total then. */
		long seenWindow = -1;

		long seenTotal;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.refilledAt = now;
		}

		double refill(long now, GraphQlLimits.Budget settings) {
			double seconds = (now - refilledAt) / 1e9;
			if (seconds > 0) {
				tokens = Math.min(settings.capacity(), tokens + seconds * settings.refillPerSecond());
				refilledAt = now;
			}
			return tokens;
		}

	}

}
