package cn.mediagraph.platform.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene side of the index: one directory, one writer, near-real-time searchers refreshed
 * on demand, and commits that carry the state needed to recover (see {@link CommitState}).
 * Documents are kept sorted newest first, so the newest page of any list stops reading early.
 */
final class LuceneStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LuceneStore.class);

	/** The list order: newest first, ties by number; every kind's documents carry it. */
	static final Sort NEWEST = new Sort(new SortField(IndexDocument.ORDER_TIME, SortField.Type.LONG, true),
			new SortField(IndexDocument.ORDER_TIE, SortField.Type.LONG, true));

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final ControlledRealTimeReopenThread<IndexSearcher> reopener;

	private final Map<String, String> opened;

	/** The last change written on this instance, and the last one searches were seen to see. */
	private final AtomicLong written = new AtomicLong(-1);

	private final AtomicLong visible = new AtomicLong(-1);

	private final boolean created;

	private LuceneStore(Directory directory, IndexWriter writer, Map<String, String> opened, boolean created)
			throws IOException {
		this.directory = directory;
		this.writer = writer;
		this.opened = opened;
		this.created = created;
		this.searchers = new SearcherManager(writer, null);
		// A search waiting for a write (every search waits for every change written before it on
		// this instance, a change stream's included) reopens at once. Unwaited, the index reopens
		// every 5 s: each reopen flushes and sorts a segment, and reopening every second cost an
		// archive import about a tenth of its time in flushes and merges of small segments.
		this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 5.0, 0.0);
		this.reopener.setName("search-index-refresh");
		this.reopener.setDaemon(true);
		this.reopener.start();
	}

	/**
	 * Opens the index, or creates it empty when it is missing, unreadable, or was built for
	 * another store or another layout ({@link #created()} then tells the caller to rebuild).
	 */
	static LuceneStore open(SearchProperties settings, CommitState expected) {
		Directory directory = directory(settings);
		try {
			Map<String, String> last = lastCommit(directory);
			String why = last == null ? "no index yet" : expected.mismatch(last);
			boolean create = why != null;
			if (create) {
				log.info("Search index at {}: {}; building it from MongoDB", where(settings), why);
			}
			IndexWriterConfig config = new IndexWriterConfig(NewsAnalyzer.forIndexing())
				.setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
				.setIndexSort(NEWEST)
				.setRAMBufferSizeMB(48)
				// a save's refresh flushes a tiny segment: packing it into a compound file copied it twice
				.setUseCompoundFile(false)
				.setCommitOnClose(false);
			IndexWriter writer = new IndexWriter(directory, config);
			return new LuceneStore(directory, writer, create ? Map.of() : last, create);
		}
		catch (LockObtainFailedException ex) {
			IOUtils.closeWhileHandlingException(directory);
			throw new IllegalStateException("The search index at " + where(settings) + " is in use by another "
					+ "MediaGraph instance: give each instance its own MEDIAGRAPH_INDEX_DIR", ex);
		}
		catch (IOException ex) {
			IOUtils.closeWhileHandlingException(directory);
			throw new UncheckedIOException("Cannot open the search index at " + where(settings), ex);
		}
	}

	private static Directory directory(SearchProperties settings) {
		if (settings.inMemory()) {
			return new ByteBuffersDirectory();
		}
		try {
			Files.createDirectories(settings.dir());
			// small, freshly flushed segments stay in memory until merged: refreshes cost little
			return new NRTCachingDirectory(FSDirectory.open(settings.dir()), 8, 64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the search index directory " + where(settings)
					+ " (set MEDIAGRAPH_INDEX_DIR to a writable folder)", ex);
		}
	}

	/** The last commit's data, or null when there is no readable index. */
	private static Map<String, String> lastCommit(Directory directory) {
		try {
			if (!DirectoryReader.indexExists(directory)) {
				return null;
			}
			return new HashMap<>(SegmentInfos.readLatestCommit(directory).getUserData());
		}
		catch (IOException | RuntimeException ex) {
			log.warn("The search index cannot be read ({}); it is rebuilt from MongoDB", ex.toString());
			return null;
		}
	}

	private static String where(SearchProperties settings) {
		return settings.inMemory() ? "(memory)" : settings.dir().toAbsolutePath().toString();
	}

	/** Whether the index was created empty at opening, and must be filled from MongoDB. */
	boolean created() {
		return created;
	}

	/** The data of the commit the index was opened at (empty when created). */
	Map<String, String> opened() {
		return opened;
	}

	IndexWriter writer() {
		return writer;
	}

	/**
	 * A searcher that sees every change written so far on this instance (read your own
	 * writes); release it with {@link #release}. Writers do not wait for their change to become
	 * searchable: the next search does, once, for all the changes before it, so a burst of
	 * saves shares one reopen and a save returns without paying for one.
	 */
	IndexSearcher acquire() throws IOException {
		long target = written.get();
		if (target > visible.get()) {
			awaitVisible(target);
		}
		return searchers.acquire();
	}

	/** The searcher opened last, whether or not it sees the latest changes; release it with {@link #release}. */
	IndexSearcher acquireAsOpened() throws IOException {
		return searchers.acquire();
	}

	/** Notes a change, by its sequence number: the next search waits until it sees it. */
	void written(long sequenceNumber) {
		written.accumulateAndGet(sequenceNumber, Math::max);
	}

	void release(IndexSearcher searcher) {
		try {
			searchers.release(searcher);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Returns once searchers see the change with this sequence number. */
	void awaitVisible(long sequenceNumber) {
		try {
			reopener.waitForGeneration(sequenceNumber);
			visible.accumulateAndGet(sequenceNumber, Math::max);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Makes every change so far visible to searchers now. */
	void refresh() {
		try {
			searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Drops every document at once, old segments and all (before a rebuild of every kind:
	 * deleting each kind's documents term by term left the old segments to be merged away).
	 */
	void deleteAll() {
		try {
			writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Commits every change so far, with this data, durably. {@code beforeCommit} runs between
	 * the commit's two phases: after it has fixed what it holds, before that is made durable.
	 */
	synchronized void commit(Map<String, String> data, Runnable beforeCommit) {
		try {
			writer.setLiveCommitData(data.entrySet());
			writer.prepareCommit();
			beforeCommit.run();
			writer.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean hasUncommittedChanges() {
		return writer.hasUncommittedChanges();
	}

	@Override
	public void close() {
		IOUtils.closeWhileHandlingException(reopener, searchers, writer, directory);
	}

}
