package cn.mediagraph.platform.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: mongo-java-server speaking the real MongoDB wire protocol
 * inside this process, so a bare machine runs the app with no database installed.
 *
 * <p>File storage uses the H2 MVStore backend. MVStore on its own commits only every second,
 * so a killed process would lose the last second of writes; {@link DurableH2Backend} commits
 * every change before the client that made it is answered, which is what "nothing lost" asks
 * for, and keeps the file compact while doing so (see there). With {@link #groupCommits()} the
 * app's own changes are committed together, before the app answers the request that made them.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	static final String STORE_FILE = "mediagraph.mv.db";

	/** MVStore's page cache: four times its default, so a county's hot index pages stay decoded. */
	static final int CACHE_MB = 64;

	/** The user the app authenticates as; its password is made at random for each run. */
	static final String USER = "mediagraph";

	private final MongoServer server;

	/** The backend under the authentication wrapper: what holds the file. */
	private final MongoBackend storage;

	private final InetSocketAddress address;

	private final String description;

	private final MongoCredential credential;

	private EmbeddedMongoServer(MongoServer server, MongoBackend storage, InetSocketAddress address,
			String description, MongoCredential credential) {
		this.storage = storage;
		this.server = server;
		this.address = address;
		this.description = description;
		this.credential = credential;
	}

	/**
	 * Starts the store and binds it to the configured host and port. On port 0 (a random one,
	 * the default) only this process can use it: every connection must authenticate with a
	 * password made now and kept in memory ({@link AuthenticatingBackend}). A fixed port is an
	 * operator's choice to let other processes in (a second instance, a Mongo shell): then any
	 * client that reaches the port is served.
	 */
	public static EmbeddedMongoServer start(MongoProperties.Embedded settings) {
		MongoBackend storage = switch (settings.storage()) {
			case MEMORY -> new MemoryBackend();
			case FILE -> DurableH2Backend.open(storeFile(settings.dataDir()));
		};
		String password = randomPassword();
		boolean open = settings.acceptsOtherClients();
		MongoServer server = new MongoServer(new AuthenticatingBackend(storage, USER, password, !open));
		ClientErrorLogFilter.install();
		if (settings.oplog()) {
			server.enableOplog();
		}
		server.bind(settings.host(), settings.port());
		InetSocketAddress address = server.getLocalAddress();
		String description = settings.storage() == MongoProperties.Storage.FILE
				? "file " + storeFile(settings.dataDir()).toAbsolutePath()
				: "memory only (nothing survives a restart)";
		log.info("Embedded MongoDB store: {}, listening on mongodb://{}:{}/{}", description, address.getHostString(),
				address.getPort(), MongoProperties.DEFAULT_DATABASE);
		if (open) {
			log.warn("The embedded store serves any client that reaches {}:{} without authentication "
					+ "(MEDIAGRAPH_EMBEDDED_PORT is set): every local user can read and change all data", address.getHostString(),
					address.getPort());
		}
		return new EmbeddedMongoServer(server, storage, address, description,
				MongoCredential.createPlainCredential(USER, "$external", password.toCharArray()));
	}

	private static String randomPassword() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The data directory, created owner-only (700) when it does not exist: the store file in it
	 * holds everything, and MVStore creates it with the default permissions.
	 */
	private static Path storeFile(Path dataDir) {
		try {
			if (Files.exists(dataDir)) {
				warnIfOthersMayEnter(dataDir);
			}
			else if (Files.getFileStore(existingAncestor(dataDir)).supportsFileAttributeView("posix")) {
				Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			else {
				Files.createDirectories(dataDir);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath()
					+ " (set MEDIAGRAPH_DATA_DIR to a writable folder)", ex);
		}
		return dataDir.resolve(STORE_FILE);
	}

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static void warnIfOthersMayEnter(Path dataDir) throws IOException {
		if (!Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dataDir);
		if (!OWNER_ONLY.containsAll(permissions)) {
			log.warn("The data directory {} is open to other users ({}): they can read the store file directly. "
					+ "Run: chmod 700 {}", dataDir.toAbsolutePath(), PosixFilePermissions.toString(permissions),
					dataDir.toAbsolutePath());
		}
	}

	private static Path existingAncestor(Path path) {
		Path current = path.toAbsolutePath();
		while (current != null && !Files.exists(current)) {
			current = current.getParent();
		}
		return current == null ? path.toAbsolutePath().getRoot() : current;
	}

	/** Where the store listens; a client also needs {@link #credential()} unless the port was fixed. */
	public String connectionString() {
		return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/"
				+ MongoProperties.DEFAULT_DATABASE;
	}

	/** How the app authenticates: never logged, valid for this run only. */
	public MongoCredential credential() {
		return credential;
	}

	/** Settings for a client of this store: its address and the app's credential. */
	public MongoClientSettings clientSettings() {
		return MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(connectionString()))
			.credential(credential)
			.build();
	}

	public String description() {
		return description;
	}

	/**
	 * From now on the changes made through the app's own connections (those that signed in
	 * with this run's password) are committed together: by {@link #flush()}, which the app calls
	 * before it answers a request, by a timer a few times a second for writes no request
	 * waits on, and at once past a few megabytes of unsaved changes. Other clients' changes are
	 * still committed before each of them is answered. A store in memory has nothing to commit.
	 *
	 * @return this server
	 */
	public EmbeddedMongoServer groupCommits() {
		if (storage instanceof DurableH2Backend durable) {
			durable.groupCommits();
		}
		return this;
	}

	/** Commits every change made so far; returns once they are in the file (a no-op when there are none). */
	public void flush() {
		if (storage instanceof DurableH2Backend durable) {
			durable.flush();
		}
	}

	/**
	 * Stops serving and closes the store. mongo-java-server waits for its network threads to
	 * end; once, after a load test, that wait never returned and the app did not stop on
	 * Ctrl-C. So the wait is bounded: past it, the store is closed directly (closing commits
	 * what is still unsaved, so nothing is lost) and the stop goes on.
	 */
	@Override
	public void close() {
		Thread stopping = new Thread(server::shutdown, "embedded-store-shutdown");
		stopping.setDaemon(true);
		stopping.start();
		try {
			stopping.join(SHUTDOWN_WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (stopping.isAlive()) {
			log.warn("The embedded store's network threads did not stop within {} s; closing the store file directly",
					SHUTDOWN_WAIT.toSeconds());
			storage.close();
		}
	}

	private static final java.time.Duration SHUTDOWN_WAIT = java.time.Duration.ofSeconds(15);

	/**
	 * H2 backend that commits the MVStore after each command that left unsaved changes, and
	 * keeps the file compact.
	 *
	 * <p>MVStore never overwrites live data: every commit appends a chunk holding the changed
	 * B-tree pages (a 16 KB leaf and the path up to the root, some 30 KB for one story save), and
	 * a superseded chunk is reused only once it holds no live page and is older than the
	 * retention time (45 s by default). With a commit per command the file ballooned: 100,000
	 * stories of about 2 KB (201 MB as NDJSON), then 10,000 single-story edits and 2,000 counter
	 * increments left 660 MB, and MVStore's background housekeeping grew that to 800-900 MB
	 * after the writes stopped (4.0-4.5 times the NDJSON).
	 *
	 * <p>What keeps it compact, measured with {@code StoreFileSizeBenchmark} on that pattern
	 * (file after the inserts / edits / increments: 283 / 630 / 660 MB before, 181 / 250-265 /
	 * 250-265 MB after, 1.2-1.3 times the NDJSON; an insert still takes about 0.4 ms a story, an
	 * edit 3.5-4.7 ms instead of 3.0, an increment 0.9-1.1 ms instead of 0.5-0.9):
	 * <ul>
	 * <li>{@link MVStore.Builder#compress() LZF compression}: documents were Java-serialized
	 * then, which compressed well (283 to 181 MB after the inserts) at no measurable cost in
	 * time; they are BSON now ({@link DocumentType}).
	 * Pages carry their own compression flag, so existing files stay readable.
	 * <li>A retention time of 0: superseded chunks are reused as soon as no version in use
	 * needs them. The retention time guards against a disk reordering writes across a power
	 * loss, which a commit without fsync never promised; a killed process loses nothing that the
	 * operating system was handed.
	 * <li>Each command registers the version it reads, so that no chunk is reused under it:
	 * without that and without the retention time, 8 of 8 scans of 30,000 stories failed with
	 * "Chunk ... not found" while another collection was being written. (The old settings failed
	 * so too, once, in a scan while the background housekeeping ran.)
	 * <li>No background writer thread: every change is already committed by the command that
	 * made it, and its housekeeping kept moving chunks to the end of the file.
	 * <li>After every {@value #COMPACT_EVERY_COMMITS} commits, up to
	 * {@value #COMPACT_WRITE_BYTES} bytes of live pages are copied out of sparse chunks while
	 * less than {@value #COMPACT_TARGET_FILL_RATE}% of the chunks' bytes is live. Without it
	 * the file reached 351 MB. A target of 80% saved another 10 MB but kept compaction running
	 * almost continuously (an increment took 3 ms); passes of 1 MB made the file 15% smaller for
	 * four times the compaction time.
	 * </ul>
	 *
	 * <p>Online compaction never shrinks a file that is already mostly dead (one written before
	 * these settings), so on opening such a file it is first rewritten in full: a 234 MB file of
	 * 20,000 stories became 36 MB in 3 to 4 seconds. MVStore writes the copy to a temporary file
	 * and renames it over the original, so a kill during the rewrite loses nothing. A full
	 * rewrite on every shutdown would take seconds for each 40 MB of data, so a stop rewrites
	 * only a file that is mostly dead by the same rule (heavy writing leaves one: an import and
	 * thousands of edits left a third of 179 MB live).
	 */
	static final class DurableH2Backend extends H2Backend {

		static final int COMPACT_EVERY_COMMITS = 20;

		static final int COMPACT_WRITE_BYTES = 512 * 1024;

		static final int COMPACT_TARGET_FILL_RATE = 75;

		/** On opening, a file less than this percent live is rewritten in full... */
		static final int OPEN_COMPACTION_LIVE_PERCENT = 50;

		/** ...if it is at least this large: below, the waste is not worth a slower start. */
		static final long OPEN_COMPACTION_MIN_BYTES = 64L * 1024 * 1024;

		private final MVStore store;

		/** Past this many bytes of unsaved changes, a grouped command commits at once. */
		static final int GROUP_MAX_UNSAVED_BYTES = 4 << 20;

		/** How often grouped changes that no flush committed are committed. */
		static final long GROUP_COMMIT_EVERY_MILLIS = 200;

		private long commits;

		/** Bumped after each command that left unsaved changes, before it is answered. */
		private final AtomicLong changes = new AtomicLong();

		/**
		 * The value of {@link #changes} the last finished commit covers, set once the commit and
		 * any compaction after it are done. A command whose change a running commit already took
		 * (MVStore counts it saved once the pages are serialized, before the chunk is written)
		 * leaves {@link #changes} as it was, but a running commit always covers more than this,
		 * so that command's flush waits for it.
		 */
		private volatile long committedChanges;

		/** Held by whoever commits (or compacts, which commits too). */
		private final ReentrantLock committing = new ReentrantLock();

		private volatile @Nullable ScheduledExecutorService groupTimer;

		private DurableH2Backend(MVStore store) {
			super(store);
			this.store = store;
		}

		/** Collections that find a document by {@code _id} whatever else the query names. */
		@Override
		protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
			return IdLookupH2Database.open(databaseName, getMvStore(), getCursorRegistry());
		}

		static DurableH2Backend open(Path file) {
			MVStore store = openStore(file);
			if (mostlyDead(store)) {
				rewrite(store, file);
				store = openStore(file);
				log.info("Compacted the embedded store to {} MB", store.getFileStore().size() >> 20);
			}
			return new DurableH2Backend(store);
		}

		/** A file of at least {@link #OPEN_COMPACTION_MIN_BYTES} less than {@link #OPEN_COMPACTION_LIVE_PERCENT}% live. */
		private static boolean mostlyDead(MVStore store) {
			return store.getFileStore().size() >= OPEN_COMPACTION_MIN_BYTES && livePercent(store) < OPEN_COMPACTION_LIVE_PERCENT;
		}

		private static int livePercent(MVStore store) {
			return store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
		}

		/** Closes the store, rewriting its file in full (to a temporary file renamed over it: a kill loses nothing). */
		private static void rewrite(MVStore store, Path file) {
			log.info("Compacting the embedded store {}: {} MB, {}% of it live", file.toAbsolutePath(),
					store.getFileStore().size() >> 20, livePercent(store));
			long started = System.nanoTime();
			try {
				store.close(-1);
				log.info("Compacted the embedded store in {} ms", (System.nanoTime() - started) / 1_000_000);
			}
			catch (RuntimeException ex) {
				log.warn("Compacting the embedded store failed; it is used as it is", ex);
			}
		}

		/**
		 * Closes the store; a file left mostly dead by heavy writing (an import, thousands of
		 * edits) is then rewritten in full, as on opening, so the disk holds what is live between
		 * runs: after importing 20,000 stories and 10,000 edits the file was 179 MB, a third of it
		 * live. A stop then takes seconds longer, once.
		 */
		@Override
		public void close() {
			ScheduledExecutorService timer = groupTimer;
			if (timer != null) {
				// not interrupted: an interrupt inside a commit's file write closes the file channel
				timer.shutdown();
				try {
					timer.awaitTermination(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			boolean compact = !store.isClosed() && store.getFileStore() != null && mostlyDead(store);
			if (!compact) {
				super.close();
				return;
			}
			Path file = Path.of(store.getFileStore().getFileName());
			super.close();
			try {
				rewrite(openStore(file), file);
			}
			catch (RuntimeException ex) {
				log.warn("Compacting the embedded store on stop failed; the next start will", ex);
			}
		}

		private static MVStore openStore(Path file) {
			MVStore store;
			try {
				store = new MVStore.Builder().fileName(file.toString())
					.cacheSize(CACHE_MB)
					.compress()
					.autoCommitDisabled()
					.open();
			}
			catch (MVStoreException ex) {
				throw new IllegalStateException("Cannot open the embedded store " + file.toAbsolutePath()
						+ ": is another MediaGraph instance using it? Give that instance a "
						+ "MEDIAGRAPH_EMBEDDED_PORT and point this one at it with MONGODB_URI.", ex);
			}
			store.setRetentionTime(0);
			return store;
		}

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			// no chunk this command reads from is reused before it is done
			MVStore.TxCounter reading = store.registerVersionUsage();
			try {
				return super.handleCommand(channel, databaseName, command, query);
			}
			finally {
				store.deregisterVersionUsage(reading);
				if (store.hasUnsavedChanges()) {
					long change = changes.incrementAndGet();
					if (groupTimer == null || !AuthenticatingBackend.authenticated(channel)
							|| store.getUnsavedMemory() > GROUP_MAX_UNSAVED_BYTES) {
						commitUpTo(change);
					}
				}
			}
		}

		/**
		 * Commits the app's changes together from now on (see {@link EmbeddedMongoServer#groupCommits()}).
		 * A save of a story is four writes (its revision, the story, its history line, the audit
		 * entry): committed one by one, each appended a chunk with its own path of B-tree pages
		 * and the store's layout pages, and commits and the compaction they call for took most of
		 * the store's share of a save.
		 */
		void groupCommits() {
			if (groupTimer != null) {
				return;
			}
			ScheduledExecutorService timer = Executors
				.newSingleThreadScheduledExecutor(runnable -> {
					Thread thread = new Thread(runnable, "embedded-store-commits");
					thread.setDaemon(true);
					return thread;
				});
			timer.scheduleWithFixedDelay(this::flushQuietly, GROUP_COMMIT_EVERY_MILLIS, GROUP_COMMIT_EVERY_MILLIS,
					TimeUnit.MILLISECONDS);
			groupTimer = timer;
		}

		/** Commits every change a command was answered for; returns once they are in the file. */
		void flush() {
			long upTo = changes.get();
			if (upTo > committedChanges) {
				commitUpTo(upTo);
			}
		}

		private void flushQuietly() {
			try {
				if (!store.isClosed()) {
					flush();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Committing the embedded store failed", ex);
			}
		}

		/**
		 * Commits at least up to the given change. Taking the lock waits for a commit under way,
		 * which may hold the change already, rather than trusting {@link MVStore#hasUnsavedChanges()}.
		 */
		private void commitUpTo(long change) {
			committing.lock();
			try {
				if (change <= committedChanges) {
					return;
				}
				long covered = changes.get();
				store.commit();
				if (++commits % COMPACT_EVERY_COMMITS == 0) {
					compact();
				}
				committedChanges = covered;
			}
			finally {
				committing.unlock();
			}
		}

		/** Copies live pages out of sparse chunks: housekeeping, so it never fails the command. */
		private void compact() {
			try {
				if (store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
					store.commit();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Compacting the embedded store failed; the next pass will try again", ex);
			}
		}

	}

}
