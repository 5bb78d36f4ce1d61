package cn.mediagraph.story.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * An inverted index of stories kept in MongoDB documents that are read by {@code _id} only:
 * for each term (see {@link StoryTerms}) the sequence numbers of the stories that have it,
 * split into chunks of {@value #CHUNK_SIZE}. A page of the newsroom list, a filter, a text
 * search and a count are then a few primary-key reads, whatever the archive's size, on the
 * embedded store (which answers nothing else from an index) and on real MongoDB alike.
 *
 * <p>A story's sequence number orders it: it grows with creation time (see the story service),
 * so "newest first" is "highest sequence first". The index is a superset guard: readers check
 * every story they fetch against the filter, so an entry that runs ahead of its story during a
 * write never shows a wrong story; writers add entries before the story changes and remove them
 * after, so a story is never missing from a list it belongs to.
 */
@Component
public class FeedIndex {

	static final int CHUNK_BITS = 12;

	static final int CHUNK_SIZE = 1 << CHUNK_BITS;

	/**
	 * Terms that generate candidates when every loaded story is checked anyway: the rarest few
	 * narrow as much as all of them, at a fraction of the reads.
	 */
	static final int DRIVING_TERMS = 6;

	/** A term read beside the rarest one is at most this many times as common. */
	static final long COMMONER_TERM_FACTOR = 8;

	/** The most stories loaded in one read while looking for a page. */
	static final int MAX_BATCH = 512;

	/** Chunks whose postings are read at once: a rare combination walks the archive in few reads. */
	static final int CHUNKS_PER_READ = 4;

	private final TenantStore store;

	FeedIndex(TenantStore store) {
		this.store = store;
	}

	static int chunkOf(int seq) {
		return seq >>> CHUNK_BITS;
	}

	static String chunkId(String tenantId, String term, int chunk) {
		return tenantId + "|" + term + "|" + chunk;
	}

	static String timeId(String tenantId, int chunk) {
		return tenantId + "|" + chunk;
	}

	static String statsId(String tenantId, String term) {
		return tenantId + "|" + term;
	}

	// ---------------------------------------------------------------- writing

	/** Records that the story {@code seq} has these terms (which it did not have before). */
	public void add(String tenantId, int seq, Instant createdAt, Collection<String> terms) {
		if (terms.isEmpty()) {
			return;
		}
		int chunk = chunkOf(seq);
		Map<String, Update> postings = new LinkedHashMap<>();
		Map<String, Update> stats = new LinkedHashMap<>();
		for (String term : terms) {
			postings.put(chunkId(tenantId, term, chunk), new Update().addToSet("s", seq));
			Update stat = new Update().inc("n", 1).addToSet("chunks", chunk);
			if (term.equals(StoryTerms.ALL)) {
				stat.min("bounds." + chunk + ".lo", createdAt).max("bounds." + chunk + ".hi", createdAt);
			}
			stats.put(statsId(tenantId, term), stat);
		}
		var scope = store.forTenant(tenantId);
		if (terms.contains(StoryTerms.ALL)) {
			scope.bulkUpdate(Map.of(timeId(tenantId, chunk), new Update().set("t." + seq, createdAt.toEpochMilli())), true,
					TimeChunk.class);
		}
		scope.bulkUpdate(postings, true, PostingChunk.class);
		scope.bulkUpdate(stats, true, TermStats.class);
	}

	/** Records that the story {@code seq} no longer has these terms (which it had). */
	public void remove(String tenantId, int seq, Collection<String> terms) {
		if (terms.isEmpty()) {
			return;
		}
		int chunk = chunkOf(seq);
		Map<String, Update> postings = new LinkedHashMap<>();
		Map<String, Update> stats = new LinkedHashMap<>();
		for (String term : terms) {
			postings.put(chunkId(tenantId, term, chunk), new Update().pull("s", seq));
			stats.put(statsId(tenantId, term), new Update().inc("n", -1));
		}
		var scope = store.forTenant(tenantId);
		scope.bulkUpdate(postings, false, PostingChunk.class);
		scope.bulkUpdate(stats, false, TermStats.class);
		if (terms.contains(StoryTerms.ALL)) {
			scope.bulkUpdate(Map.of(timeId(tenantId, chunk), new Update().unset("t." + seq)), false, TimeChunk.class);
		}
	}

	/** Which of these terms the index holds for story {@code seq}: for repairs, one read. */
	public Set<String> termsHeld(String tenantId, int seq, Collection<String> terms) {
		int chunk = chunkOf(seq);
		Map<String, String> termByChunkId = new HashMap<>();
		terms.forEach(term -> termByChunkId.put(chunkId(tenantId, term, chunk), term));
		Set<String> held = new HashSet<>();
		for (PostingChunk posting : store.forTenant(tenantId).findAllById(termByChunkId.keySet(), PostingChunk.class)) {
			if (posting.s().contains(seq)) {
				held.add(termByChunkId.get(posting.id()));
			}
		}
		return held;
	}

	/** Forgets everything indexed for a tenant, before a rebuild. */
	void clear(String tenantId) {
		var scope = store.forTenant(tenantId);
		scope.deleteAll(new Query(), PostingChunk.class);
		scope.deleteAll(new Query(), TermStats.class);
		scope.deleteAll(new Query(), TimeChunk.class);
	}

	/** Writes one chunk's creation instants, during a rebuild. */
	void writeTimes(String tenantId, int chunk, Map<String, Long> millisBySeq) {
		if (!millisBySeq.isEmpty()) {
			store.forTenant(tenantId).insert(new TimeChunk(timeId(tenantId, chunk), tenantId, millisBySeq));
		}
	}

	/** Writes one chunk of every term at once, during a rebuild. */
	void writeChunk(String tenantId, int chunk, Map<String, List<Integer>> seqsByTerm) {
		List<PostingChunk> chunks = new ArrayList<>(seqsByTerm.size());
		seqsByTerm.forEach((term, seqs) -> chunks.add(new PostingChunk(chunkId(tenantId, term, chunk), tenantId, seqs)));
		var scope = store.forTenant(tenantId);
		for (int from = 0; from < chunks.size(); from += 1000) {
			scope.insertAll(chunks.subList(from, Math.min(chunks.size(), from + 1000)));
		}
	}

	/**
	 * Writes every term's statistics at the end of a rebuild.
	 *
	 * @param sizesByTerm per term, per chunk, how many entries it holds
	 */
	void writeStats(String tenantId, Map<String, Map<Integer, Integer>> sizesByTerm,
			Map<String, TermStats.Span> bounds) {
		List<TermStats> stats = new ArrayList<>(sizesByTerm.size());
		sizesByTerm.forEach((term, sizes) -> {
			long n = sizes.values().stream().mapToLong(Integer::longValue).sum();
			stats.add(new TermStats(statsId(tenantId, term), tenantId, n, List.copyOf(sizes.keySet()),
					term.equals(StoryTerms.ALL) ? bounds : null));
		});
		var scope = store.forTenant(tenantId);
		for (int from = 0; from < stats.size(); from += 1000) {
			scope.insertAll(stats.subList(from, Math.min(stats.size(), from + 1000)));
		}
	}

	// ---------------------------------------------------------------- reading

	/**
	 * Where to read: the terms every story must have, and the sequence numbers allowed.
	 *
	 * @param terms all required (AND)
	 * @param from lowest sequence number allowed, inclusive
	 * @param to highest sequence number allowed, exclusive
	 */
	public record Selection(Set<String> terms, int from, int to) {

		public static Selection of(Set<String> terms) {
			return new Selection(terms, 0, Integer.MAX_VALUE);
		}

		Selection within(int lo, int hi) {
			return new Selection(terms, Math.max(from, lo), Math.min(to, hi));
		}

	}

	/**
	 * A page of stories in sequence order.
	 *
	 * @param items the stories, highest sequence first when paging forward, lowest first backward
	 * @param more whether more stories follow in the paging direction
	 */
	public record Slice<T>(List<T> items, boolean more) {
	}

	/**
	 * Reads up to {@code size} stories that have every term and pass {@code accept}, highest
	 * sequence number first ({@code descending}) or lowest first, starting beyond {@code cursor}.
	 *
	 * @param fetch loads stories by sequence number (one command for the lot)
	 * @param accept the exact filter, checked on each story loaded
	 */
	public <T> Slice<T> read(String tenantId, Selection selection, @Nullable Integer cursor, boolean descending,
			int size, IntListFetcher<T> fetch, Predicate<T> accept) {
		Selection bounded = cursor == null ? selection
				: descending ? selection.within(0, cursor) : selection.within(cursor + 1, Integer.MAX_VALUE);
		List<T> found = new ArrayList<>(size + 1);
		Optional<Plan> plan = plan(tenantId, bounded, DRIVING_TERMS);
		if (plan.isEmpty()) {
			return new Slice<>(List.of(), false);
		}
		List<Integer> chunks = plan.get().chunks(descending);
		int batchSize = size + 1;
		// the first chunk alone (a common term's page is usually there), then several per read
		for (int from = 0, group = 1; from < chunks.size(); from += group, group = CHUNKS_PER_READ) {
			List<Integer> candidates = candidates(tenantId, plan.get(),
					chunks.subList(from, Math.min(chunks.size(), from + group)), descending);
			int next = 0;
			while (next < candidates.size() && found.size() <= size) {
				// candidates that fail the exact check (bigrams present, but apart) make the next
				// batch larger, so a rare phrase costs a few reads, not one per page's worth
				batchSize = Math.max(batchSize, size + 1 - found.size());
				List<Integer> batch = candidates.subList(next, Math.min(candidates.size(), next + batchSize));
				next += batch.size();
				batchSize = Math.min(MAX_BATCH, batchSize * 4);
				Map<Integer, T> stories = fetch.fetch(batch);
				for (Integer seq : batch) {
					T story = stories.get(seq);
					if (story != null && accept.test(story)) {
						found.add(story);
					}
				}
			}
			if (found.size() > size) {
				return new Slice<>(found.subList(0, size), true);
			}
		}
		return new Slice<>(found, false);
	}

	/**
	 * How many stories have every term. One stored number for a single term; otherwise the
	 * chunk-by-chunk intersection, loading stories only when {@code exact} asks for a check
	 * the terms cannot make (a text query longer than two characters).
	 */
	public <T> long count(String tenantId, Selection selection, IntListFetcher<T> fetch, @Nullable Predicate<T> exact) {
		Optional<Plan> plan = plan(tenantId, selection, exact == null ? Integer.MAX_VALUE : DRIVING_TERMS);
		if (plan.isEmpty()) {
			return 0;
		}
		boolean whole = selection.from() == 0 && selection.to() == Integer.MAX_VALUE;
		if (selection.terms().size() == 1 && whole && exact == null) {
			return plan.get().driver().n();
		}
		long total = 0;
		List<Integer> chunks = plan.get().chunks(true);
		for (int from = 0; from < chunks.size(); from += CHUNKS_PER_READ) {
			List<Integer> candidates = candidates(tenantId, plan.get(),
					chunks.subList(from, Math.min(chunks.size(), from + CHUNKS_PER_READ)), true);
			total += exact == null ? candidates.size() : countAccepted(candidates, fetch, exact);
		}
		return total;
	}

	private static <T> long countAccepted(List<Integer> candidates, IntListFetcher<T> fetch, Predicate<T> exact) {
		long accepted = 0;
		for (int start = 0; start < candidates.size(); start += 500) {
			Map<Integer, T> stories = fetch.fetch(candidates.subList(start, Math.min(candidates.size(), start + 500)));
			accepted += stories.values().stream().filter(exact).count();
		}
		return accepted;
	}

	/**
	 * The story numbers created in {@code [from, to)} (either end open when null), found from
	 * the chunks' time spans and the creation instants of the one or two chunks at the ends:
	 * at most three reads, whatever the archive's size.
	 */
	public Selection within(String tenantId, Selection selection, @Nullable Instant from, @Nullable Instant to) {
		if (from == null && to == null) {
			return selection;
		}
		Optional<TermStats> all = store.forTenant(tenantId).findById(statsId(tenantId, StoryTerms.ALL), TermStats.class);
		Map<String, TermStats.Span> bounds = all.map(TermStats::bounds).orElse(null);
		if (bounds == null) {
			return selection.within(0, 0);
		}
		Optional<Integer> fromChunk = from == null ? Optional.empty() : chunkReaching(bounds, from);
		Optional<Integer> toChunk = to == null ? Optional.empty() : chunkReaching(bounds, to);
		Map<Integer, List<Map.Entry<Integer, Long>>> times = times(tenantId, fromChunk, toChunk);
		int lo = from == null ? 0 : fromChunk.map(c -> firstAtOrAfter(times.get(c), from, c)).orElse(Integer.MAX_VALUE);
		int hi = to == null ? Integer.MAX_VALUE : toChunk.map(c -> firstAtOrAfter(times.get(c), to, c)).orElse(Integer.MAX_VALUE);
		return selection.within(lo, hi);
	}

	/** The first chunk holding a story created at or after the instant. */
	private static Optional<Integer> chunkReaching(Map<String, TermStats.Span> bounds, Instant instant) {
		return bounds.entrySet().stream()
			.filter(entry -> !entry.getValue().hi().isBefore(instant))
			.map(entry -> Integer.parseInt(entry.getKey()))
			.min(Comparator.naturalOrder());
	}

	private Map<Integer, List<Map.Entry<Integer, Long>>> times(String tenantId, Optional<Integer> a, Optional<Integer> b) {
		List<String> ids = new ArrayList<>();
		a.ifPresent(chunk -> ids.add(timeId(tenantId, chunk)));
		b.ifPresent(chunk -> ids.add(timeId(tenantId, chunk)));
		Map<Integer, List<Map.Entry<Integer, Long>>> byChunk = new HashMap<>();
		for (TimeChunk chunk : store.forTenant(tenantId).findAllById(ids, TimeChunk.class)) {
			int number = Integer.parseInt(chunk.id().substring(chunk.id().lastIndexOf('|') + 1));
			List<Map.Entry<Integer, Long>> sorted = new ArrayList<>();
			chunk.t().forEach((seq, millis) -> sorted.add(Map.entry(Integer.parseInt(seq), millis)));
			sorted.sort(Map.Entry.comparingByKey());
			byChunk.put(number, sorted);
		}
		return byChunk;
	}

	/** Binary search: numbers and creation instants rise together. */
	private static int firstAtOrAfter(@Nullable List<Map.Entry<Integer, Long>> times, Instant instant, int chunk) {
		if (times == null || times.isEmpty()) {
			return (chunk + 1) << CHUNK_BITS;
		}
		long millis = instant.toEpochMilli();
		int lo = 0;
		int hi = times.size();
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (times.get(mid).getValue() < millis) {
				lo = mid + 1;
			}
			else {
				hi = mid;
			}
		}
		return lo < times.size() ? times.get(lo).getKey() : (chunk + 1) << CHUNK_BITS;
	}

	/** The terms' statistics, the rarest first: it drives the walk, the others only filter. */
	private record Plan(Selection selection, List<TermStats> stats) {

		TermStats driver() {
			return stats.get(0);
		}

		List<Integer> chunks(boolean descending) {
			int first = chunkOf(selection.from());
			int last = selection.to() == Integer.MAX_VALUE ? Integer.MAX_VALUE : chunkOf(Math.max(0, selection.to() - 1));
			Comparator<Integer> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
			return driver().chunks().stream().distinct().filter(c -> c >= first && c <= last).sorted(order).toList();
		}

	}

	/** The plan over the {@code maxTerms} rarest terms (any term unknown: nothing matches). */
	private Optional<Plan> plan(String tenantId, Selection selection, int maxTerms) {
		if (selection.from() >= selection.to()) {
			return Optional.empty();
		}
		Map<String, String> termById = new HashMap<>();
		selection.terms().forEach(term -> termById.put(statsId(tenantId, term), term));
		List<TermStats> stats = new ArrayList<>(store.forTenant(tenantId).findAllById(termById.keySet(), TermStats.class));
		if (stats.size() < selection.terms().size() || stats.stream().anyMatch(s -> s.n() <= 0)) {
			return Optional.empty();
		}
		stats.sort(Comparator.comparingLong(TermStats::n));
		return Optional.of(new Plan(selection, stats.subList(0, driving(stats, maxTerms))));
	}

	/**
	 * How many of the rarest terms to read. When every story is checked anyway, a term far more
	 * common than the rarest costs more to read than the few stories it would rule out.
	 */
	private static int driving(List<TermStats> stats, int maxTerms) {
		if (maxTerms == Integer.MAX_VALUE) {
			return stats.size();
		}
		long limit = stats.get(0).n() * COMMONER_TERM_FACTOR;
		int count = 1;
		while (count < Math.min(maxTerms, stats.size()) && stats.get(count).n() <= limit) {
			count++;
		}
		return count;
	}

	/**
	 * The sequence numbers in these chunks (adjacent in reading order) that have every term of
	 * the plan, in reading order: one read for all the terms' postings of all the chunks.
	 */
	private List<Integer> candidates(String tenantId, Plan plan, List<Integer> chunks, boolean descending) {
		List<String> terms = plan.stats().stream().map(s -> s.id().substring(tenantId.length() + 1)).toList();
		List<String> ids = new ArrayList<>(terms.size() * chunks.size());
		chunks.forEach(chunk -> terms.forEach(term -> ids.add(chunkId(tenantId, term, chunk))));
		Map<String, List<Integer>> postings = new HashMap<>();
		store.forTenant(tenantId).findAllById(ids, PostingChunk.class).forEach(p -> postings.put(p.id(), p.s()));
		Selection selection = plan.selection();
		Comparator<Integer> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
		List<Integer> result = new ArrayList<>();
		for (int chunk : chunks) {
			List<Integer> driver = postings.get(chunkId(tenantId, terms.get(0), chunk));
			List<Set<Integer>> others = new ArrayList<>();
			for (String term : terms.subList(1, terms.size())) {
				List<Integer> other = postings.get(chunkId(tenantId, term, chunk));
				others.add(other == null ? Set.of() : new HashSet<>(other));
			}
			if (driver == null) {
				continue;
			}
			driver.stream()
				.filter(seq -> seq >= selection.from() && seq < selection.to())
				.filter(seq -> others.stream().allMatch(set -> set.contains(seq)))
				.distinct()
				.sorted(order)
				.forEach(result::add);
		}
		return result;
	}

	/** Loads stories by sequence number, in one command. */
	@FunctionalInterface
	public interface IntListFetcher<T> {

		Map<Integer, T> fetch(List<Integer> seqs);

	}

	@Bean
	static IndexDeclaration feedIndexes() {
		return IndexDeclaration.tenantOwned(PostingChunk.COLLECTION);
	}

	@Bean
	static IndexDeclaration feedTimeIndexes() {
		return IndexDeclaration.tenantOwned(TimeChunk.COLLECTION);
	}

	@Bean
	static IndexDeclaration feedTermIndexes() {
		return IndexDeclaration.tenantOwned(TermStats.COLLECTION);
	}

}
