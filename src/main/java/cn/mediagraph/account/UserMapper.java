package cn.mediagraph.account;

import java.time.Instant;
import java.util.Set;

import cn.mediagraph.account.AccountInputs.CreateUserInput;
import cn.mediagraph.platform.mapping.MappingConfig;
import cn.mediagraph.platform.security.Role;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

@Mapper(config = MappingConfig.class)
interface UserMapper {

	@Mapping(target = "username", expression = "java(input.username().strip().toLowerCase(java.util.Locale.ROOT))")
	@Mapping(target = "displayName", expression = "java(input.displayName().strip())")
	@Mapping(target = "tenantId", expression = "java(tenantId)")
	@Mapping(target = "roles", expression = "java(roles)")
	User toUser(CreateUserInput input, String id, String tenantId, String passwordHash, Set<Role> roles,
			Instant createdAt);

}
