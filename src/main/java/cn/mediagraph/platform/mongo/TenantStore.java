package cn.mediagraph.platform.mongo;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.security.Role;
import com.mongodb.client.result.DeleteResult;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The one door to tenant-owned data. Every read and write a feature makes goes through a
 * {@link Scope}, which adds the tenant to each filter and checks it on each document written,
 * so a feature cannot forget it: another tenant's ids behave as if they did not exist.
 * (An architecture test keeps features away from {@link MongoTemplate} itself.)
 */
@Component
public class TenantStore {

	/**
	 * The server-side time limit ({@code maxTimeMS}) of every query a request makes: a query
	 * that cannot finish in this time is stopped by MongoDB rather than left running.
	 */
	public static final java.time.Duration QUERY_TIME_LIMIT = java.time.Duration.ofSeconds(5);

	/** MongoDB's code for a unique key already taken. */
	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	TenantStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The signed-in user's tenant; fails for callers without one (the platform admin). */
	public Scope current() {
		return new Scope(CurrentUser.require().requireTenantId());
	}

	/** An explicit tenant, for platform-level work (the platform admin, start-up tasks). */
	public Scope forTenant(String tenantId) {
		return new Scope(tenantId);
	}

	/**
	 * A document of any tenant, by id: the platform admin's provincial view only. Anybody else
	 * is refused, whatever the id.
	 */
	public <T extends TenantOwned> Optional<T> findAnyTenantById(String id, Class<T> type) {
		if (!CurrentUser.require().has(Role.PLATFORM_ADMIN)) {
			throw new AccessDeniedException("Only the platform admin reads across media centers");
		}
		return Optional.ofNullable(mongo.findById(id, type));
	}

	/**
	 * At most {@code limit} documents of any tenant that match, in {@code _id} order: for
	 * upgrades of a store at start-up, which run with no caller and write each document found
	 * in its own tenant's {@link Scope}. Not for request paths: on the embedded store this
	 * scans the collection.
	 */
	public <T extends TenantOwned> List<T> findForUpgrade(Query query, Class<T> type, int limit) {
		return mongo.find(Query.of(query).with(org.springframework.data.domain.Sort.by("_id")).limit(limit)
			.maxTime(QUERY_TIME_LIMIT), type);
	}

	/** Reads and writes confined to one tenant. */
	public final class Scope {

		private final String tenantId;

		private Scope(String tenantId) {
			this.tenantId = tenantId;
		}

		public String tenantId() {
			return tenantId;
		}

		public <T extends TenantOwned> T insert(T document) {
			checkOwned(document);
			return mongo.insert(document);
		}

		public <T extends TenantOwned> List<T> insertAll(Collection<T> documents) {
			documents.forEach(this::checkOwned);
			return List.copyOf(mongo.insertAll(documents));
		}

		/**
		 * Inserts the documents that do not exist yet, in one unordered bulk write: a document
		 * whose id is taken is left as it is (idempotent imports), the others are written.
		 *
		 * @return the documents that were inserted
		 */
		public <T extends TenantOwned> List<T> insertNew(List<T> documents) {
			if (documents.isEmpty()) {
				return List.of();
			}
			documents.forEach(this::checkOwned);
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, documents.get(0).getClass());
			bulk.insert(documents);
			try {
				bulk.execute();
				return documents;
			}
			catch (BulkOperationException ex) {
				java.util.Set<Integer> refused = new java.util.HashSet<>();
				for (var error : ex.getErrors()) {
					if (error.getCode() != DUPLICATE_KEY) {
						throw ex;
					}
					refused.add(error.getIndex());
				}
				List<T> inserted = new java.util.ArrayList<>(documents.size() - refused.size());
				for (int i = 0; i < documents.size(); i++) {
					if (!refused.contains(i)) {
						inserted.add(documents.get(i));
					}
				}
				return inserted;
			}
		}

		public <T extends TenantOwned> Optional<T> findById(String id, Class<T> type) {
			return Optional.ofNullable(mongo.findOne(byId(id), type));
		}

		/**
		 * Batch lookup by id, in one command. The filter is the id list alone (so that any
		 * MongoDB answers it from the {@code _id} index) and the tenant is checked on the result.
		 */
		public <T extends TenantOwned> List<T> findAllById(Collection<String> ids, Class<T> type) {
			if (ids.isEmpty()) {
				return List.of();
			}
			Query query = Query.query(Criteria.where("_id").in(ids)).maxTime(QUERY_TIME_LIMIT);
			return mongo.find(query, type).stream().filter(document -> tenantId.equals(document.tenantId())).toList();
		}

		public <T> List<T> find(Query query, Class<T> type) {
			return mongo.find(scoped(query), type);
		}

		public <T> Optional<T> findOne(Query query, Class<T> type) {
			return Optional.ofNullable(mongo.findOne(scoped(query), type));
		}

		public long count(Query query, Class<?> type) {
			return mongo.count(scoped(query), type);
		}

		public boolean exists(Query query, Class<?> type) {
			return mongo.exists(scoped(query), type);
		}

