package cn.mediagraph.story.feed;

import java.time.Instant;
import java.util.Set;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A story's index being changed: written before the first index entry moves and deleted after
 * the last, it is both the story's write lock and the note that lets a later reader finish the
 * work when the writer died half-way (there are no multi-document transactions to lean on).
 *
 * @param id the story id
 * @param tenantId the media center
 * @param seq the story's sequence number
 * @param createdAt the story's creation instant
 * @param before the terms the story had
 * @param after the terms it is being given
 * @param until when the lock lapses, so a dead writer cannot hold the story forever
 */
@Document(FeedIntent.COLLECTION)
record FeedIntent(@Id String id, String tenantId, int seq, Instant createdAt, Set<String> before, Set<String> after, Instant until)
		implements TenantOwned {

	static final String COLLECTION = "story_feed_intents";

}
