package cn.mediagraph.account;

import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AccountIntegrationTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	GraphQlSource graphQlSource;

	@Test
	void theAccountSchemaIsDescribedThroughout() {
		GraphQLSchema schema = graphQlSource.schema();
		List<String> undescribed = new java.util.ArrayList<>();
		for (String name : List.of("User", "Role", "LoginInput", "LoginPayload", "CreateUserInput", "CreateUserPayload",
				"GrantRolesInput", "GrantRolesPayload", "ClearLoginThrottleInput", "ClearLoginThrottlePayload")) {
			GraphQLNamedType type = (GraphQLNamedType) schema.getType(name);
			assertThat(type).as(name).isNotNull();
			describe(type.getDescription(), name, undescribed);
			if (type instanceof GraphQLObjectType object) {
				object.getFieldDefinitions().forEach(f -> describe(f.getDescription(), name + "." + f.getName(), undescribed));
			}
			if (type instanceof GraphQLInputObjectType input) {
				input.getFieldDefinitions().forEach(f -> describe(f.getDescription(), name + "." + f.getName(), undescribed));
			}
			if (type instanceof GraphQLEnumType enumType) {
				enumType.getValues().forEach(v -> describe(v.getDescription(), name + "." + v.getName(), undescribed));
			}
		}
		for (String field : List.of("login", "createUser", "grantRoles", "clearLoginThrottle")) {
			describe(schema.getMutationType().getFieldDefinition(field).getDescription(), "Mutation." + field, undescribed);
		}
		assertThat(undescribed).isEmpty();
	}

	private static void describe(String description, String path, List<String> undescribed) {
		if (description == null || description.isBlank()) {
			undescribed.add(path);
		}
	}

	@Test
	void signedInUserSeesItselfWithItsRolesAndCenter() {
		TestCenter center = clients.newCenter();
		center.as(Role.SENIOR_EDITOR)
			.documentName("viewer")
			.execute()
			.path("viewer.username")
			.entity(String.class)
			.isEqualTo("senior-editor")
			.path("viewer.roles")
			.entityList(String.class)
			.containsExactly("SENIOR_EDITOR")
			.path("viewer.tenant.slug")
			.entity(String.class)
			.isEqualTo(center.slug());
	}

	@Test
	void everythingButLoginNeedsSignIn() {
		clients.anonymous().documentName("viewer").execute().errors().satisfy(errors -> {
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.UNAUTHORIZED);
		});
	}

	@Test
	void wrongPasswordUnknownUserAndUnknownCenterLookAlike() {
		TestCenter center = clients.newCenter();
		List<Map<String, String>> attempts = List.of(Map.of("tenant", center.slug(), "username", "editor", "password", "wrong password!"),
				Map.of("tenant", center.slug(), "username", "nobody", "password", GraphQlClients.PASSWORD),
				Map.of("tenant", "no-such-center", "username", "editor", "password", GraphQlClients.PASSWORD));
		for (Map<String, String> input : attempts) {
			clients.anonymous()
				.documentName("login")
				.variable("input", input)
				.execute()
				.path("login.token")
				.valueIsNull()
				.path("login.userErrors[0].code")
				.entity(String.class)
				.isEqualTo("INVALID_CREDENTIALS");
		}
	}

	@Test
	void repeatedFailuresFromOneAddressDelayEvenTheRightPassword() {
		TestCenter center = clients.newCenter();
		Map<String, String> wrong = Map.of("tenant", center.slug(), "username", "analyst", "password", "not the password");
		for (int i = 0; i < 3; i++) {
			clients.anonymous().documentName("login").variable("input", wrong).execute();
		}
		clients.anonymous()
			.documentName("login")
			.variable("input", Map.of("tenant", center.slug(), "username", "analyst", "password", GraphQlClients.PASSWORD))
			.execute()
			.path("login.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("THROTTLED");
		// another username of the same center is not affected
		assertThat(clients.login(center.slug(), "editor", GraphQlClients.PASSWORD)).isNotBlank();
	}

	/** BCrypt reads 72 bytes: a longer password is refused when set and simply fails sign-in. */
	@Test
	void passwordsLongerThan72BytesAreUserErrorsNotInternalErrors() {
		TestCenter center = clients.newCenter();
		String seventyTwoBytes = "密".repeat(24);
		String seventyThreeBytes = "a" + seventyTwoBytes;
		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "longpass", "displayName", "长密码", "password", seventyThreeBytes,
					"roles", List.of("REPORTER")))
			.execute()
			.path("createUser.user")
			.valueIsNull()
			.path("createUser.userErrors[0].field")
			.entityList(String.class)
			.containsExactly("input", "password")
			.path("createUser.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("TOO_LONG");
		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "longpass", "displayName", "长密码", "password", seventyTwoBytes,
					"roles", List.of("REPORTER")))
			.execute()
			.path("createUser.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		assertThat(clients.login(center.slug(), "longpass", seventyTwoBytes)).isNotBlank();

		clients.anonymous()
			.documentName("login")
			.variable("input", Map.of("tenant", center.slug(), "username", "longpass", "password", "x".repeat(200)))
			.execute()
			.errors()
			.verify()
			.path("login.token")
			.valueIsNull()
			.path("login.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID_CREDENTIALS");
	}

	@Test
	void tenantAdminCreatesUsersInItsOwnCenterWithTypedErrors() {
		TestCenter center = clients.newCenter();
		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "x", "displayName", " ", "password", "short", "roles", List.of()))
			.execute()
			.path("createUser.user")
			.valueIsNull()
			.path("createUser.userErrors[*].field[1]")
			.entityList(String.class)
			.contains("username", "displayName", "password", "roles");

		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "Wang.Li", "displayName", "王丽", "password", "a long enough password",
					"roles", List.of("REPORTER")))
			.execute()
			.path("createUser.user.username")
			.entity(String.class)
			.isEqualTo("wang.li")
			.path("createUser.user.tenant.slug")
			.entity(String.class)
			.isEqualTo(center.slug());

		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "wang.li", "displayName", "王丽", "password", "a long enough password",
					"roles", List.of("REPORTER")))
			.execute()
			.path("createUser.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("TAKEN");
		assertThat(clients.login(center.slug(), "WANG.LI", "a long enough password")).isNotBlank();
	}

	@Test
	void onlyAdminsCreateUsersAndNobodyInACenterMakesPlatformAdmins() {
		TestCenter center = clients.newCenter();
		center.as(Role.CHIEF_EDITOR)
			.documentName("createUser")
			.variable("input", Map.of("username", "someone", "displayName", "某人", "password", "a long enough password",
					"roles", List.of("EDITOR")))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		center.as(Role.ADMIN)
			.documentName("createUser")
			.variable("input", Map.of("username", "boss", "displayName", "Boss", "password", "a long enough password",
					"roles", List.of("PLATFORM_ADMIN")))
			.execute()
			.path("createUser.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("INVALID");
	}

	@Test
	void grantRolesAddsToTheRolesAUserHas() {
		TestCenter center = clients.newCenter();
		String reporterId = center.as(Role.REPORTER)
			.documentName("viewer")
			.execute()
			.path("viewer.id")
			.entity(String.class)
			.get();
		center.as(Role.ADMIN)
			.documentName("grantRoles")
			.variable("input", Map.of("userId", reporterId, "roles", List.of("ANALYST")))
			.execute()
			.path("grantRoles.user.roles")
			.entityList(String.class)
			.contains("REPORTER", "ANALYST");
		// another center's admin cannot see that user at all
		clients.newCenter()
			.as(Role.ADMIN)
			.documentName("grantRoles")
			.variable("input", Map.of("userId", reporterId, "roles", List.of("ADMIN")))
			.execute()
			.path("grantRoles.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void onlyThePlatformAdminCreatesCenters() {
		TestCenter center = clients.newCenter();
		center.as(Role.ADMIN)
			.documentName("createTenant")
			.variable("input", Map.of("slug", "rogue", "name", "Rogue"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.FORBIDDEN));
		clients.platformAdmin()
			.documentName("createTenant")
			.variable("input", Map.of("slug", center.slug(), "name", "Again", "timeZone", "Mars/Olympus"))
			.execute()
			.path("createTenant.userErrors[*].code")
			.entityList(String.class)
			.containsExactly("INVALID");
		clients.platformAdmin()
			.documentName("createTenant")
			.variable("input", Map.of("slug", center.slug(), "name", "Again"))
			.execute()
			.path("createTenant.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("TAKEN");
	}

}
