package cn.mediagraph.platform.mongo;

import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store: the MongoDB named by {@code MONGODB_URI}, or else the embedded one.
 * Providing {@link MongoConnectionDetails} makes Boot's own connection settings back off.
 */
@Configuration(proxyBeanMethods = false)
class MongoConnectionConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MongoConnectionConfiguration.class);

	@Bean
	MongoConnectionDetails mongoConnectionDetails(MongoProperties properties, StoreHolder store) {
		ConnectionString connection = new ConnectionString(store.connectionString(properties));
		return () -> connection;
	}

	@Bean(destroyMethod = "close")
	StoreHolder storeHolder(MongoProperties properties) {
		if (!properties.embeddedMode()) {
			log.info("Store: MongoDB at {} (MONGODB_URI); nothing embedded",
					redact(new ConnectionString(properties.mongodb().uri())));
			return new StoreHolder(null);
		}
		return new StoreHolder(EmbeddedMongoServer.start(properties.embedded()).groupCommits());
	}

	/** The embedded store's commits, which the app's answers wait for; nothing to do on a real MongoDB. */
	@Bean
	StoreDurability storeDurability(StoreHolder store) {
		EmbeddedMongoServer embedded = store.embedded();
		return embedded != null ? embedded::flush : () -> {
		};
	}

	/** Fail in seconds, not after the driver's default 30 s, when the database is unreachable. */
	@Bean
	MongoClientSettingsBuilderCustomizer shortTimeouts(MongoProperties properties) {
		long millis = properties.mongodb().serverSelectionTimeout().toMillis();
		return settings -> settings.applyToClusterSettings(c -> c.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
			.applyToSocketSettings(s -> s.connectTimeout((int) Math.min(millis, 10_000), TimeUnit.MILLISECONDS));
	}

	/** The app's credential for the embedded store, which serves nobody else (kept out of the URI, which may be logged). */
	@Bean
	MongoClientSettingsBuilderCustomizer embeddedStoreCredential(StoreHolder store) {
		return settings -> {
			if (store.embedded() != null) {
				settings.credential(store.embedded().credential());
			}
		};
	}

	static String redact(ConnectionString connection) {
		return String.join(",", connection.getHosts()) + "/" + databaseOf(connection);
	}

	static String databaseOf(ConnectionString connection) {
		String database = connection.getDatabase();
		return database == null ? MongoProperties.DEFAULT_DATABASE : database;
	}

	/** The embedded server when one runs, closed with the context. */
	record StoreHolder(@org.jspecify.annotations.Nullable EmbeddedMongoServer embedded) implements AutoCloseable {

		String connectionString(MongoProperties properties) {
			if (embedded != null) {
				return embedded.connectionString();
			}
			ConnectionString given = new ConnectionString(properties.mongodb().uri());
			return given.getDatabase() != null ? given.getConnectionString() : withDatabase(given.getConnectionString());
		}

		private static String withDatabase(String uri) {
			int query = uri.indexOf('?');
			String base = query < 0 ? uri : uri.substring(0, query);
			String options = query < 0 ? "" : uri.substring(query);
			String slash = base.substring(base.indexOf("://") + 3).contains("/") ? "" : "/";
			return base + slash + MongoProperties.DEFAULT_DATABASE + options;
		}

		@Override
		public void close() {
			if (embedded != null) {
				embedded.close();
			}
		}

	}

}
