package cn.mediagraph.story;

import java.util.List;

import cn.mediagraph.platform.mongo.RetiredCollections;
import cn.mediagraph.platform.search.IndexDocument;
import cn.mediagraph.platform.search.IndexedKind;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * How stories are listed and searched: their keyword fields (see {@link StoryFacet}), their
 * title, summary and body as text, their creation instant, newest-first order (ties by
 * number), and, while in review, the level they wait at and the queue order (submission time). Raise {@link #layoutVersion()} whenever this changes: the index is rebuilt.
 */
@Component
class StoryIndexing implements IndexedKind<Story> {

	static final String NAME = "story";

	static final String TITLE = "title";

	static final String SUMMARY = "summary";

	static final String BODY = "body";

	static final String CREATED = "created";

	/** The level a story in review waits at, as a keyword: the review queue's filter. */
	static final String REVIEW_LEVEL = "reviewLevel";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Class<Story> type() {
		return Story.class;
	}

	@Override
	public int layoutVersion() {
		return 2;
	}

	@Override
	public long version(Story story) {
		return story.revision();
	}

	@Override
	public void describe(Story story, IndexDocument into) {
		for (StoryFacet facet : StoryFacet.values()) {
			facet.valuesOf(story).forEach(value -> into.keyword(facet.field(), value));
		}
		into.text(TITLE, story.title()).text(SUMMARY, story.summary()).text(BODY, story.body());
		into.instant(CREATED, story.createdAt()).order(story.createdAt(), story.seq());
		StoryReview review = story.review();
		if (review.level() != null && review.submittedAt() != null) {
			into.keyword(REVIEW_LEVEL, review.level().name()).queued(review.submittedAt(), story.seq());
		}
	}

	/** The posting, term, time and intent collections of the index stories had before Lucene. */
	@Bean
	static RetiredCollections retiredStoryFeed() {
		return new RetiredCollections(List.of("story_postings", "story_terms", "story_times", "story_feed_intents"),
				"the Lucene search index");
	}

}
