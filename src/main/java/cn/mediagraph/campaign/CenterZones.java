package cn.mediagraph.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.springframework.stereotype.Component;

/**
 * The zone each center counts its days in (the tenant's {@code timeZone}, Asia/Shanghai by
 * default): posts are stored as instants and grouped, limited and shown by local day.
 */
@Component
class CenterZones {

	private final TenantService tenants;

	private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

	CenterZones(TenantService tenants) {
		this.tenants = tenants;
	}

	ZoneId of(String tenantId) {
		return zones.computeIfAbsent(tenantId, id -> tenants.findOwner(id)
			.map(Tenant::timeZone)
			.map(ZoneId::of)
			.orElse(ZoneId.of(TenantService.DEFAULT_TIME_ZONE)));
	}

	/** The local day of an instant in a zone, as yyyy-MM-dd. */
	static String localDay(Instant at, ZoneId zone) {
		return LocalDate.ofInstant(at, zone).toString();
	}

}
