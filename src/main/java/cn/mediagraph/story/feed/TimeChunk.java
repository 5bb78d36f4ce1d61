package cn.mediagraph.story.feed;

import java.util.Map;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The creation instants of one chunk's stories, by story number: what turns a date range
 * into a range of numbers in one read.
 *
 * @param id {@code <tenant>|<chunk>}
 * @param tenantId the media center
 * @param t epoch milliseconds by story number (as text: a document's keys are strings)
 */
@Document(TimeChunk.COLLECTION)
record TimeChunk(@Id String id, String tenantId, Map<String, Long> t) implements TenantOwned {

	static final String COLLECTION = "story_times";

}
