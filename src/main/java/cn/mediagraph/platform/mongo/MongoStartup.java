package cn.mediagraph.platform.mongo;

import java.util.List;

import com.mongodb.MongoException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Before the app takes requests: checks that the store answers (with a short, clear failure
 * when it does not) and creates every declared index. Index creation is idempotent, so any
 * number of instances may start against one database.
 */
@Component
class MongoStartup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(MongoStartup.class);

	private final MongoTemplate mongo;

	private final List<IndexDeclaration> declarations;

	private final MongoProperties properties;

	private final List<RetiredCollections> retired;

	MongoStartup(MongoTemplate mongo, List<IndexDeclaration> declarations, MongoProperties properties,
			List<RetiredCollections> retired) {
		this.mongo = mongo;
		this.declarations = declarations;
		this.properties = properties;
		this.retired = retired;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ping();
		retired.forEach(this::drop);
		declarations.forEach(this::ensure);
		log.info("Store ready: database '{}', {} collections indexed", mongo.getDb().getName(), declarations.size());
	}

	private void ping() {
		try {
			mongo.getDb().runCommand(new Document("ping", 1));
		}
		catch (MongoException ex) {
			String where = properties.embeddedMode() ? "the embedded store"
					: "MongoDB at MONGODB_URI (" + MongoConnectionConfiguration
						.redact(new com.mongodb.ConnectionString(properties.mongodb().uri())) + ")";
			throw new IllegalStateException("Cannot reach " + where + " within "
					+ properties.mongodb().serverSelectionTimeout().toSeconds() + " s: " + ex.getMessage(), ex);
		}
	}

	private void drop(RetiredCollections retiredCollections) {
		for (String collection : retiredCollections.collections()) {
			if (mongo.collectionExists(collection)) {
				mongo.dropCollection(collection);
				log.info("Upgraded the store: dropped '{}' (replaced by {})", collection, retiredCollections.replacedBy());
			}
		}
	}

	private void ensure(IndexDeclaration declaration) {
		var indexOps = mongo.indexOps(declaration.collection());
		declaration.indexes().forEach(indexOps::createIndex);
	}

}
