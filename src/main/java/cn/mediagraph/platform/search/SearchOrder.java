package cn.mediagraph.platform.search;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** How a list is ordered. */
public enum SearchOrder {

	/** Newest first (the index's own order, so the first page stops reading early). */
	NEWEST(LuceneStore.NEWEST),

	/** Best text match first, then newest. Without a text query, the same as newest. */
	RELEVANCE(new Sort(SortField.FIELD_SCORE, LuceneStore.NEWEST.getSort()[0], LuceneStore.NEWEST.getSort()[1])),

	/** Oldest first by the time documents joined their queue ({@link IndexDocument#queued}). */
	QUEUED(new Sort(new SortField(IndexDocument.QUEUE_TIME, SortField.Type.LONG, false),
			new SortField(IndexDocument.QUEUE_TIE, SortField.Type.LONG, false)));

	private final Sort forward;

	private final Sort backward;

	SearchOrder(Sort forward) {
		this.forward = forward;
		SortField[] reversed = forward.getSort().clone();
		for (int i = 0; i < reversed.length; i++) {
			SortField field = reversed[i];
			reversed[i] = new SortField(field.getField(), field.getType(), !field.getReverse());
		}
		this.backward = new Sort(reversed);
	}

	Sort sort(boolean forwards) {
		return forwards ? forward : backward;
	}

}
