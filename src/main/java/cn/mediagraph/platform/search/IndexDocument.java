package cn.mediagraph.platform.search;

import java.time.Instant;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one indexed document, as a feature describes them: keywords (exact values
 * that filter and count as facets), text (searched as phrases), instants (ranges), and the
 * list order. Field names are the feature's own; the index adds its bookkeeping fields.
 */
public final class IndexDocument {

	/** Every document's list order, newest first: an instant, then a number that breaks ties. */
	static final String ORDER_TIME = "_t";

	static final String ORDER_TIE = "_n";

	/** A queue's order, oldest first: when the document joined it, then a tie-breaking number. */
	static final String QUEUE_TIME = "_qt";

	static final String QUEUE_TIE = "_qn";

	private final Document document = new Document();

	private boolean ordered;

	IndexDocument() {
	}

	/** An exact value: filters by {@link SearchQueries#keyword} and counts by facets. Blank is skipped. */
	public IndexDocument keyword(String field, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			document.add(new StringField(field, value, Field.Store.NO));
			document.add(new SortedSetDocValuesField(field, new BytesRef(value)));
		}
		return this;
	}

	/** Text searched by phrase ({@link SearchQueries#phrase}), cut by {@link NewsAnalyzer}. */
	public IndexDocument text(String field, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			document.add(new TextField(field, value, Field.Store.NO));
		}
		return this;
	}

	/** An instant for range filters ({@link SearchQueries#between}). */
	public IndexDocument instant(String field, Instant value) {
		document.add(new LongPoint(field, value.toEpochMilli()));
		return this;
	}

	/**
	 * Where the document stands in its lists, newest first: by {@code time}, then by
	 * {@code tie} (unique within the tenant and kind), so every cursor names one place.
	 */
	public IndexDocument order(Instant time, long tie) {
		long millis = time.toEpochMilli();
		document.add(new NumericDocValuesField(ORDER_TIME, millis));
		document.add(new LongPoint(ORDER_TIME, millis));
		document.add(new NumericDocValuesField(ORDER_TIE, tie));
		ordered = true;
		return this;
	}

	/**
	 * Where the document stands in a queue, oldest first ({@link SearchOrder#QUEUED}): by
	 * {@code time}, then by {@code tie} (unique within the tenant and kind). Only documents
	 * that wait in a queue have it; filter the queue's members, then order by it.
	 */
	public IndexDocument queued(Instant time, long tie) {
		document.add(new NumericDocValuesField(QUEUE_TIME, time.toEpochMilli()));
		document.add(new NumericDocValuesField(QUEUE_TIE, tie));
		return this;
	}

	Document lucene() {
		if (!ordered) {
			throw new IllegalStateException("An indexed document needs its order(time, tie)");
		}
		return document;
	}

}
