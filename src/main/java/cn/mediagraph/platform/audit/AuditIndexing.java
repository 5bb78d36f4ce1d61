package cn.mediagraph.platform.audit;

import cn.mediagraph.platform.search.IndexDocument;
import cn.mediagraph.platform.search.IndexedKind;
import org.springframework.stereotype.Component;

/**
 * Audit entries in the search index, so the log is paged and filtered by user, object, action
 * and time without scanning the collection. Entries never change: version 1 always.
 */
@Component
class AuditIndexing implements IndexedKind<AuditEntry> {

	static final String USER = "user";

	static final String OBJECT = "object";

	static final String ACTION = "action";

	static final String OUTCOME = "outcome";

	static final String AT = "at";

	@Override
	public String name() {
		return "audit";
	}

	@Override
	public Class<AuditEntry> type() {
		return AuditEntry.class;
	}

	@Override
	public int layoutVersion() {
		return 1;
	}

	@Override
	public long version(AuditEntry entry) {
		return 1;
	}

	@Override
	public void describe(AuditEntry entry, IndexDocument into) {
		into.keyword(USER, entry.userId())
			.keyword(ACTION, entry.action())
			.keyword(OUTCOME, entry.outcome().name())
			.instant(AT, entry.at())
			.order(entry.at(), tieBreaker(entry.id()));
		entry.objectIds().forEach(id -> into.keyword(OBJECT, id));
	}

	/** The ObjectId's last eight bytes (time tail, random, counter): unique enough to order by. */
	static long tieBreaker(String id) {
		return Long.parseUnsignedLong(id.substring(id.length() - 16), 16);
	}

}
