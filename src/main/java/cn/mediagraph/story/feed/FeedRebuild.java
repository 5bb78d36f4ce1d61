package cn.mediagraph.story.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a tenant's index from the stories themselves, should it ever be lost or doubted.
 * One pass in sequence order, a chunk at a time: memory holds one chunk's entries, and each
 * index document is written once.
 */
@Component
public class FeedRebuild {

	private static final Logger log = LoggerFactory.getLogger(FeedRebuild.class);

	private static final int BATCH = 512;

	private final FeedIndex index;

	FeedRebuild(FeedIndex index) {
		this.index = index;
	}

	/** What the index needs of a story. */
	public record IndexedStory(int seq, Instant createdAt, Set<String> terms) {
	}

	/**
	 * Rebuilds from the stories numbered 1 to {@code lastSeq}, loaded a batch at a time.
	 *
	 * @return how many stories were indexed
	 */
	public long rebuild(String tenantId, int lastSeq, FeedIndex.IntListFetcher<IndexedStory> fetch) {
		long started = System.nanoTime();
		index.clear(tenantId);
		Map<String, Map<Integer, Integer>> sizesByTerm = new HashMap<>();
		Map<String, TermStats.Span> bounds = new TreeMap<>();
		long indexed = 0;
		for (int chunk = 0; chunk <= FeedIndex.chunkOf(lastSeq); chunk++) {
			Map<String, List<Integer>> entries = new HashMap<>();
			Map<String, Long> times = new HashMap<>();
			int first = Math.max(1, chunk << FeedIndex.CHUNK_BITS);
			int end = Math.min(lastSeq + 1, (chunk + 1) << FeedIndex.CHUNK_BITS);
			for (int from = first; from < end; from += BATCH) {
				List<Integer> seqs = IntStream.range(from, Math.min(end, from + BATCH)).boxed().toList();
				for (IndexedStory story : fetch.fetch(seqs).values()) {
					story.terms().forEach(term -> entries.computeIfAbsent(term, t -> new ArrayList<>()).add(story.seq()));
					times.put(Integer.toString(story.seq()), story.createdAt().toEpochMilli());
					bounds.merge(Integer.toString(chunk), new TermStats.Span(story.createdAt(), story.createdAt()),
							(a, b) -> new TermStats.Span(min(a.lo(), b.lo()), max(a.hi(), b.hi())));
					indexed++;
				}
			}
			index.writeChunk(tenantId, chunk, entries);
			index.writeTimes(tenantId, chunk, times);
			for (var entry : entries.entrySet()) {
				sizesByTerm.computeIfAbsent(entry.getKey(), t -> new TreeMap<>()).put(chunk, entry.getValue().size());
			}
		}
		index.writeStats(tenantId, sizesByTerm, bounds);
		log.info("Rebuilt the story index of tenant {}: {} stories, {} terms, in {} ms", tenantId, indexed,
				sizesByTerm.size(), (System.nanoTime() - started) / 1_000_000);
		return indexed;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
