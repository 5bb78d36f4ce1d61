package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.platform.mongo.PlatformStore;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Where the publisher finds due posts without a collection scan: one document per minute and
 * shard, keyed by {@code _id} ({@code <epoch minute>:<shard>}), listing the posts to look at in
 * that minute. Every write that gives a post a new {@code dueAt} first adds the post here, at
 * that minute; a reference may go stale (the post moved on), so the publisher verifies each post
 * in MongoDB before acting. A cursor document keeps the earliest minute that may still hold
 * work; minutes behind it are deleted once every post in them is settled or due later. Posts of
 * one minute are spread over {@value #SHARDS} shards, so no document grows past a few thousand
 * references even when 10,000 posts fall in one minute.
 */
@Component
class DueBuckets {

	static final int SHARDS = 16;

	private static final String CURSOR = "cursor";

	private final PlatformStore store;

	DueBuckets(PlatformStore store) {
		this.store = store;
	}

	/** A minute's shard of due posts. */
	@Document("post_due")
	record Bucket(@Id String id, List<String> refs) {

		Bucket {
			refs = refs == null ? List.of() : List.copyOf(refs);
		}

	}

	/** The earliest minute that may still hold due posts. */
	@Document("post_due_cursor")
	record Cursor(@Id String id, long minute) {
	}

	/** A post to look at: its center and its id. */
	record Ref(String tenantId, String postId) {

		static Ref parse(String text) {
			int slash = text.indexOf('/');
			return new Ref(text.substring(0, slash), text.substring(slash + 1));
		}

		String text() {
			return tenantId + "/" + postId;
		}

	}

	static long minuteOf(Instant at) {
		return Math.floorDiv(at.toEpochMilli(), Duration.ofMinutes(1).toMillis());
	}

	static String bucketId(long minute, int shard) {
		return minute + ":" + shard;
	}

	/** Notes that the post is due at {@code at}: two single-document writes by {@code _id}. */
	void add(String tenantId, String postId, Instant at) {
		long minute = minuteOf(at);
		String ref = new Ref(tenantId, postId).text();
		int shard = Math.floorMod(postId.hashCode(), SHARDS);
		store.findAndModify(byId(bucketId(minute, shard)), new Update().addToSet("refs", ref),
				FindAndModifyOptions.options().upsert(true).returnNew(false), Bucket.class);
		store.findAndModify(byId(CURSOR), new Update().min("minute", minute),
				FindAndModifyOptions.options().upsert(true).returnNew(false), Cursor.class);
	}

	Optional<Long> cursor() {
		return store.findById(CURSOR, Cursor.class).map(Cursor::minute);
	}

	/** The posts of a minute's shards, read by {@code _id}. */
	List<Bucket> minute(long minute) {
		List<Bucket> buckets = new java.util.ArrayList<>(SHARDS);
		for (int shard = 0; shard < SHARDS; shard++) {
			store.findById(bucketId(minute, shard), Bucket.class).ifPresent(buckets::add);
		}
		return buckets;
	}

	/** Forgets a minute whose every post is settled or due later, and moves the cursor past it. */
	void done(long minute, List<Bucket> buckets) {
		buckets.forEach(bucket -> store.deleteById(bucket.id(), Bucket.class));
		store.findAndModify(byId(CURSOR), new Update().max("minute", minute + 1),
				FindAndModifyOptions.options().upsert(true).returnNew(false), Cursor.class);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
