package cn.mediagraph.story;

import java.time.Instant;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The last story number a center handed out, and the creation instant that went with it.
 *
 * @param id the tenant id
 * @param tenantId the media center
 * @param seq the last number handed out
 * @param at the latest creation instant handed out
 */
@Document(StoryCounter.COLLECTION)
record StoryCounter(@Id String id, String tenantId, int seq, Instant at) implements TenantOwned {

	static final String COLLECTION = "story_counters";

}
