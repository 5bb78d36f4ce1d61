package cn.mediagraph.story;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.Connection.Edge;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.story.feed.FeedIndex;
import cn.mediagraph.story.feed.FeedIndex.Selection;
import cn.mediagraph.story.feed.StoryTerms;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The read path of stories: the newest-first list, its filters and text search, all answered
 * from the {@link FeedIndex} and {@code _id} lookups, so no read scans the collection, however
 * large the archive, on the embedded store and on MongoDB alike. Every story loaded is checked
 * against the whole filter, so the page is exact even while a write is moving index entries.
 */
@Component
class StoryFeed {

	static final int MAX_TEXT = 100;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final FeedIndex index;

	StoryFeed(FeedIndex index) {
		this.index = index;
	}

	/** One page of the tenant's stories that match the filter, newest first. */
	Connection<Story> page(TenantStore.Scope scope, @Nullable StoryFilter filter, PageRequest page) {
		Optional<Query> query = Query.of(filter == null ? emptyFilter() : filter);
		if (query.isEmpty()) {
			return new Connection<>(List.of(), new PageInfo(false, false, null, null), () -> 0);
		}
		Selection selection = query.get().selection(index, scope);
		Integer cursor = page.cursor() == null ? null : decode(page.cursor());
		FeedIndex.Slice<Story> slice = index.read(scope.tenantId(), selection, cursor, page.forward(), page.size(),
				seqs -> fetch(scope, seqs), query.get());
		List<Story> stories = new ArrayList<>(slice.items());
		if (!page.forward()) {
			java.util.Collections.reverse(stories);
		}
		List<Edge<Story>> edges = stories.stream().map(story -> new Edge<>(cursorOf(story), story)).toList();
		boolean hasNext = page.forward() ? slice.more() : cursor != null;
		boolean hasPrevious = page.forward() ? cursor != null : slice.more();
		PageInfo info = new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		Predicate<Story> exact = query.get().needsTextCheck() ? query.get() : null;
		return new Connection<>(edges, info, () -> index.count(scope.tenantId(), selection, seqs -> fetch(scope, seqs), exact));
	}

	/** The stories with these numbers, by number, in one command. */
	static Map<Integer, Story> fetch(TenantStore.Scope scope, List<Integer> seqs) {
		List<String> ids = seqs.stream().map(seq -> Story.idOf(scope.tenantId(), seq)).toList();
		Map<Integer, Story> bySeq = new HashMap<>();
		scope.findAllById(ids, Story.class).forEach(story -> bySeq.put(story.seq(), story));
		return bySeq;
	}

	static String cursorOf(Story story) {
		return ENCODER.encodeToString(("Story#" + story.seq()).getBytes(StandardCharsets.UTF_8));
	}

	private static int decode(String cursor) {
		try {
			String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
			if (!text.startsWith("Story#")) {
				throw new IllegalArgumentException(text);
			}
			return Integer.parseInt(text.substring("Story#".length()));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Not a cursor of this list: " + cursor);
		}
	}

	private static StoryFilter emptyFilter() {
		return new StoryFilter(null, null, null, null, null, null, null, null);
	}

	/**
	 * A filter made ready: its index terms, and the exact test each loaded story must pass.
	 * A date range becomes a range of story numbers.
	 */
	private record Query(StoryFilter filter, Set<String> terms, @Nullable String channelId, @Nullable String text)
			implements Predicate<Story> {

		/** Empty when nothing can match, e.g. a channel id that is not a channel's. */
		static Optional<Query> of(StoryFilter filter) {
			Set<String> terms = new LinkedHashSet<>();
			String channelId = null;
			if (filter.channelId() != null) {
				Optional<String> decoded = GlobalId.decode(filter.channelId(), "Channel");
				if (decoded.isEmpty()) {
					return Optional.empty();
				}
				channelId = decoded.get();
				terms.add(StoryTerms.channel(channelId));
			}
			if (filter.status() != null) {
				terms.add(StoryTerms.status(filter.status().name()));
			}
			if (filter.tag() != null && !filter.tag().isBlank()) {
				terms.add(StoryTerms.tag(filter.tag().strip()));
			}
			if (filter.region() != null && !filter.region().isBlank()) {
				terms.add(StoryTerms.region(filter.region().strip()));
			}
			if (filter.language() != null && !filter.language().isBlank()) {
				terms.add(StoryTerms.language(filter.language().strip()));
			}
			String text = text(filter.text());
			if (text != null) {
				terms.addAll(StoryTerms.queryGrams(text));
			}
			if (terms.isEmpty()) {
				terms.add(StoryTerms.ALL);
			}
			return Optional.of(new Query(filter, terms, channelId, text));
		}

		private static @Nullable String text(@Nullable String text) {
			if (text == null || text.isBlank()) {
				return null;
			}
			String wanted = text.strip();
			if (wanted.codePointCount(0, wanted.length()) > MAX_TEXT) {
				throw new BadRequestException("Search text is at most " + MAX_TEXT + " characters");
			}
			if (StoryTerms.queryGrams(wanted).isEmpty()) {
				throw new BadRequestException("Search for at least two characters in a row, e.g. 铜川");
			}
			return StoryTerms.normalize(wanted);
		}

		Selection selection(FeedIndex index, TenantStore.Scope scope) {
			return index.within(scope.tenantId(), Selection.of(terms), filter.createdAfter(), filter.createdBefore());
		}

		/** Bigrams all present do not prove the query's characters stand together: check the text. */
		boolean needsTextCheck() {
			return text != null && !StoryTerms.queryIsOneGram(text);
		}

		@Override
		public boolean test(Story story) {
			return (filter.status() == null || story.status() == filter.status())
					&& (channelId == null || story.channelIds().contains(channelId))
					&& (filter.tag() == null || filter.tag().isBlank() || hasTag(story, filter.tag()))
					&& (filter.region() == null || filter.region().isBlank() || sameRegion(story, filter.region()))
					&& (filter.language() == null || filter.language().isBlank()
							|| story.language().equalsIgnoreCase(filter.language().strip()))
					&& (filter.createdAfter() == null || !story.createdAt().isBefore(filter.createdAfter()))
					&& (filter.createdBefore() == null || story.createdAt().isBefore(filter.createdBefore()))
					&& (text == null || contains(story, text));
		}

		private static boolean hasTag(Story story, String tag) {
			String wanted = StoryTerms.tag(tag.strip());
			return story.tags().stream().anyMatch(t -> StoryTerms.tag(t).equals(wanted));
		}

		private static boolean sameRegion(Story story, String region) {
			return story.region() != null && StoryTerms.region(story.region()).equals(StoryTerms.region(region.strip()));
		}

		private static boolean contains(Story story, String normalizedText) {
			return StoryTerms.normalize(story.title()).contains(normalizedText)
					|| StoryTerms.normalize(story.summary()).contains(normalizedText)
					|| StoryTerms.normalize(story.body()).contains(normalizedText);
		}

	}

}
