package cn.mediagraph.platform.observability;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.language.OperationDefinition;

/**
 * Operation names as metric tags, with a bounded number of values: every distinct tag value is
 * a time series kept for the life of the process, and the names come from callers. The first
 * {@code limit} names seen are kept as they are; later ones are counted as {@value #OTHER}.
 * Front ends send a fixed set of named operations, so the limit is only reached by someone
 * inventing names.
 */
class OperationNames {

	static final String ANONYMOUS = "anonymous";

	static final String INVALID = "invalid";

	static final String OTHER = "other";

	static final String UNKNOWN = "unknown";

	/** Longer names are cut to this length: a name is a label, not a payload. */
	static final int MAX_LENGTH = 64;

	private final int limit;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	OperationNames(int limit) {
		this.limit = limit;
	}

	String tag(Optional<OperationDefinition> operation) {
		if (operation.isEmpty()) {
			return INVALID;
		}
		String name = operation.get().getName();
		if (name == null || name.isEmpty()) {
			return ANONYMOUS;
		}
		String label = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
		if (known.contains(label)) {
			return label;
		}
		if (known.size() >= limit) {
			return OTHER;
		}
		known.add(label);
		return label;
	}

}
