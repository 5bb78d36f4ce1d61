package cn.mediagraph.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.account.AccountInputs.ClearLoginThrottleInput;
import cn.mediagraph.account.AccountInputs.ClearLoginThrottlePayload;
import cn.mediagraph.account.AccountInputs.CreateUserInput;
import cn.mediagraph.account.AccountInputs.CreateUserPayload;
import cn.mediagraph.account.AccountInputs.GrantRolesInput;
import cn.mediagraph.account.AccountInputs.GrantRolesPayload;
import cn.mediagraph.account.AccountInputs.LoginInput;
import cn.mediagraph.account.AccountInputs.LoginPayload;
import cn.mediagraph.platform.graphql.NodeResolver;
import cn.mediagraph.platform.security.ClientAddresses;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class AccountController implements NodeResolver {

	private final UserService users;

	private final TenantService tenants;

	AccountController(UserService users, TenantService tenants) {
		this.users = users;
		this.tenants = tenants;
	}

	@MutationMapping
	LoginPayload login(@Argument LoginInput input,
			@ContextValue(name = ClientAddresses.CONTEXT_KEY, required = false) @Nullable String clientAddress) {
		return users.login(input, clientAddress == null ? ClientAddresses.UNKNOWN : clientAddress);
	}

	@MutationMapping
	ClearLoginThrottlePayload clearLoginThrottle(@Argument ClearLoginThrottleInput input) {
		return users.clearLoginThrottle(input);
	}

	@MutationMapping
	CreateUserPayload createUser(@Argument CreateUserInput input) {
		return users.create(input);
	}

	@MutationMapping
	GrantRolesPayload grantRoles(@Argument GrantRolesInput input) {
		return users.grantRoles(input);
	}

	@QueryMapping
	User viewer() {
		return users.viewer();
	}

	@QueryMapping
	List<User> users() {
		return users.users();
	}

	/** A user's media center; null for platform admins. */
	@SchemaMapping
	@Nullable Tenant tenant(User user) {
		return User.PLATFORM.equals(user.tenantId()) ? null : tenants.findOwner(user.tenantId()).orElse(null);
	}

	@Override
	public String typeName() {
		return "User";
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		return users.findVisible(rawIds).stream().collect(Collectors.toMap(User::id, Function.identity()));
	}

}
