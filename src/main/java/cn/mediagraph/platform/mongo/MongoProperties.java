package cn.mediagraph.platform.mongo;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives: a real MongoDB named by {@code MONGODB_URI}, or the embedded store.
 */
@ConfigurationProperties("mediagraph")
public record MongoProperties(Mongodb mongodb, Embedded embedded) {

	/** The database the embedded store serves, and the default when a URI names none. */
	public static final String DEFAULT_DATABASE = "mediagraph";

	public boolean embeddedMode() {
		return mongodb.uri() == null || mongodb.uri().isBlank();
	}

	/** A real MongoDB deployment. */
	public record Mongodb(@Nullable String uri, @DefaultValue("5s") Duration serverSelectionTimeout) {
	}

	/**
	 * The in-process store that speaks the MongoDB wire protocol.
	 *
	 * @param oplog keep an oplog, so that clients can follow changes through change streams
	 * (several app instances on one embedded store, in tests): it grows without bound and every
	 * change-stream read scans it, so it is off by default
	 */
	public record Embedded(@DefaultValue("./data") Path dataDir, @DefaultValue("0") int port,
			@DefaultValue("127.0.0.1") String host, @DefaultValue("file") Storage storage,
			@DefaultValue("false") boolean oplog) {

		/**
		 * A fixed port is how an operator opts in to other clients (a second instance, a Mongo
		 * shell); on a random one only this process gets in.
		 */
		public boolean acceptsOtherClients() {
			return port != 0;
		}

	}

	/** Whether clients can follow changes through MongoDB change streams: on real MongoDB, try. */
	public boolean changeStreamsPossible() {
		return !embeddedMode() || embedded.oplog();
	}

	/** How the embedded store keeps its data. */
	public enum Storage {
		/** An H2 MVStore file under the data directory: survives restarts and kills. */
		FILE,
		/** The heap only: gone when the process ends (tests, throw-away runs). */
		MEMORY
	}

}
