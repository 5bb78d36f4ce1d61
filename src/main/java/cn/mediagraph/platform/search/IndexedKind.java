package cn.mediagraph.platform.search;

import cn.mediagraph.platform.mongo.TenantOwned;

/**
 * A kind of tenant-owned MongoDB document that the {@link SearchIndex} lists and searches.
 * Features declare theirs as beans; the index rebuilds, reconciles and follows every kind
 * declared. Each indexed document keeps a copy of itself in the index (as JSON), so a page of
 * a list is served by the index alone; a document's detail is read from MongoDB.
 *
 * @param <T> the document type, mapped to its collection by Spring Data
 */
public interface IndexedKind<T extends TenantOwned> {

	/** A short, stable name, e.g. {@code story}: it is part of every index key. */
	String name();

	/** The MongoDB document type. */
	Class<T> type();

	/**
	 * The layout version of {@link #describe}: raise it whenever the fields change, and every
	 * index built with the old layout is rebuilt from MongoDB at the next start.
	 */
	int layoutVersion();

	/**
	 * A number that rises with every write of a document (a revision), so that a restart after
	 * a crash can tell which index entries are behind MongoDB.
	 */
	long version(T document);

	/** The document's searchable, filterable and sortable fields. */
	void describe(T document, IndexDocument into);

}
