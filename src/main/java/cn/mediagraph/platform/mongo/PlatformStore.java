package cn.mediagraph.platform.mongo;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Documents that belong to no media center: the tenants themselves. Everything else goes
 * through {@link TenantStore}.
 */
@Component
public class PlatformStore {

	private final MongoTemplate mongo;

	PlatformStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public <T> T insert(T document) {
		return mongo.insert(document);
	}

	/** Inserts the document, or replaces the one with its id. */
	public <T> T save(T document) {
		return mongo.save(document);
	}

	public <T> Optional<T> findById(String id, Class<T> type) {
		return Optional.ofNullable(mongo.findById(id, type));
	}

	public <T> Optional<T> findOne(Query query, Class<T> type) {
		return Optional.ofNullable(mongo.findOne(query, type));
	}

	public <T> List<T> find(Query query, Class<T> type) {
		return mongo.find(query, type);
	}

}
