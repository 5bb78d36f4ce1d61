package cn.mediagraph.story;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.KeysetPager;
import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The read path of stories: the newest-first list with its filters and text search. Kept
 * apart from the writes because it is the part to replace with a derived index once archives
 * grow (on the embedded store every filtered list scans the collection).
 */
@Component
class StoryQueries {

	static final int MAX_TEXT = 100;

	private static final KeysetPager<Story> NEWEST_FIRST = new KeysetPager<>(Story.class, "createdAt",
			Direction.DESC, Story::createdAt);

	/** One page of the tenant's stories that match the filter, newest first. */
	Connection<Story> page(TenantStore.Scope scope, @Nullable StoryFilter filter, PageRequest page) {
		Optional<Query> query = filter == null ? Optional.of(new Query()) : toQuery(filter);
		if (query.isEmpty()) {
			return empty();
		}
		return NEWEST_FIRST.page(scope, query.get(), page);
	}

	/** The filter as a query, or empty when nothing can match (a malformed channel id). */
	static Optional<Query> toQuery(StoryFilter filter) {
		Query query = new Query();
		if (filter.channelId() != null) {
			Optional<String> channelId = GlobalId.decode(filter.channelId(), "Channel");
			if (channelId.isEmpty()) {
				return Optional.empty();
			}
			query.addCriteria(Criteria.where("channelIds").is(channelId.get()));
		}
		equal(query, "status", filter.status());
		equal(query, "tags", filter.tag() == null ? null : filter.tag().strip());
		equal(query, "region", filter.region() == null ? null : filter.region().strip());
		equal(query, "language", filter.language());
		createdBetween(query, filter);
		containing(query, filter.text());
		return Optional.of(query);
	}

	private static void equal(Query query, String field, @Nullable Object value) {
		if (value != null) {
			query.addCriteria(Criteria.where(field).is(value));
		}
	}

	/** From {@code createdAfter} inclusive to {@code createdBefore} exclusive, so ranges tile. */
	private static void createdBetween(Query query, StoryFilter filter) {
		if (filter.createdAfter() == null && filter.createdBefore() == null) {
			return;
		}
		Criteria createdAt = Criteria.where("createdAt");
		if (filter.createdAfter() != null) {
			createdAt.gte(filter.createdAfter());
		}
		if (filter.createdBefore() != null) {
			createdAt.lt(filter.createdBefore());
		}
		query.addCriteria(createdAt);
	}

	/**
	 * Text in the title, summary or body, any case. A substring match rather than MongoDB's
	 * {@code $text}: that splits on spaces, which Chinese does not have (and the embedded store
	 * lacks it). The query is quoted, so it means the same on the embedded store and on MongoDB.
	 * Wrapped in {@code $and} because the pager's cursor condition takes the top-level {@code $or}.
	 */
	private static void containing(Query query, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return;
		}
		String wanted = text.strip();
		if (wanted.codePointCount(0, wanted.length()) > MAX_TEXT) {
			throw new BadRequestException("Search text is at most " + MAX_TEXT + " characters");
		}
		String pattern = Pattern.quote(wanted);
		Criteria anyField = new Criteria().orOperator(Criteria.where("title").regex(pattern, "i"),
				Criteria.where("summary").regex(pattern, "i"), Criteria.where("body").regex(pattern, "i"));
		query.addCriteria(new Criteria().andOperator(anyField));
	}

	private static Connection<Story> empty() {
		return new Connection<>(List.of(), new Connection.PageInfo(false, false, null, null), () -> 0);
	}

	/**
	 * The list in its order, and the same order behind an equality on each filter field, so
	 * that on MongoDB a filtered page reads only the index entries it returns.
	 */
	@Bean
	static IndexDeclaration storyIndexes() {
		return IndexDeclaration.tenantOwned(Story.COLLECTION, newestFirst(null), newestFirst("status"),
				newestFirst("channelIds"), newestFirst("tags"), newestFirst("region"), newestFirst("language"));
	}

	private static Index newestFirst(@Nullable String filterField) {
		Index index = new Index().on(TenantOwned.TENANT_FIELD, Direction.ASC);
		if (filterField != null) {
			index.on(filterField, Direction.ASC);
		}
		return index.on("createdAt", Direction.DESC)
			.on("_id", Direction.DESC)
			.named(filterField == null ? "tenant_newest" : "tenant_" + filterField + "_newest");
	}

}
