package cn.mediagraph.platform.graphql;

import java.util.Collection;
import java.util.Map;

/**
 * How {@code node(id)} and {@code nodes(ids)} find one GraphQL type's objects. Each feature
 * that owns a type implementing {@code Node} provides one; lookups are tenant-scoped there.
 */
public interface NodeResolver {

	/** The GraphQL type name, as encoded in its global ids. */
	String typeName();

	/** The objects the caller may see among these document ids, by id; unknown ids are absent. */
	Map<String, Object> findAll(Collection<String> rawIds);

}
