/**
 * Lists and search for every feature: an Apache Lucene index kept beside MongoDB as derived,
 * rebuildable state. Features register their documents as an {@link cn.mediagraph.platform.search.IndexedKind};
 * writes go through {@link cn.mediagraph.platform.search.SearchIndex#write}, which updates the index
 * in the same call, and pages come back from the index with their documents.
 */
@NullMarked
package cn.mediagraph.platform.search;

import org.jspecify.annotations.NullMarked;
