package cn.mediagraph.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import cn.mediagraph.platform.security.Role;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * GraphQL clients the way users meet the API: anonymous, or signed in with a token that
 * {@code login} returned. {@link #newCenter()} makes a fresh media center with one user per
 * role, so each test works on data no other test sees.
 */
@TestComponent
public class GraphQlClients {

	public static final String ADMIN_PASSWORD = "platform-admin-secret";

	public static final String PASSWORD = "correct horse battery";

	private final HttpGraphQlTester anonymous;

	private final AtomicReference<HttpGraphQlTester> platformAdmin = new AtomicReference<>();

	GraphQlClients(HttpGraphQlTester anonymous) {
		this.anonymous = anonymous;
	}

	public HttpGraphQlTester anonymous() {
		return anonymous;
	}

	public HttpGraphQlTester withToken(String token) {
		return anonymous.mutate().headers(headers -> headers.setBearerAuth(token)).build();
	}

	/** Signs in and returns the token; fails the test when sign-in fails. */
	public String login(String tenantSlug, String username, String password) {
		return anonymous.documentName("login")
			.variable("input", Map.of("tenant", tenantSlug == null ? "" : tenantSlug, "username", username,
					"password", password))
			.execute()
			.path("login.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("login.token")
			.entity(String.class)
			.get();
	}

	public HttpGraphQlTester platformAdmin() {
		return platformAdmin.updateAndGet(current -> current != null ? current
				: withToken(login(null, "admin", ADMIN_PASSWORD)));
	}

	/** A new media center with one user per tenant role, all with {@link #PASSWORD}. */
	public TestCenter newCenter() {
		String slug = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String tenantId = platformAdmin().documentName("createTenant")
			.variable("input", Map.of("slug", slug, "name", "测试县融媒体中心 " + slug, "timeZone", "Asia/Shanghai"))
			.execute()
			.path("createTenant.tenant.id")
			.entity(String.class)
			.get();
		Map<Role, HttpGraphQlTester> testers = new EnumMap<>(Role.class);
		Map<Role, String> tokens = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			if (role == Role.PLATFORM_ADMIN) {
				continue;
			}
			String username = role.name().toLowerCase().replace('_', '-');
			platformAdmin().documentName("createUser")
				.variable("input", Map.of("tenantId", tenantId, "username", username, "displayName", role.name(),
						"password", PASSWORD, "roles", List.of(role.name())))
				.execute()
				.path("createUser.userErrors")
				.entityList(Object.class)
				.hasSize(0);
			tokens.put(role, login(slug, username, PASSWORD));
			testers.put(role, withToken(tokens.get(role)));
		}
		return new TestCenter(tenantId, slug, testers, tokens);
	}

	/**
	 * A media center made for one test.
	 *
	 * @param tenantId its global id
	 * @param slug its sign-in slug
	 * @param testers a signed-in client per role
	 * @param tokens the bearer token of each role, for the HTTP endpoints beside the graph
	 */
	public record TestCenter(String tenantId, String slug, Map<Role, HttpGraphQlTester> testers,
			Map<Role, String> tokens) {

		public HttpGraphQlTester as(Role role) {
			return testers.get(role);
		}

		public String token(Role role) {
			return tokens.get(role);
		}

	}

}
