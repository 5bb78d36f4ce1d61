package cn.mediagraph.platform.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's databases, whose collections find a document by {@code _id} from the
 * {@code _id} index even when the query names other fields too. mongo-java-server uses an
 * index only for a query on exactly that index's fields, so {@code {_id, tenantId}} — every
 * read and conditional write of a tenant's document, {@code {_id, tenantId, revision}} on each
 * save — scanned the whole collection: 18 ms for a story's detail among 20,000 stories, and
 * growing with the archive. Now the one document with that {@code _id} is fetched and the rest
 * of the query is matched against it, as a real MongoDB does.
 * <p>
 * Their maps also keep documents as BSON ({@link DocumentType}) and unique-index keys in their
 * own encoding ({@link IndexKeyType}); a file written before opens as it was (old documents are
 * read and rewritten as they change, old index maps rebuilt under new names).
 */
final class IdLookupH2Database {

	private IdLookupH2Database() {
	}

	/**
	 * A database whose collections are {@link IdLookupCollection}s on the same maps as
	 * {@link H2Database} opens, so stores written before read the same.
	 */
	static H2Database open(String name, MVStore store, CursorRegistry cursors) {
		H2Database database = new H2Database(name, store, cursors) {

			@Override
			protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
					boolean sparse) {
				MVMap<KeyValue, Object> map = store.openMap(indexMapName(getFullCollectionNamespace(collectionName), indexName),
						new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
				return new IndexOnKeys(map, indexName, keys, sparse);
			}

			@Override
			protected void dropIndex(MongoCollection<Object> collection, String indexName) {
				super.dropIndex(collection, indexName);
				store.removeMap(indexMapName(getFullCollectionNamespace(collection.getCollectionName()), indexName));
			}

			@Override
			protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
				String namespace = getFullCollectionNamespace(collectionName);
				return new IdLookupCollection(this, collectionName, options, store.openMap("databases." + namespace,
						new MVMap.Builder<Object, Document>().valueType(new DocumentType())),
						store.openMap("meta." + namespace), cursorRegistry);
			}

		};
		// indexes kept by a version before IndexKeyType: rebuilt under their new names on opening
		for (String map : List.copyOf(store.getMapNames())) {
			if (map.startsWith(name + ".") && map.contains(RETIRED_INDEX_MARK)) {
				store.removeMap(map);
			}
		}
		return database;
	}

	/** What the names of index maps contained before their keys had their own type. */
	static final String RETIRED_INDEX_MARK = "._index_";

	/** The map of a unique index: its namespace, then the index's name. */
	static String indexMapName(String namespace, String indexName) {
		return namespace + "._keys_" + indexName;
	}

	/** A unique index on the maps of {@link IndexKeyType} (its constructor is not public). */
	static final class IndexOnKeys extends AbstractUniqueIndex<Object> {

		private final MVMap<KeyValue, Object> map;

		IndexOnKeys(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
			super(name, keys, sparse);
			this.map = map;
		}

		@Override
		protected Object removeDocument(KeyValue key) {
			return map.remove(key);
		}

		@Override
		protected boolean putKeyPosition(KeyValue key, Object position) {
			return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
		}

		@Override
		protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
			return map.entrySet();
		}

		@Override
		protected Object getPosition(KeyValue key) {
			return map.get(key);
		}

		@Override
		public long getCount() {
			return map.sizeAsLong();
		}

		@Override
		public boolean isEmpty() {
			return map.isEmpty();
		}

		@Override
		public long getDataSize() {
			return getCount();
		}

	}

	static final class IdLookupCollection extends H2Collection {

		/** Matches the rest of a query by {@code _id} (used under this collection's lock, as the general path does). */
		private final QueryMatcher matcher = new DefaultQueryMatcher();

		/** False while H2Collection's constructor runs. */
		private final boolean opened;

		private final MVMap<Object, Document> data;

		IdLookupCollection(H2Database database, String name, CollectionOptions options,
				org.h2.mvstore.MVMap<Object, Document> data, org.h2.mvstore.MVMap<String, Object> meta,
				CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
			this.data = data;
			opened = true;
		}

		/**
		 * A query by a list of exact ids ({@code _id: {$in: [...]}}, with or without other fields)
		 * takes its documents from the {@code _id} index and matches them against the rest of the
		 * query only. mongo-java-server matched each found document against the whole query again,
		 * comparing its id with every listed one: a lookup of a thousand ids made a million
		 * comparisons (a sixth of the store's time in a long reach ingestion).
		 */
		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document fieldSelector) {
			Boolean plain = listOfPlainValues(query.get("_id"));
			if (Boolean.FALSE.equals(plain)) {
				// a pattern or a document among the ids: mongo-java-server's index looked each up as
				// an exact id, and missed what a pattern matches; every document is matched instead
				return matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
			}
			// batchSize 0 is also how the server's own passes (updates, deletes, counts) ask for every match at once
			if (batchSize > 0 && plain == null && !query.containsKey("_id") && skip == 0
					&& (orderBy == null || orderBy.isEmpty()) && (fieldSelector == null || fieldSelector.isEmpty())) {
				return scan(query, limit, batchSize);
			}
			Index<Object> idIndex = plain == null ? null : idIndex();
			if (idIndex == null) {
				return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
			}
			Iterable<Object> positions = idIndex.getPositions(new Document("_id", query.get("_id")));
			Document rest = new Document(query);
			rest.remove("_id");
			return matchDocuments(rest, positions, orderBy, skip, limit, batchSize, fieldSelector);
		}

		/**
		 * A find that is not by {@code _id}, in no order, without a projection and with a batch
		 * size (a rebuild's or a reconciliation's pass over a whole collection) reads the
		 * collection batch by batch. mongo-java-server collected every matching document before
		 * answering the first batch: a rebuild of 100,000 stories ran out of a 512 MB heap. The cursor keeps the last
		 * key it returned and goes on after it on the map as it is at each {@code getMore}, so
		 * no old version is held between batches (as a real MongoDB's cursor, it may see
		 * documents written meanwhile).
		 */
		private QueryResult scan(Document query, int limit, int batchSize) {
			ScanCursor cursor = new ScanCursor(cursorRegistry.generateCursorId(), query, limit);
			List<Document> first = cursor.takeDocuments(batchSize);
			if (cursor.isEmpty()) {
				return new QueryResult(first);
			}
			cursorRegistry.add(cursor);
			return new QueryResult(first, cursor);
		}

		/** Documents a scan's later batch holds when its {@code getMore} names no batch size. */
		static final int SCAN_BATCH = 1_000;

		/** A scan in key order, resumed after the last key it returned. */
		private final class ScanCursor extends AbstractCursor {

			private final Document query;

			private final int limit;

			/** Its own: a getMore runs outside the collection's lock, and the collection's matcher keeps state. */
			private final QueryMatcher matcher = new DefaultQueryMatcher();

			private @Nullable Object lastKey;

			private int returned;

			private boolean done;

			ScanCursor(long id, Document query, int limit) {
				super(id);
				this.query = query;
				this.limit = limit;
			}

			@Override
			public boolean isEmpty() {
				return done;
			}

			@Override
			public List<Document> takeDocuments(int numberToReturn) {
				int wanted = numberToReturn > 0 ? numberToReturn : SCAN_BATCH;
				List<Document> batch = new ArrayList<>(Math.min(wanted, SCAN_BATCH));
				Object from = lastKey == null ? null : data.higherKey(lastKey);
				if (lastKey != null && from == null) {
					done = true;
					return batch;
				}
				org.h2.mvstore.Cursor<Object, Document> entries = data.cursor(from);
				while (batch.size() < wanted && entries.hasNext()) {
					lastKey = entries.next();
					Document document = entries.getValue();
					if (document != null && matcher.matches(document, query)) {
						batch.add(document);
						if (limit > 0 && ++returned >= limit) {
							done = true;
							return batch;
						}
					}
				}
				done = !entries.hasNext();
				return batch;
			}

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

		/**
		 * An update of one document by {@code _id} in the plain form of {@link DirectUpdate}
		 * (every write of this app) is applied by it; anything else by the general path.
		 */
		@Override
		public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
				boolean multi, boolean upsert, Oplog oplog) {
			Document result = arrayFilters.isEmpty() && plainSelector(selector) ? direct(selector, update, upsert, oplog)
					: null;
			return result != null ? result : super.updateDocuments(selector, update, arrayFilters, multi, upsert, oplog);
		}

		private @Nullable Document direct(Document selector, Document update, boolean upsert, Oplog oplog) {
			DirectUpdate direct = DirectUpdate.of(update);
			Index<Object> idIndex = idIndex();
			if (direct == null || idIndex == null) {
				return null;
			}
			Object position = null;
			for (Object found : idIndex.getPositions(new Document("_id", selector.get("_id")))) {
				position = found;
			}
			Document current = position == null ? null : getDocument(position);
			if (current == null) {
				if (!upsert) {
					oplog.handleUpdate(getFullName(), selector, update, List.of());
					return counts(0, 0);
				}
				DirectUpdate.Result built = direct.apply(new Document(selector), true);
				if (built == null) {
					return null;
				}
				Document inserted = built.document();
				inserted.putIfAbsent("_id", selector.get("_id"));
				addDocument(inserted);
				oplog.handleInsert(getFullName(), List.of(inserted));
				Document answer = new Document("upserted", inserted.get("_id"));
				answer.putAll(counts(0, 0));
				return answer;
			}
			if (!matcher.matches(current, selector)) {
				// an upsert whose _id is taken must fail as MongoDB's does: the general path
				if (upsert) {
					return null;
				}
				oplog.handleUpdate(getFullName(), selector, update, List.of());
				return counts(0, 0);
			}
			DirectUpdate.Result result = direct.apply(current, false);
			if (result == null) {
				return null;
			}
			if (result.changed()) {
				Document next = result.document();
				List<Index<Object>> moved = getIndexes().stream().filter(index -> !keysUnchanged(index, current, next)).toList();
				for (Index<Object> index : moved) {
					index.checkUpdate(current, next, this);
				}
				for (Index<Object> index : moved) {
					index.updateInPlace(current, next, position, this);
				}
				handleUpdate(position, current, next);
			}
			oplog.handleUpdate(getFullName(), selector, update,
					result.changed() ? List.of(current.get("_id")) : List.of());
			return counts(1, result.changed() ? 1 : 0);
		}

		/**
		 * Whether the fields an index is on hold the same values before and after: then the index
		 * has nothing to do (the general path asks it anyway, computing every key twice).
		 */
		private static boolean keysUnchanged(Index<Object> index, Document before, Document after) {
			for (IndexKey key : index.getKeys()) {
				Object old = valueAt(before, key.getKey());
				if (old == THROUGH_ARRAY || !java.util.Objects.equals(old, valueAt(after, key.getKey()))) {
					return false;
				}
			}
			return true;
		}

		/** Stands for a path that goes through something other than sub-documents: the index decides. */
		private static final Object THROUGH_ARRAY = new Object();

		private static @Nullable Object valueAt(Document document, String path) {
			Object value = document;
			int from = 0;
			while (true) {
				if (!(value instanceof Document sub)) {
					return value == null ? null : THROUGH_ARRAY;
				}
				int dot = path.indexOf('.', from);
				value = sub.get(dot < 0 ? path.substring(from) : path.substring(from, dot));
				if (dot < 0) {
					return value;
				}
				from = dot + 1;
			}
		}

		private static Document counts(int matched, int modified) {
			Document counts = new Document("n", matched);
			counts.put("nModified", modified);
			return counts;
		}

		/** {@code _id} and fields equal to plain values: what an upsert copies into a new document as it is. */
		private static boolean plainSelector(Document selector) {
			if (!isPlainValue(selector.get("_id"))) {
				return false;
			}
			for (Map.Entry<String, Object> entry : selector.entrySet()) {
				String key = entry.getKey();
				Object value = entry.getValue();
				if (key.startsWith("$") || key.contains(".") || value == null || value instanceof Map<?, ?>
						|| value instanceof Collection<?> || BsonRegularExpression.isRegularExpression(value)) {
					return false;
				}
			}
			return true;
		}

		/**
		 * The size of the collection's documents, counted when asked ({@code collStats},
		 * {@code dbStats}) rather than on every write: the general path encoded each document
		 * twice per update to keep it, for statistics this app never reads.
		 */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		/**
		 * Counted from the documents. H2Collection's constructor asks too (for a debug line,
		 * logged or not): it gets the size last kept, so opening a store reads no document.
		 */
		@Override
		protected int getDataSize() {
			if (!opened) {
				return super.getDataSize();
			}
			long size = 0;
			ByteBuf buffer = Unpooled.buffer();
			try {
				for (DocumentWithPosition<Object> stored : (Iterable<DocumentWithPosition<Object>>) streamAllDocumentsWithPosition()::iterator) {
					buffer.clear();
					try {
						BsonEncoder.encodeDocument(stored.getDocument(), buffer);
					}
					catch (IllegalArgumentException ex) {
						continue; // kept Java-serialized (DocumentType): not counted
					}
					size += buffer.writerIndex();
				}
			}
			finally {
				buffer.release();
			}
			return (int) Math.min(Integer.MAX_VALUE, size);
		}

		/** An exact {@code _id}: not an operator document, a list or a pattern. */
		private static boolean isPlainValue(@Nullable Object id) {
			return id != null && !(id instanceof Document) && !(id instanceof Collection<?>)
					&& !BsonRegularExpression.isRegularExpression(id);
		}

		/** For {@code {$in: [...]}}: whether it lists exact ids only; null for anything else. */
		private static @Nullable Boolean listOfPlainValues(@Nullable Object id) {
			if (!(id instanceof Document operator) || operator.size() != 1
					|| !(operator.get("$in") instanceof Collection<?> values)) {
				return null;
			}
			for (Object value : values) {
				if (!isPlainValue(value)) {
					return false;
				}
			}
			return true;
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
