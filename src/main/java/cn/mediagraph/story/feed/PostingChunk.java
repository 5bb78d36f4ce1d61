package cn.mediagraph.story.feed;

import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stories of one term within one range of {@value FeedIndex#CHUNK_SIZE} sequence numbers:
 * {@code _id = <tenant>|<term>|<chunk>}, found by {@code _id} alone, so any MongoDB (the
 * embedded one included) answers from its primary index.
 *
 * @param id {@code <tenant>|<term>|<chunk>}
 * @param tenantId the media center
 * @param s the sequence numbers of the stories, in no particular order
 */
@Document(PostingChunk.COLLECTION)
record PostingChunk(@Id String id, String tenantId, List<Integer> s) implements TenantOwned {

	static final String COLLECTION = "story_postings";

}
