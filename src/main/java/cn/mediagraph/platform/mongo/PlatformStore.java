package cn.mediagraph.platform.mongo;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Documents that belong to no media center: the tenants themselves, and sign-in throttle
 * counters (which must not depend on whether a center exists). Everything else goes through
 * {@link TenantStore}.
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

	/** Deletes the document with this id; false when there was none. */
	public boolean deleteById(String id, Class<?> type) {
		return mongo.remove(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)), type)
			.getDeletedCount() > 0;
	}

	/**
	 * One atomic single-document update (MongoDB's findAndModify), returning the document as
	 * {@code options} asks, or empty when none matched (or, returning the old one, when an
	 * upsert inserted it). An upsert whose query names an {@code _id} that exists but does not
	 * match throws {@link org.springframework.dao.DuplicateKeyException}. On the embedded store
	 * the query must be equalities on exactly the keys of a unique index to be served from it.
	 */
	public <T> Optional<T> findAndModify(Query query, Update update, FindAndModifyOptions options, Class<T> type) {
		return Optional.ofNullable(mongo.findAndModify(query, update, options, type));
	}

}
