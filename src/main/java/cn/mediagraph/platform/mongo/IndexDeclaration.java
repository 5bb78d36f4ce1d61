package cn.mediagraph.platform.mongo;

import java.util.List;

import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/**
 * The indexes a feature's query paths need. Features declare them as beans; {@link MongoStartup}
 * creates them, idempotently, before the app takes requests.
 *
 * @param collection the collection
 * @param indexes its indexes
 */
public record IndexDeclaration(String collection, List<IndexDefinition> indexes) {

	/**
	 * The indexes of a tenant-owned collection, plus the unique {@code (_id, tenantId)} index
	 * that serves every tenant-scoped point lookup from an index on any MongoDB, the embedded
	 * store included, and that is the natural shard key of a multi-tenant cluster.
	 */
	public static IndexDeclaration tenantOwned(String collection, IndexDefinition... indexes) {
		Index tenantId = new Index().on("_id", org.springframework.data.domain.Sort.Direction.ASC)
			.on(TenantOwned.TENANT_FIELD, org.springframework.data.domain.Sort.Direction.ASC)
			.unique()
			.named("tenant_id");
		List<IndexDefinition> all = new java.util.ArrayList<>(List.of(indexes));
		all.add(0, tenantId);
		return new IndexDeclaration(collection, List.copyOf(all));
	}

}
