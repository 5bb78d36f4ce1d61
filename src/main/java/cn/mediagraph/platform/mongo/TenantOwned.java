package cn.mediagraph.platform.mongo;

/**
 * A document that belongs to one media center. {@link TenantStore} only hands out and writes
 * documents of the caller's tenant.
 */
public interface TenantOwned {

	/** The field every tenant-owned document carries. */
	String TENANT_FIELD = "tenantId";

	String id();

	String tenantId();

}
