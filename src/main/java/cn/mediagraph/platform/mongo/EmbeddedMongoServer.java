package cn.mediagraph.platform.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: mongo-java-server speaking the real MongoDB wire protocol
 * inside this process, so a bare machine runs the app with no database installed.
 *
 * <p>File storage uses the H2 MVStore backend. MVStore on its own commits only every second,
 * so a killed process would lose the last second of writes; {@link DurableH2Backend} commits
 * after every command that changed something, which is what "nothing lost" asks for.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

	static final String STORE_FILE = "mediagraph.mv.db";

	/** MVStore's page cache: four times its default, so a county's hot index pages stay decoded. */
	static final int CACHE_MB = 64;

	private final MongoServer server;

	private final InetSocketAddress address;

	private final String description;

	private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, String description) {
		this.server = server;
		this.address = address;
		this.description = description;
	}

	/** Starts the store and binds it to the configured host and port (0: any free port). */
	public static EmbeddedMongoServer start(MongoProperties.Embedded settings) {
		MongoBackend backend = switch (settings.storage()) {
			case MEMORY -> new MemoryBackend();
			case FILE -> DurableH2Backend.open(storeFile(settings.dataDir()));
		};
		MongoServer server = new MongoServer(backend);
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
		return new EmbeddedMongoServer(server, address, description);
	}

	private static Path storeFile(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath()
					+ " (set MEDIAGRAPH_DATA_DIR to a writable folder)", ex);
		}
		return dataDir.resolve(STORE_FILE);
	}

	public String connectionString() {
		return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/"
				+ MongoProperties.DEFAULT_DATABASE;
	}

	public String description() {
		return description;
	}

	@Override
	public void close() {
		server.shutdown();
	}

	/** H2 backend that commits the MVStore after each command that left unsaved changes. */
	static final class DurableH2Backend extends H2Backend {

		private final MVStore store;

		private DurableH2Backend(MVStore store) {
			super(store);
			this.store = store;
		}

		static DurableH2Backend open(Path file) {
			try {
				return new DurableH2Backend(new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open());
			}
			catch (MVStoreException ex) {
				throw new IllegalStateException("Cannot open the embedded store " + file.toAbsolutePath()
						+ ": is another MediaGraph instance using it? Give that instance a "
						+ "MEDIAGRAPH_EMBEDDED_PORT and point this one at it with MONGODB_URI.", ex);
			}
		}

		@Override
		public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
			try {
				return super.handleCommand(channel, databaseName, command, query);
			}
			finally {
				if (store.hasUnsavedChanges()) {
					store.commit();
				}
			}
		}

	}

}
