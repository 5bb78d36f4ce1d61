package cn.mediagraph.platform.mongo;

import java.util.Collection;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's databases, whose collections find a document by {@code _id} from the
 * {@code _id} index even when the query names other fields too. mongo-java-server uses an
 * index only for a query on exactly that index's fields, so {@code {_id, tenantId}} — every
 * read and conditional write of a tenant's document, {@code {_id, tenantId, revision}} on each
 * save — scanned the whole collection: 18 ms for a story's detail among 20,000 stories, and
 * growing with the archive. Now the one document with that {@code _id} is fetched and the rest
 * of the query is matched against it, as a real MongoDB does. The files are the same.
 */
final class IdLookupH2Database {

	private IdLookupH2Database() {
	}

	/**
	 * A database whose collections are {@link IdLookupCollection}s on the same maps as
	 * {@link H2Database} opens, so stores written before read the same.
	 */
	static H2Database open(String name, MVStore store, CursorRegistry cursors) {
		return new H2Database(name, store, cursors) {

			@Override
			protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
				String namespace = getFullCollectionNamespace(collectionName);
				return new IdLookupCollection(this, collectionName, options, store.openMap("databases." + namespace),
						store.openMap("meta." + namespace), cursorRegistry);
			}

		};
	}

	static final class IdLookupCollection extends H2Collection {

		IdLookupCollection(H2Database database, String name, CollectionOptions options,
				org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
				CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		@Override
		protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			Object id = query.get("_id");
			Index<Object> idIndex = isPlainValue(id) ? idIndex() : null;
			if (idIndex == null) {
				return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
			}
			Iterable<Object> positions = idIndex.getPositions(new Document("_id", id));
			return matchDocuments(query, positions, orderBy, skip, limit, batchSize, fieldSelector);
		}

		/** An exact {@code _id}: not an operator document, a list or a pattern. */
		private static boolean isPlainValue(@Nullable Object id) {
			return id != null && !(id instanceof Document) && !(id instanceof Collection<?>)
					&& !BsonRegularExpression.isRegularExpression(id);
		}

		private @Nullable Index<Object> idIndex() {
			for (Index<Object> index : getIndexes()) {
				if (index.isUnique() && index.getKeys().size() == 1 && "_id".equals(index.getKeys().get(0).getKey())) {
					return index;
				}
			}
			return null;
		}

	}

}
