package cn.mediagraph.platform.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.mediagraph.platform.mongo.MongoProperties;
import cn.mediagraph.platform.mongo.StoreDurability;
import cn.mediagraph.platform.mongo.TenantOwned;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every list and search of the product: an Apache Lucene index of the documents that features
 * declare as {@link IndexedKind}s, kept beside MongoDB, which stays the one source of truth.
 * <ul>
 * <li><b>Writes</b> go through {@link #write} and {@link #delete}: the MongoDB write and the
 * index update happen under one per-document lock, and the change is visible to the next
 * search on this instance (read your own writes): that search waits for the reopen, which every
 * change written before it shares, so a save does not pay for one.</li>
 * <li><b>Durability</b> comes from MongoDB: the index is committed to disk in the background.
 * A start after a crash brings the index back in step, by resuming the change stream where the
 * last commit left it, or else by comparing every document's version with MongoDB.</li>
 * <li><b>Other instances'</b> writes arrive through a MongoDB change stream (on a replica set),
 * each re-read from MongoDB, so the index always holds the latest version.</li>
 * <li>A missing, unreadable or outdated index (another database, another layout) is rebuilt
 * from MongoDB at start-up.</li>
 * </ul>
 */
@org.springframework.stereotype.Component
public class SearchIndex implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);

	/** The layout of the index's own fields: raise it when they change. */
	static final int PLATFORM_LAYOUT = 1;

	static final String KEY = "_key";

	static final String ID = "_id";

	static final String SCOPE = "_scope";

	static final String KIND = "_kind";

	static final String VERSION = "_v";

	static final String SOURCE = "_src";

	private static final String META_COLLECTION = "platform_meta";

	private static final int STRIPES = 256;

	private static final int BATCH = 500;

	private final MongoTemplate mongo;

	private final StoreDurability durability;

	private final Map<String, Registered<?>> kinds = new LinkedHashMap<>();

	private final SearchProperties settings;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	private final Map<String, String> resumeTokens = new ConcurrentHashMap<>();

	/** Documents of MongoDB that cannot be read or indexed, left out of the index. */
	private final SkippedDocuments skipped = new SkippedDocuments();

	/** The first pages of the busiest lists, in a few tens of megabytes. */
	private final DecodedDocuments decoded = new DecodedDocuments(5_000);

	/** Facet counts of whole scopes per segment, for as long as each segment lives. */
	private final FacetCounts facetCounts = new FacetCounts();

	/** Keys written while a rebuild or reconciliation runs, with their versions (see {@link #rebuild}). */
	private volatile @Nullable Map<String, Long> touchedDuringScan;

	private volatile @Nullable LuceneStore lucene;

	private @Nullable CommitState commitState;

	private @Nullable ScheduledExecutorService committer;

	private @Nullable ChangeFollower follower;

	private volatile boolean tokensChanged;

	/** Kinds whose index missed a write, to check against MongoDB at the next commit. */
	private final Set<String> outOfStep = ConcurrentHashMap.newKeySet();

	/** Kinds being checked against MongoDB right now, after they missed a write. */
	private final Set<String> checking = ConcurrentHashMap.newKeySet();

	private final MongoProperties mongoSettings;

	public SearchIndex(MongoTemplate mongo, List<IndexedKind<?>> kinds, SearchProperties settings, MongoProperties mongoSettings,
			JsonMapper json, StoreDurability durability) {
		this.mongo = mongo;
		this.durability = durability;
		this.settings = settings;
		this.mongoSettings = mongoSettings;
		for (IndexedKind<?> kind : kinds) {
			this.kinds.put(kind.name(), new Registered<>(kind, mongo.getCollectionName(kind.type()),
					json.readerFor(kind.type()), json.writerFor(kind.type())));
		}
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = new ReentrantLock();
		}
	}

	/** A declared kind with what the index needs to store and read it. */
	record Registered<T extends TenantOwned>(IndexedKind<T> kind, String collection, ObjectReader reader,
			ObjectWriter writer) {

		T decode(byte[] source) {
			return reader.readValue(source);
		}

	}

	// ------------------------------------------------------------------ writing

	/**
	 * Runs a MongoDB write of one document and puts its result in the index, holding the
	 * document's lock, so no other write of it on this instance slips in between. The next
	 * search on this instance sees the change.
	 *
	 * @param write the write; empty when it did not happen (a failed condition), and then the
	 * index is left alone
	 */
	public <T extends TenantOwned> Optional<T> write(IndexedKind<T> kind, String id, Supplier<Optional<T>> write) {
		long sequence;
		Optional<T> written;
		ReentrantLock lock = stripe(kind.name(), id);
		lock.lock();
		try {
			written = write.get();
			if (written.isEmpty()) {
				return written;
			}
			sequence = put(registered(kind), written.get());
		}
		finally {
			lock.unlock();
		}
		store().written(sequence);
		return written;
	}

	/**
	 * Runs a MongoDB delete of one document and removes it from the index, holding the
	 * document's lock. Returns whether the delete happened; the next search on this instance
	 * does not find it.
	 */
	public boolean delete(IndexedKind<?> kind, String id, BooleanSupplier delete) {
		long sequence;
		ReentrantLock lock = stripe(kind.name(), id);
		lock.lock();
		try {
			if (!delete.getAsBoolean()) {
				return false;
			}
			sequence = remove(kind.name(), id);
			skipped.forget(kind.name(), id);
		}
		finally {
			lock.unlock();
		}
		store().written(sequence);
		return true;
	}

	/**
	 * Indexes documents already written to MongoDB (an import); the next search on this
	 * instance finds them. Each is re-read under its lock when another write raced it.
	 */
	public <T extends TenantOwned> void indexWritten(IndexedKind<T> kind, Collection<T> documents) {
		long last = -1;
		Registered<T> registered = registered(kind);
		for (T document : documents) {
			ReentrantLock lock = stripe(kind.name(), document.id());
			lock.lock();
			try {
				last = put(registered, document);
			}
			finally {
				lock.unlock();
			}
		}
		if (last >= 0) {
			store().written(last);
		}
	}

	private <T extends TenantOwned> long put(Registered<T> registered, T document) {
		String name = registered.kind().name();
		Document lucene;
		try {
			lucene = lucene(registered, document);
		}
		catch (RuntimeException ex) {
			skipped.skip(name, document.id(), document.tenantId(), ex);
			throw new Unindexable(ex);
		}
		String key = key(name, document.id());
		noteTouched(key, registered.kind().version(document));
		try {
			long sequence = store().writer().updateDocument(new Term(KEY, key), lucene);
			skipped.forget(name, document.id());
			return sequence;
		}
		catch (IOException | RuntimeException ex) {
			throw outOfStep(name, ex);
		}
	}

	private long remove(String kind, String id) {
		String key = key(kind, id);
		noteTouched(key, Long.MAX_VALUE);
		try {
			return store().writer().deleteDocuments(new Term(KEY, key));
		}
		catch (IOException | RuntimeException ex) {
			throw outOfStep(kind, ex);
		}
	}

	/** A document the kind cannot describe for the index (a field it needs is missing): it is left out. */
	private static final class Unindexable extends RuntimeException {

		Unindexable(RuntimeException cause) {
			super(cause.toString(), cause);
		}

	}

	/** Reads a document as its kind's type, or notes it as left out when it cannot be read. */
	private <T extends TenantOwned> @Nullable T decode(Registered<T> registered, org.bson.Document raw) {
		try {
			return mongo.getConverter().read(registered.kind().type(), raw);
		}
		catch (RuntimeException ex) {
			skipped.skip(registered.kind().name(), String.valueOf(raw.get("_id")),
					raw.get(TenantOwned.TENANT_FIELD) instanceof String tenant ? tenant : null, ex);
			return null;
		}
	}

	/**
	 * How many documents of MongoDB are left out of the index now, by kind, because they cannot
	 * be read or indexed (each is logged once, by kind and {@code _id}); empty when none are.
	 */
	public Map<String, Integer> skippedDocuments() {
		return skipped.counts();
	}

	/**
	 * The database has a write the index could not take (a full disk, say): the kind is
	 * checked against MongoDB in the background, and the caller is told.
	 */
	private RuntimeException outOfStep(String kind, Exception cause) {
		outOfStep.add(kind);
		log.error("Search index: could not index a {} written to MongoDB ({}); it will be checked against MongoDB",
				kind, cause.toString());
		return cause instanceof RuntimeException runtime ? runtime : new UncheckedIOException((IOException) cause);
	}

	private void noteTouched(String key, long version) {
		Map<String, Long> touched = touchedDuringScan;
		if (touched != null) {
			touched.merge(key, version, Math::max);
		}
	}

	private <T extends TenantOwned> Document lucene(Registered<T> registered, T document) {
		IndexedKind<T> kind = registered.kind();
		IndexDocument fields = new IndexDocument();
		kind.describe(document, fields);
		Document lucene = fields.lucene();
		lucene.add(new StringField(KEY, key(kind.name(), document.id()), Field.Store.NO));
		lucene.add(new SortedDocValuesField(ID, new BytesRef(document.id())));
		lucene.add(new StringField(SCOPE, scope(kind.name(), document.tenantId()), Field.Store.NO));
		lucene.add(new StringField(KIND, kind.name(), Field.Store.NO));
		lucene.add(new NumericDocValuesField(VERSION, kind.version(document)));
		lucene.add(new StoredField(SOURCE, registered.writer().writeValueAsBytes(document)));
		return lucene;
	}

	// ------------------------------------------------------------------ reading

	/**
	 * One page of a tenant's documents of a kind that match the query, in the given order.
	 *
	 * @param query the feature's filter (and text query, which scores)
	 * @param cursor where the previous page ended (forward) or began (backward), if anywhere
	 * @param forward paging toward the end of the list
	 * @param size how many documents at most
	 */
	public <T extends TenantOwned> Slice<T> page(IndexedKind<T> kind, String tenantId, Query query, SearchOrder order,
			@Nullable String cursor, boolean forward, int size) {
		Registered<T> registered = registered(kind);
		FieldDoc after = cursor == null ? null : SearchCursor.decode(order, cursor);
		return search(searcher -> {
			TopFieldDocs top = searcher.search(scoped(kind, tenantId, query),
					new TopFieldCollectorManager(order.sort(forward), size + 1, after, size + 1));
			int shown = Math.min(size, top.scoreDocs.length);
			List<T> documents = load(searcher, registered, Arrays.copyOf(top.scoreDocs, shown));
			List<Hit<T>> hits = new ArrayList<>(shown);
			for (int i = 0; i < shown; i++) {
				hits.add(new Hit<>(documents.get(i), SearchCursor.encode(order, (FieldDoc) top.scoreDocs[i])));
			}
			if (!forward) {
				Collections.reverse(hits);
			}
			return new Slice<>(hits, top.scoreDocs.length > size);
		});
	}

	/**
	 * A tenant's documents of a kind with these ids, as the index holds them (their latest
	 * version on this instance), in one search: for batch loading what a page shows.
	 */
	public <T extends TenantOwned> List<T> byIds(IndexedKind<T> kind, String tenantId, Collection<String> ids) {
		return byIds(kind, tenantId, ids, true);
	}

	/**
	 * A tenant's document of a kind as the last opened searcher holds it, without waiting for
	 * changes still being made searchable: possibly an older version, for callers that check the
	 * version they get (and read MongoDB when it is not the one they need).
	 */
	public <T extends TenantOwned> Optional<T> byIdAsOpened(IndexedKind<T> kind, String tenantId, String id) {
		return byIds(kind, tenantId, List.of(id), false).stream().findFirst();
	}

	private <T extends TenantOwned> List<T> byIds(IndexedKind<T> kind, String tenantId, Collection<String> ids,
			boolean current) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Registered<T> registered = registered(kind);
		List<BytesRef> keys = ids.stream().distinct().map(id -> new BytesRef(key(kind.name(), id))).toList();
		return search(searcher -> {
			// a handful of exact keys: looked up term by term, which costs a fraction of a query
			List<ScoreDoc> found = new ArrayList<>(keys.size());
			for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
				Terms terms = leaf.reader().terms(KEY);
				if (terms == null) {
					continue;
				}
				TermsEnum termsEnum = terms.iterator();
				Bits live = leaf.reader().getLiveDocs();
				PostingsEnum postings = null;
				for (BytesRef key : keys) {
					if (!termsEnum.seekExact(key)) {
						continue;
					}
					postings = termsEnum.postings(postings, PostingsEnum.NONE);
					for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
						if (live == null || live.get(doc)) {
							found.add(new ScoreDoc(leaf.docBase + doc, 0));
						}
					}
				}
			}
			return load(searcher, registered, found.toArray(ScoreDoc[]::new)).stream()
				.filter(document -> tenantId.equals(document.tenantId()))
				.toList();
		}, current);
	}

	/** How many of a tenant's documents of a kind match. */
	public int count(IndexedKind<?> kind, String tenantId, Query query) {
		return search(searcher -> searcher.count(scoped(kind, tenantId, query)));
	}

	/**
	 * How many of the matching documents have each value of each keyword field, most common
	 * first, at most {@code maxValues} per field.
	 */
	public Map<String, List<FacetCount>> facets(IndexedKind<?> kind, String tenantId, Query query, List<String> fields,
			int maxValues) {
		return search(searcher -> {
			FacetCollector collector = query instanceof MatchAllDocsQuery
					? FacetCollector.wholeScope(facetCounts, new FacetCounts.Scope(scope(kind.name(), tenantId), fields))
					: FacetCollector.matching(fields);
			searcher.search(scoped(kind, tenantId, query), collector);
			collector.keepCounted();
			return collector.counts(maxValues);
		});
	}

	/** A page of search results. */
	public record Slice<T>(List<Hit<T>> hits, boolean more) {
	}

	/** A document in a page, with the cursor that points at it. */
	public record Hit<T>(T document, String cursor) {
	}

	/** One value of a keyword field and how many documents have it. */
	public record FacetCount(String value, int count) {
	}

	private Query scoped(IndexedKind<?> kind, String tenantId, Query query) {
		Query scope = new TermQuery(new Term(SCOPE, scope(kind.name(), tenantId)));
		if (query instanceof MatchAllDocsQuery) {
			return new ConstantScoreQuery(scope);
		}
		return new BooleanQuery.Builder().add(scope, BooleanClause.Occur.FILTER)
			.add(query, BooleanClause.Occur.MUST)
			.build();
	}

	@FunctionalInterface
	private interface SearcherWork<R> {

		R run(IndexSearcher searcher) throws IOException;

	}

	private <R> R search(SearcherWork<R> work) {
		return search(work, true);
	}

	/**
	 * @param current whether the searcher must see every change written on this instance so
	 * far (else it is the last one opened)
	 */
	private <R> R search(SearcherWork<R> work, boolean current) {
		LuceneStore store = store();
		IndexSearcher searcher;
		try {
			searcher = current ? store.acquire() : store.acquireAsOpened();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			return work.run(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			store.release(searcher);
		}
	}

	/**
	 * The hits' documents, in the hits' order: each from the decoded documents when they hold
	 * its version, else from its stored copy. The id and version columns are opened once per
	 * segment and read in document order, as doc values must be: opening them per hit cloned
	 * their files each time.
	 */
	private <T extends TenantOwned> List<T> load(IndexSearcher searcher, Registered<T> registered, ScoreDoc[] hits)
			throws IOException {
		Integer[] byDoc = new Integer[hits.length];
		for (int i = 0; i < hits.length; i++) {
			byDoc[i] = i;
		}
		Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
		List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
		StoredFields stored = searcher.storedFields();
		Object[] documents = new Object[hits.length];
		int leafIndex = -1;
		SortedDocValues ids = null;
		NumericDocValues versions = null;
		LeafReaderContext leaf = null;
		for (int i : byDoc) {
			int doc = hits[i].doc;
			int at = ReaderUtil.subIndex(doc, leaves);
			if (at != leafIndex) {
				leafIndex = at;
				leaf = leaves.get(at);
				ids = DocValues.getSorted(leaf.reader(), ID);
				versions = DocValues.getNumeric(leaf.reader(), VERSION);
			}
			int local = doc - leaf.docBase;
			if (!ids.advanceExact(local) || !versions.advanceExact(local)) {
				documents[i] = registered.decode(source(stored, doc));
				continue;
			}
			String key = key(registered.kind().name(), ids.lookupOrd(ids.ordValue()).utf8ToString());
			documents[i] = decoded.get(key, versions.longValue(), () -> {
				try {
					return registered.decode(source(stored, doc));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		@SuppressWarnings("unchecked")
		List<T> list = (List<T>) (List<?>) Arrays.asList(documents);
		return list;
	}

	private static byte[] source(StoredFields stored, int doc) throws IOException {
		SourceVisitor visitor = new SourceVisitor();
		stored.document(doc, visitor);
		if (visitor.value == null) {
			throw new IllegalStateException("An index entry without its document");
		}
		return visitor.value;
	}

	/** Reads the stored document and nothing else. */
	private static final class SourceVisitor extends StoredFieldVisitor {

		byte @Nullable [] value;

		@Override
		public Status needsField(FieldInfo field) {
			if (value != null) {
				return Status.STOP;
			}
			return SOURCE.equals(field.name) ? Status.YES : Status.NO;
		}

		@Override
		public void binaryField(FieldInfo field, byte[] bytes) {
			value = bytes;
		}

	}

	// ------------------------------------------------------------------ rebuilding

	/**
	 * Rebuilds the index of one kind (of one tenant, or of all when {@code tenantId} is null)
	 * from MongoDB. The index keeps answering meanwhile; writes made during the rebuild are kept.
	 *
	 * A document that cannot be read or indexed is left out (logged once, and counted).
	 *
	 * @return how many documents were indexed, and how many of the kind's (of that tenant) are
	 * left out now
	 */
	public Rebuilt rebuild(IndexedKind<?> kind, @Nullable String tenantId) {
		return rebuild(registered(kind), tenantId);
	}

	/**
	 * What a rebuild did.
	 * @param indexed how many documents it indexed
	 * @param skipped how many documents it left out because they cannot be read or indexed
	 */
	public record Rebuilt(long indexed, long skipped) {
	}

	private <T extends TenantOwned> Rebuilt rebuild(Registered<T> registered, @Nullable String tenantId) {
		long started = System.nanoTime();
		String name = registered.kind().name();
		Query all = tenantId == null ? new TermQuery(new Term(KIND, name))
				: new TermQuery(new Term(SCOPE, scope(name, tenantId)));
		Map<String, Long> touched = beginScan(() -> store().writer().deleteDocuments(all));
		long indexed = 0;
		long left = 0;
		try (Stream<org.bson.Document> documents = stream(registered, tenantId)) {
			for (org.bson.Document raw : (Iterable<org.bson.Document>) documents::iterator) {
				Scanned scanned = putUnlessNewer(registered, decode(registered, raw), touched);
				if (scanned == Scanned.LEFT_OUT) {
					left++;
				}
				else if (scanned == Scanned.INDEXED && ++indexed % 20_000 == 0) {
					log.info("Search index: {} {} documents indexed so far", indexed, name);
				}
			}
		}
		finally {
			touchedDuringScan = null;
		}
		store().refresh();
		log.info("Search index: rebuilt {} ({}) from MongoDB: {} documents in {} ms{}", name,
				tenantId == null ? "all tenants" : "tenant " + tenantId, indexed, (System.nanoTime() - started) / 1_000_000,
				left == 0 ? "" : "; " + left + " left out, which cannot be read or indexed");
		return new Rebuilt(indexed, left);
	}

	/**
	 * Brings the index of one kind in step with MongoDB after a crash: every document whose
	 * version differs is re-indexed, every entry without its document removed.
	 *
	 * @return how many entries were changed
	 */
	private <T extends TenantOwned> long reconcile(Registered<T> registered) {
		long started = System.nanoTime();
		String name = registered.kind().name();
		Map<String, Long> indexed = versions(name);
		Map<String, Long> touched = beginScan(() -> 0L);
		long changed = 0;
		try (Stream<org.bson.Document> documents = stream(registered, null)) {
			for (org.bson.Document raw : (Iterable<org.bson.Document>) documents::iterator) {
				T document = decode(registered, raw);
				if (document == null) {
					continue; // an entry of it is an older copy: removed below, with the orphans
				}
				Long version = indexed.get(document.id());
				if (version != null && version == registered.kind().version(document)) {
					indexed.remove(document.id());
					continue;
				}
				Scanned scanned = putUnlessNewer(registered, document, touched);
				if (scanned != Scanned.LEFT_OUT) {
					indexed.remove(document.id());
					changed += scanned == Scanned.INDEXED ? 1 : 0;
				}
			}
			for (String orphan : indexed.keySet()) {
				changed += removeUnlessTouched(name, orphan, touched) ? 1 : 0;
			}
		}
		finally {
			touchedDuringScan = null;
		}
		store().refresh();
		log.info("Search index: {} checked against MongoDB after an unclean stop: {} entries brought in step in {} ms",
				name, changed, (System.nanoTime() - started) / 1_000_000);
		return changed;
	}

	/** Starts noting written keys, with every stripe held so no write is half-way meanwhile. */
	private Map<String, Long> beginScan(IndexAction first) {
		Map<String, Long> touched = new ConcurrentHashMap<>();
		for (ReentrantLock lock : stripes) {
			lock.lock();
		}
		try {
			first.run();
			touchedDuringScan = touched;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ReentrantLock lock : stripes) {
				lock.unlock();
			}
		}
		return touched;
	}

	@FunctionalInterface
	private interface IndexAction {

		long run() throws IOException;

	}

	/** What became of a document a scan read. */
	private enum Scanned {

		INDEXED,
		/** A write has since indexed a newer version. */
		NEWER,
		/** It cannot be read or indexed. */
		LEFT_OUT

	}

	/** Indexes a document read by a scan (null: unreadable), unless a write has since indexed a newer version. */
	private <T extends TenantOwned> Scanned putUnlessNewer(Registered<T> registered, @Nullable T document,
			Map<String, Long> touched) {
		if (document == null) {
			return Scanned.LEFT_OUT;
		}
		String key = key(registered.kind().name(), document.id());
		ReentrantLock lock = stripe(registered.kind().name(), document.id());
		lock.lock();
		try {
			Long newer = touched.get(key);
			if (newer != null && newer >= registered.kind().version(document)) {
				return Scanned.NEWER;
			}
			put(registered, document);
			return Scanned.INDEXED;
		}
		catch (Unindexable ex) {
			return Scanned.LEFT_OUT;
		}
		finally {
			lock.unlock();
		}
	}

	private boolean removeUnlessTouched(String kind, String id, Map<String, Long> touched) {
		ReentrantLock lock = stripe(kind, id);
		lock.lock();
		try {
			if (touched.containsKey(key(kind, id))) {
				return false;
			}
			remove(kind, id);
			return true;
		}
		finally {
			lock.unlock();
		}
	}

	/** Every indexed document of a kind with its version. */
	private Map<String, Long> versions(String kind) {
		return search(searcher -> {
			Map<String, Long> versions = new HashMap<>();
			searcher.search(new TermQuery(new Term(KIND, kind)), new SimpleCollector() {

				private SortedDocValues ids;

				private NumericDocValues numbers;

				@Override
				protected void doSetNextReader(LeafReaderContext context) throws IOException {
					ids = DocValues.getSorted(context.reader(), ID);
					numbers = DocValues.getNumeric(context.reader(), VERSION);
				}

				@Override
				public void collect(int doc) throws IOException {
					if (ids.advanceExact(doc) && numbers.advanceExact(doc)) {
						versions.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), numbers.longValue());
					}
				}

				@Override
				public ScoreMode scoreMode() {
					return ScoreMode.COMPLETE_NO_SCORES;
				}

			});
			return versions;
		});
	}

	/** The kind's documents as MongoDB holds them, each read on its own ({@link #decode}), so one unreadable document stops nothing. */
	private Stream<org.bson.Document> stream(Registered<?> registered, @Nullable String tenantId) {
		org.springframework.data.mongodb.core.query.Query query = tenantId == null
				? new org.springframework.data.mongodb.core.query.Query()
				: org.springframework.data.mongodb.core.query.Query.query(Criteria.where(TenantOwned.TENANT_FIELD).is(tenantId));
		return mongo.stream(query.cursorBatchSize(BATCH), org.bson.Document.class, registered.collection());
	}

	// ------------------------------------------------------------------ following other instances

	/**
	 * Re-reads these documents from MongoDB and indexes them as they stand now (or removes
	 * them when gone): how other instances' writes arrive. Each is read under its lock, so a
	 * local write cannot be overtaken by an older copy.
	 */
	<T extends TenantOwned> void refreshFromStore(String collection, Collection<String> ids) {
		@SuppressWarnings("unchecked")
		Registered<T> registered = (Registered<T>) kinds.values()
			.stream()
			.filter(kind -> kind.collection().equals(collection))
			.findFirst()
			.orElse(null);
		if (registered == null || ids.isEmpty()) {
			return;
		}
		String name = registered.kind().name();
		List<String> ordered = ids.stream().distinct().sorted(Comparator.comparingInt(id -> stripeIndex(name, id))).toList();
		List<ReentrantLock> held = ordered.stream().map(id -> stripe(name, id)).distinct().toList();
		held.forEach(ReentrantLock::lock);
		long last = -1;
		try {
			Map<String, @Nullable T> current = new HashMap<>();
			for (org.bson.Document raw : mongo.find(
					org.springframework.data.mongodb.core.query.Query.query(Criteria.where("_id").in(ordered)),
					org.bson.Document.class, collection)) {
				current.put(String.valueOf(raw.get("_id")), decode(registered, raw));
			}
			for (String id : ordered) {
				T document = current.get(id);
				if (!current.containsKey(id)) {
					skipped.forget(name, id);
				}
				try {
					// an unreadable document leaves the index: what it held is no longer true
					last = Math.max(last, document != null ? put(registered, document) : remove(name, id));
				}
				catch (Unindexable ex) {
					last = Math.max(last, remove(name, id));
				}
			}
		}
		finally {
			held.forEach(ReentrantLock::unlock);
		}
		store().written(last);
	}

	/** The change stream reached this position of a collection; the next commit records it. */
	void followed(String collection, String resumeToken) {
		if (!resumeToken.equals(resumeTokens.put(collection, resumeToken))) {
			tokensChanged = true;
		}
	}

	// ------------------------------------------------------------------ lifecycle

	private volatile boolean running;

	@Override
	public void start() {
		CommitState expected = new CommitState(storeId(), layout());
		LuceneStore store = LuceneStore.open(settings, expected);
		this.lucene = store;
		this.commitState = expected;
		kinds.values().forEach(kind -> CommitState.resumeToken(store.opened(), kind.collection())
			.ifPresent(token -> resumeTokens.put(kind.collection(), token)));
		boolean clean = !store.created() && CommitState.closedCleanly(store.opened());
		this.follower = mongoSettings.changeStreamsPossible()
				? ChangeFollower.start(this, mongo, kinds.values().stream().map(Registered::collection).toList(),
						store.created() ? Map.of() : Map.copyOf(resumeTokens), settings.followInterval(),
						mongoSettings.embeddedMode())
				: ChangeFollower.none();
		if (store.created() || settings.rebuild()) {
			// a start that dies before the rebuild is done finds the index marked, and builds afresh
			store.deleteAll();
			commit(CommitState.REBUILDING);
			kinds.values().forEach(kind -> rebuild(kind, null));
		}
		else {
			commit(false);
			if (!clean && !follower.resumedEverything()) {
				kinds.values().forEach(this::reconcile);
			}
		}
		commit(false);
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "search-index-commit");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.commitInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::commitIfChanged, interval, interval, TimeUnit.MILLISECONDS);
		this.committer = scheduler;
		running = true;
	}

	@Override
	public void stop() {
		boolean started = running;
		running = false;
		if (follower != null) {
			follower.close();
		}
		if (committer != null) {
			stopWithoutInterrupting(committer);
		}
		LuceneStore store = lucene;
		if (store != null) {
			try {
				// a start that failed or was stopped half-way (its context closed during a rebuild
				// or check) leaves its last commit, marked rebuilding or open, for the next start
				if (started) {
					commit(true);
				}
			}
			finally {
				store.close();
				lucene = null;
			}
		}
	}

	/**
	 * Lets a commit under way finish. Interrupting a thread inside Lucene's file I/O closes the
	 * file channel it uses, the write lock's included: the final commit then fails and the next
	 * start has to reconcile the whole index with MongoDB.
	 */
	private static void stopWithoutInterrupting(ScheduledExecutorService scheduler) {
		scheduler.shutdown();
		try {
			if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
				log.warn("Search index: a background commit still runs after 60 s; closing anyway");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Whether this instance can answer lists and searches truthfully: the index is open, its
	 * start-up rebuild or reconciliation with MongoDB has finished, and no write since has
	 * missed it (a kind that missed one is checked against MongoDB at the next commit, and the
	 * index is ready again after that).
	 */
	public boolean ready() {
		return running && lucene != null && outOfStep.isEmpty() && checking.isEmpty();
	}

	/** Also when the context fails to start after the index opened: the index's lock is let go. */
	@Override
	public void destroy() {
		if (lucene != null) {
			stop();
		}
	}

	/** Before the web server takes requests, after the store is ready. */
	@Override
	public int getPhase() {
		return 0;
	}

	private void commitIfChanged() {
		try {
			for (String kind : List.copyOf(outOfStep)) {
				reconcileOutOfStep(kind);
			}
			LuceneStore store = lucene;
			if (store != null && (store.hasUncommittedChanges() || tokensChanged)) {
				commit(false);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Search index: background commit failed ({}); MongoDB still has every write", ex.toString());
		}
	}

	/** A write that fails meanwhile marks the kind again; a failed check leaves it marked. */
	private void reconcileOutOfStep(String kind) {
		checking.add(kind);
		try {
			outOfStep.remove(kind);
			reconcile(kinds.get(kind));
		}
		catch (RuntimeException ex) {
			outOfStep.add(kind);
			throw ex;
		}
		finally {
			checking.remove(kind);
		}
	}

	private void commit(boolean closed) {
		commit(closed ? CommitState.CLOSED : CommitState.OPEN);
	}

	private void commit(String state) {
		tokensChanged = false;
		// what the commit holds was written to the store before it was indexed: made durable in
		// the store first, the index on disk never holds a write the store could still lose
		store().commit(commitState.data(state, Map.copyOf(resumeTokens)), durability::flush);
	}

	/** Commits now, as the background does every few seconds (for tests and benchmarks). */
	public void commitNow() {
		commit(false);
	}

	/**
	 * The id of the MongoDB store, made once: an index built from another database (a new
	 * embedded file, another {@code MONGODB_URI}) is never taken for this one's.
	 */
	private String storeId() {
		org.bson.Document meta = mongo.getCollection(META_COLLECTION)
			.findOneAndUpdate(new org.bson.Document("_id", "store"),
					new org.bson.Document("$setOnInsert", new org.bson.Document("searchIndexId", UUID.randomUUID().toString())),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		return meta.getString("searchIndexId");
	}

	private String layout() {
		return PLATFORM_LAYOUT + ";" + kinds.values()
			.stream()
			.map(kind -> kind.kind().name() + ":" + kind.kind().layoutVersion())
			.sorted()
			.collect(Collectors.joining(","));
	}

	private LuceneStore store() {
		LuceneStore store = lucene;
		if (store == null) {
			throw new IllegalStateException("The search index is not open");
		}
		return store;
	}

	@SuppressWarnings("unchecked")
	private <T extends TenantOwned> Registered<T> registered(IndexedKind<T> kind) {
		Registered<?> registered = kinds.get(kind.name());
		if (registered == null) {
			throw new IllegalArgumentException("Not a declared IndexedKind bean: " + kind.name());
		}
		return (Registered<T>) registered;
	}

	private static String key(String kind, String id) {
		return kind + "/" + id;
	}

	private static String scope(String kind, String tenantId) {
		return kind + "/" + tenantId;
	}

	private ReentrantLock stripe(String kind, String id) {
		return stripes[stripeIndex(kind, id)];
	}

	private static int stripeIndex(String kind, String id) {
		return Math.floorMod(key(kind, id).hashCode(), STRIPES);
	}

}
