package cn.mediagraph.story.feed;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What is known of one term without reading its postings: how many stories have it and which
 * chunks hold them. For {@link StoryTerms#ALL} also the time span of each chunk, which turns a
 * date range into a range of sequence numbers.
 *
 * @param id {@code <tenant>|<term>}
 * @param tenantId the media center
 * @param n how many stories have the term
 * @param chunks the chunks that hold (or held) postings of the term
 * @param bounds for {@link StoryTerms#ALL}: per chunk, the first and last creation instant
 */
@Document(TermStats.COLLECTION)
record TermStats(@Id String id, String tenantId, long n, List<Integer> chunks,
		@Nullable Map<String, Span> bounds) implements TenantOwned {

	static final String COLLECTION = "story_terms";

	/** The creation instants of a chunk's first and last story. */
	record Span(Instant lo, Instant hi) {
	}

}
