package cn.mediagraph.platform.search;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB documents the index had to leave out because they cannot be read or indexed (a
 * story without a field every story has, written by an older version or by hand): one such
 * document must not stop a rebuild, and so the start of the app. Each is logged once, by kind and
 * {@code _id}, however often a scan meets it again, and forgotten once it is indexed or deleted.
 */
final class SkippedDocuments {

	private static final Logger log = LoggerFactory.getLogger(SkippedDocuments.class);

	/** By kind: the skipped documents' ids with their tenant ("" when they name none). */
	private final Map<String, Map<String, String>> byKind = new ConcurrentHashMap<>();

	/** Notes a document left out; logs it the first time. */
	void skip(String kind, String id, @Nullable String tenantId, Exception cause) {
		String previous = byKind.computeIfAbsent(kind, any -> new ConcurrentHashMap<>())
			.put(id, tenantId == null ? "" : tenantId);
		if (previous == null) {
			log.warn("Search index: left out the {} with _id {} (tenant {}): MongoDB holds it in a form that cannot be "
					+ "read or indexed ({}); lists and search skip it until it is corrected", kind, id, tenantId, cause.toString());
		}
	}

	/** The document is indexed now (or gone): no longer skipped. */
	void forget(String kind, String id) {
		if (byKind.isEmpty()) {
			return;
		}
		Map<String, String> ids = byKind.get(kind);
		if (ids != null) {
			ids.remove(id);
		}
	}

	/** How many documents of a kind (of one tenant, or of all when null) are left out now. */
	long count(String kind, @Nullable String tenantId) {
		Map<String, String> ids = byKind.getOrDefault(kind, Map.of());
		return tenantId == null ? ids.size() : ids.values().stream().filter(tenantId::equals).count();
	}

	/** How many documents are left out now, by kind (kinds with none left out are not named). */
	Map<String, Integer> counts() {
		Map<String, Integer> counts = new TreeMap<>();
		byKind.forEach((kind, ids) -> {
			if (!ids.isEmpty()) {
				counts.put(kind, ids.size());
			}
		});
		return counts;
	}

}
