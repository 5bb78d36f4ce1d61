package cn.mediagraph.platform.mongo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * An update the embedded store applies itself, without mongo-java-server's general machinery:
 * a replacement, or {@code $inc}, {@code $max}, {@code $min}, {@code $set} and
 * {@code $setOnInsert} of plain dotted paths (no positional or array parts).
 * <p>
 * The general path deep-copies the document twice, compares it whole twice, encodes it twice to
 * track the collection's size, checks every pair of paths for conflicts, and splits each path
 * and matches each of its parts against regular expressions. A rollup document takes hundreds
 * of paths per write, and a profile of reach ingestion spent a quarter of its time there and
 * most of its garbage. Here the document is copied only along the paths that change (what
 * does not change is shared with the version before, which nothing modifies in place) and
 * conflicts are found through the paths' prefixes.
 * <p>
 * Anything else, or a document whose shape the update does not fit plainly (an array or a
 * value where the path needs a sub-document, {@code $inc} of something not a number), is left
 * to the general path, which gives MongoDB's answer or error; this one then changed nothing.
 */
final class DirectUpdate {

	enum Operator {

		INC, MAX, MIN, SET, SET_ON_INSERT;

		static @Nullable Operator of(String name) {
			return switch (name) {
				case "$inc" -> INC;
				case "$max" -> MAX;
				case "$min" -> MIN;
				case "$set" -> SET;
				case "$setOnInsert" -> SET_ON_INSERT;
				default -> null;
			};
		}

	}

	private record Change(Operator operator, String[] path, @Nullable Object value) {
	}

	/** The document after the update, and whether it differs from the one before. */
	record Result(Document document, boolean changed) {
	}

	private final List<Change> changes;

	private final @Nullable Document replacement;

	private DirectUpdate(List<Change> changes, @Nullable Document replacement) {
		this.changes = changes;
		this.replacement = replacement;
	}

	/** This update in the plain form, or null: the general path handles it. */
	static @Nullable DirectUpdate of(Document update) {
		if (update.isEmpty()) {
			return null;
		}
		boolean operators = update.keySet().iterator().next().startsWith("$");
		if (!operators) {
			for (String key : update.keySet()) {
				if (key.startsWith("$") || key.contains(".") || key.isEmpty()) {
					return null;
				}
			}
			return new DirectUpdate(List.of(), update);
		}
		List<Change> changes = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		for (Map.Entry<String, Object> entry : update.entrySet()) {
			Operator operator = Operator.of(entry.getKey());
			if (operator == null || !(entry.getValue() instanceof Document fields)) {
				return null;
			}
			for (Map.Entry<String, Object> field : fields.entrySet()) {
				String path = field.getKey();
				Object value = field.getValue();
				String[] parts = plainParts(path);
				if (parts == null || parts[0].equals("_id")) {
					return null;
				}
				if ((operator == Operator.INC || operator == Operator.MAX || operator == Operator.MIN)
						&& !(value instanceof Number) || value instanceof Decimal128) {
					return null;
				}
				paths.add(path);
				changes.add(new Change(operator, parts, value));
			}
		}
		return conflicting(paths) ? null : new DirectUpdate(changes, null);
	}

	/**
	 * Whether a path is named twice, or lies inside another ({@code a.b} and {@code a.b.c}):
	 * conflicts MongoDB refuses, and the general path says so. Sorted, the paths inside one
	 * follow it directly.
	 */
	private static boolean conflicting(List<String> paths) {
		String[] sorted = paths.toArray(new String[0]);
		Arrays.sort(sorted);
		for (int i = 0; i < sorted.length - 1; i++) {
			String path = sorted[i];
			for (int j = i + 1; j < sorted.length && sorted[j].startsWith(path); j++) {
				if (sorted[j].length() == path.length() || sorted[j].charAt(path.length()) == '.') {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The parts of a path of dotted names, none empty, none an operator; or null. A part of
	 * digits names a field of a sub-document but a position in an array: {@link #apply} goes on
	 * only through sub-documents, so here it is always a field.
	 */
	private static String @Nullable [] plainParts(String path) {
		int count = 1;
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '.') {
				count++;
			}
		}
		String[] parts = new String[count];
		int from = 0;
		for (int i = 0; i < count; i++) {
			int to = path.indexOf('.', from);
			String part = path.substring(from, to < 0 ? path.length() : to);
			if (part.isEmpty() || part.charAt(0) == '$') {
				return null;
			}
			parts[i] = part;
			from = to + 1;
		}
		return parts;
	}

	/**
	 * The update applied to {@code current} ({@code inserting}: a new document built from the
	 * query), or null when the document's shape is not plain for it. {@code current} is not
	 * modified.
	 */
	@Nullable Result apply(Document current, boolean inserting) {
		if (replacement != null) {
			Document next = new Document();
			Object id = current.get("_id");
			Object replacementId = replacement.get("_id");
			if (replacementId != null && !replacementId.equals(id)) {
				return null;
			}
			if (id != null || current.containsKey("_id")) {
				next.put("_id", id);
			}
			replacement.forEach((key, value) -> {
				if (!key.equals("_id")) {
					next.put(key, value);
				}
			});
			if (inserting) {
				return new Result(next, true);
			}
			// fields kept keep their places, as the general path leaves them
			Document ordered = new Document();
			current.keySet().forEach(key -> {
				if (next.containsKey(key)) {
					ordered.put(key, next.get(key));
				}
			});
			next.forEach((key, value) -> {
				if (!ordered.containsKey(key)) {
					ordered.put(key, value);
				}
			});
			return new Result(ordered, !ordered.equals(current));
		}
		Document next = new Document(current);
		Set<Document> copied = Collections.newSetFromMap(new IdentityHashMap<>());
		copied.add(next);
		boolean changed = inserting;
		for (Change change : changes) {
			if (change.operator() == Operator.SET_ON_INSERT && !inserting) {
				continue;
			}
			Document parent = next;
			String[] path = change.path();
			for (int i = 0; i < path.length - 1; i++) {
				Object child = parent.get(path[i]);
				if (child == null) {
					if (parent.containsKey(path[i])) {
						return null;
					}
					Document created = new Document();
					copied.add(created);
					parent.put(path[i], created);
					parent = created;
				}
				else if (child instanceof Document sub) {
					if (!copied.contains(sub)) {
						sub = new Document(sub);
						copied.add(sub);
						parent.put(path[i], sub);
					}
					parent = sub;
				}
				else {
					return null;
				}
			}
			String leaf = path[path.length - 1];
			Object old = parent.get(leaf);
			boolean present = old != null || parent.containsKey(leaf);
			Object value = change.value();
			Object updated;
			switch (change.operator()) {
				case INC -> {
					if (!present) {
						updated = value;
					}
					else if (old instanceof Number number && !(old instanceof Decimal128)) {
						updated = NumericUtils.addNumbers(number, (Number) Objects.requireNonNull(value));
					}
					else {
						return null;
					}
				}
				case MAX, MIN -> {
					if (!present) {
						updated = value;
					}
					else if (old instanceof Number && !(old instanceof Decimal128)) {
						int order = ValueComparator.asc().compare(value, old);
						updated = change.operator() == Operator.MAX ? (order > 0 ? value : old) : (order < 0 ? value : old);
					}
					else {
						return null;
					}
				}
				default -> updated = value;
			}
			if (!present || !Objects.equals(old, updated) || old != null && updated != null && old.getClass() != updated.getClass()) {
				parent.put(leaf, updated);
				changed = true;
			}
		}
		return new Result(next, changed);
	}

}