		/**
		 * Atomically updates the document with this id when it also matches {@code condition}
		 * (for example an expected revision), returning the new version, or empty when no
		 * document of this tenant matched.
		 */
		public <T extends TenantOwned> Optional<T> update(String id, Criteria condition, Update update, Class<T> type) {
			Query query = byId(id).addCriteria(condition);
			return Optional.ofNullable(
					mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), type));
		}

		/**
		 * Atomically updates the document with this id when it also matches {@code condition};
		 * false when no document of this tenant matched. One command, nothing read back: the
		 * caller knows what it wrote.
		 */
		public boolean updateIf(String id, Criteria condition, Update update, Class<? extends TenantOwned> type) {
			return mongo.updateFirst(byId(id).addCriteria(condition), update, type).getMatchedCount() > 0;
		}

		public <T extends TenantOwned> Optional<T> update(String id, Update update, Class<T> type) {
			return Optional.ofNullable(
					mongo.findAndModify(byId(id), update, FindAndModifyOptions.options().returnNew(true), type));
		}

		/** Updates the document with this id, creating it (with its id and tenant) when absent; returns it as stored. */
		public <T extends TenantOwned> T upsert(String id, Update update, Class<T> type) {
			return mongo.findAndModify(byId(id), update, FindAndModifyOptions.options().upsert(true).returnNew(true),
					type);
		}

		/**
		 * As {@link #upsert}, without reading the document back: for a write whose result is not
		 * used (a story's save keeps the content it replaced and adds a line to the story's history,
		 * which grows with every edit: neither is sent back and mapped for nothing).
		 */
		public void upsertWithoutResult(String id, Update update, Class<? extends TenantOwned> type) {
			mongo.upsert(byId(id), update, type);
		}

		public boolean delete(String id, Class<? extends TenantOwned> type) {
			DeleteResult result = mongo.remove(byId(id), type);
			return result.getDeletedCount() > 0;
		}

		/**
		 * Many single-document updates by id, sent as one unordered bulk write: each is atomic on
		 * its own, none waits for another. Keys are document ids; with {@code upsert} a missing
		 * document is created with its id and tenant.
		 */
		public void bulkUpdate(Map<String, Update> updates, boolean upsert, Class<? extends TenantOwned> type) {
			if (updates.isEmpty()) {
				return;
			}
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
			updates.forEach((id, update) -> {
				if (upsert) {
					bulk.upsert(byId(id), update);
				}
				else {
					bulk.updateOne(byId(id), update);
				}
			});
			bulk.execute();
		}

		/**
		 * Writes each document in place of the one with its id when that one matches
		 * {@code condition} (for example the revision read), or inserts it when none exists: one
		 * unordered bulk write. A document whose condition failed is not written.
		 *
		 * @return the ids of the documents not written because their condition failed
		 */
		public <T extends TenantOwned> java.util.Set<String> replaceAllIf(List<T> documents,
				java.util.function.Function<T, Criteria> condition) {
			if (documents.isEmpty()) {
				return java.util.Set.of();
			}
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, documents.get(0).getClass());
			for (T document : documents) {
				checkOwned(document);
				bulk.replaceOne(byId(document.id()).addCriteria(condition.apply(document)), document,
						org.springframework.data.mongodb.core.FindAndReplaceOptions.options().upsert());
			}
			return executeConditionally(bulk, index -> documents.get(index).id());
		}

		/** Runs a bulk of conditional upserts: the ids of those whose condition failed (a duplicate key on insert). */
		private java.util.Set<String> executeConditionally(BulkOperations bulk, java.util.function.IntFunction<String> idAt) {
			try {
				bulk.execute();
				return java.util.Set.of();
			}
			catch (BulkOperationException ex) {
				return lostOnDuplicateKeys(ex.getErrors(), idAt, ex);
			}
		}

		/** The ids of conditional upserts that failed on a duplicate key (their condition did not hold); any other error is thrown. */
		private static java.util.Set<String> lostOnDuplicateKeys(List<com.mongodb.bulk.BulkWriteError> errors,
				java.util.function.IntFunction<String> idAt, RuntimeException cause) {
			java.util.Set<String> failed = new java.util.HashSet<>();
			for (var error : errors) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw cause;
				}
				failed.add(idAt.apply(error.getIndex()));
			}
			return failed;
		}

		/**
		 * Like {@link #bulkUpdate}, for documents whose fields are free-form maps (counters keyed
		 * by name, hour, channel …): the update paths and values go to the driver as written (values
		 * must be what it encodes as they are: numbers, strings), not resolved
		 * against a class's properties, which costs an exception per unknown path segment in
		 * Spring Data's mapping and made each such update many times slower.
		 */
		public void bulkUpdateFields(Map<String, Update> updates, boolean upsert, String collection) {
			if (updates.isEmpty()) {
				return;
			}
			// straight to the driver: the paths and numbers need no mapping, and mapping each
			// value through the conversion service was a tenth of reach ingestion's garbage
			com.mongodb.client.model.UpdateOptions options = new com.mongodb.client.model.UpdateOptions().upsert(upsert);
			List<com.mongodb.client.model.WriteModel<org.bson.Document>> writes = new java.util.ArrayList<>(updates.size());
			updates.forEach((id, update) -> writes.add(new com.mongodb.client.model.UpdateOneModel<>(
					new org.bson.Document("_id", id).append(TenantOwned.TENANT_FIELD, tenantId), update.getUpdateObject(),
					options)));
			mongo.execute(collection, documents -> documents.bulkWrite(writes,
					new com.mongodb.client.model.BulkWriteOptions().ordered(false)));
		}

		/** Documents of a collection of free-form maps (see {@link #bulkUpdateFields}) by id, as stored. */
		public List<org.bson.Document> findAllById(Collection<String> ids, String collection) {
			return findAllById(ids, collection, null);
		}

		/**
		 * Documents of a collection of free-form maps by id, as stored, with only the named
		 * top-level fields (and the id and tenant; null: all of them): a reader that needs one part
		 * of wide documents neither moves nor decodes the rest.
		 */
		public List<org.bson.Document> findAllById(Collection<String> ids, String collection,
				@Nullable Collection<String> fields) {
			if (ids.isEmpty()) {
				return List.of();
			}
			Query query = Query.query(Criteria.where("_id").in(ids)).maxTime(QUERY_TIME_LIMIT);
			if (fields != null) {
				query.fields().include(TenantOwned.TENANT_FIELD);
				fields.forEach(query.fields()::include);
			}
			return mongo.find(query, org.bson.Document.class, collection).stream()
				.filter(document -> tenantId.equals(document.get(TenantOwned.TENANT_FIELD)))
				.toList();
		}

		/**
		 * Like {@link #bulkUpdateFields} with upsert, each update applied only where the document
		 * also matches its condition (for example the revision read; a missing document is
		 * created when the condition allows it): one unordered bulk write.
		 *
		 * @return the ids whose condition failed, not written
		 */
		public java.util.Set<String> bulkUpdateFieldsIf(Map<String, Update> updates, Map<String, Criteria> conditions,
				String collection) {
			if (updates.isEmpty()) {
				return java.util.Set.of();
			}
			List<String> ids = List.copyOf(updates.keySet());
			BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
			ids.forEach(id -> bulk.upsert(byId(id).addCriteria(conditions.get(id)), updates.get(id)));
			return executeConditionally(bulk, ids::get);
		}

		/**
		 * Conditional upserts given as raw update documents, straight to the driver (values
		 * already in their stored form, nothing to map): each applied only where its document
		 * also matches its condition, or created where none exists. One unordered bulk write.
		 *
		 * @return the ids of the documents not written because their condition failed
		 */
		public java.util.Set<String> bulkUpsertIf(Map<String, org.bson.Document> updates,
				Map<String, org.bson.Document> conditions, String collection) {
			if (updates.isEmpty()) {
				return java.util.Set.of();
			}
			List<String> ids = List.copyOf(updates.keySet());
			com.mongodb.client.model.UpdateOptions upsert = new com.mongodb.client.model.UpdateOptions().upsert(true);
			List<com.mongodb.client.model.WriteModel<org.bson.Document>> writes = new java.util.ArrayList<>(ids.size());
			for (String id : ids) {
				org.bson.Document filter = new org.bson.Document("_id", id).append(TenantOwned.TENANT_FIELD, tenantId);
				filter.putAll(conditions.get(id));
				writes.add(new com.mongodb.client.model.UpdateOneModel<>(filter, updates.get(id), upsert));
			}
			return mongo.execute(collection, documents -> {
				try {
					documents.bulkWrite(writes, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
					return java.util.Set.<String>of();
				}
				catch (com.mongodb.MongoBulkWriteException ex) {
					return lostOnDuplicateKeys(ex.getWriteErrors(), ids::get, ex);
				}
			});
		}

		/** Deletes every document of this tenant that matches; for rebuilding derived data. */
		public long deleteAll(Query query, Class<? extends TenantOwned> type) {
			return mongo.remove(scoped(query), type).getDeletedCount();
		}

		/** Deletes the document with this id when it also matches {@code condition}; false when none did. */
		public boolean deleteIf(String id, Criteria condition, Class<? extends TenantOwned> type) {
			return mongo.remove(byId(id).addCriteria(condition), type).getDeletedCount() > 0;
		}

		private Query byId(String id) {
			return Query.query(Criteria.where("_id").is(id).and(TenantOwned.TENANT_FIELD).is(tenantId))
				.maxTime(QUERY_TIME_LIMIT);
		}

		private Query scoped(Query query) {
			return Query.of(query).addCriteria(Criteria.where(TenantOwned.TENANT_FIELD).is(tenantId)).maxTime(QUERY_TIME_LIMIT);
		}

		private void checkOwned(TenantOwned document) {
			if (!tenantId.equals(document.tenantId())) {
				throw new IllegalArgumentException("A document of tenant " + document.tenantId()
						+ " cannot be written in the scope of tenant " + tenantId);
			}
		}

	}

}
