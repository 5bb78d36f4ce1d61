package cn.mediagraph.tenant;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.platform.graphql.NodeResolver;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class TenantController implements NodeResolver {

	private final TenantService tenants;

	TenantController(TenantService tenants) {
		this.tenants = tenants;
	}

	@MutationMapping
	CreateTenantPayload createTenant(@Argument CreateTenantInput input) {
		return tenants.create(input);
	}

	@QueryMapping
	List<Tenant> tenants() {
		return tenants.findAll();
	}

	@Override
	public String typeName() {
		return "Tenant";
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		return tenants.findVisible(rawIds).stream().collect(Collectors.toMap(Tenant::id, Function.identity()));
	}

}
