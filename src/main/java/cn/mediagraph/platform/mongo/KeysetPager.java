package cn.mediagraph.platform.mongo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.Connection.Edge;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.PageRequest;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Relay connections over a tenant's collection by keyset ("seek") pagination: order by one
 * field, ties broken by {@code _id}, and continue from the last seen key instead of skipping,
 * so deep pages cost what the first page costs and a page never repeats or drops a document
 * when others are inserted meanwhile.
 *
 * @param <T> the document type
 * @param type the document class
 * @param field the ordering field ({@link Instant} or {@link String} values)
 * @param direction the order when paging forward
 * @param key reads the ordering field of a document
 */
public record KeysetPager<T extends TenantOwned>(Class<T> type, String field, Direction direction,
		Function<T, Object> key) {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	/** One page of the documents that match {@code filter}, in the tenant of {@code scope}. */
	public Connection<T> page(TenantStore.Scope scope, Query filter, PageRequest page) {
		Direction order = page.forward() ? direction : reverse(direction);
		Query query = Query.of(filter).with(Sort.by(order, field).and(Sort.by(order, "_id"))).limit(page.size() + 1);
		if (page.cursor() != null) {
			query.addCriteria(after(decode(page.cursor()), order));
		}
		List<T> found = new ArrayList<>(scope.find(query, type));
		boolean more = found.size() > page.size();
		if (more) {
			found.remove(found.size() - 1);
		}
		if (!page.forward()) {
			Collections.reverse(found);
		}
		List<Edge<T>> edges = found.stream().map(document -> new Edge<>(cursorOf(document), document)).toList();
		boolean hasNext = page.forward() ? more : page.cursor() != null;
		boolean hasPrevious = page.forward() ? page.cursor() != null : more;
		PageInfo info = new PageInfo(hasNext, hasPrevious, edges.isEmpty() ? null : edges.get(0).cursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new Connection<>(edges, info, () -> scope.count(filter, type));
	}

	public String cursorOf(T document) {
		Object value = key.apply(document);
		String encoded = value instanceof Instant instant ? "t" + instant.toEpochMilli() : "s" + value;
		return ENCODER.encodeToString((document.id() + "|" + encoded).getBytes(StandardCharsets.UTF_8));
	}

	private Criteria after(Key cursor, Direction order) {
		boolean descending = order == Direction.DESC;
		Criteria beyondValue = descending ? Criteria.where(field).lt(cursor.value()) : Criteria.where(field).gt(cursor.value());
		Criteria sameValue = Criteria.where(field).is(cursor.value());
		Criteria beyondId = descending ? Criteria.where("_id").lt(cursor.id()) : Criteria.where("_id").gt(cursor.id());
		return new Criteria().orOperator(beyondValue, new Criteria().andOperator(sameValue, beyondId));
	}

	private record Key(ObjectId id, Object value) {
	}

	private static Key decode(String cursor) {
		try {
			String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
			int bar = text.indexOf('|');
			ObjectId id = new ObjectId(text.substring(0, bar));
			String value = text.substring(bar + 1);
			Object key = value.charAt(0) == 't' ? Instant.ofEpochMilli(Long.parseLong(value.substring(1)))
					: value.substring(1);
			return new Key(id, key);
		}
		catch (RuntimeException ex) {
			throw new BadRequestException("Not a cursor of this connection: " + cursor);
		}
	}

	private static Direction reverse(Direction direction) {
		return direction == Direction.ASC ? Direction.DESC : Direction.ASC;
	}

}
