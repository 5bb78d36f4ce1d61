package cn.mediagraph.tenant;

import java.util.List;

import cn.mediagraph.platform.graphql.UserError;
import org.jspecify.annotations.Nullable;

record CreateTenantPayload(@Nullable Tenant tenant, List<UserError> userErrors) {

	static CreateTenantPayload failed(List<UserError> errors) {
		return new CreateTenantPayload(null, errors);
	}

}
