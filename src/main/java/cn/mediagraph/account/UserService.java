package cn.mediagraph.account;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import cn.mediagraph.account.AccountInputs.ClearLoginThrottleInput;
import cn.mediagraph.account.AccountInputs.ClearLoginThrottlePayload;
import cn.mediagraph.account.AccountInputs.CreateUserInput;
import cn.mediagraph.account.AccountInputs.CreateUserPayload;
import cn.mediagraph.account.AccountInputs.GrantRolesInput;
import cn.mediagraph.account.AccountInputs.GrantRolesPayload;
import cn.mediagraph.account.AccountInputs.LoginInput;
import cn.mediagraph.account.AccountInputs.LoginPayload;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.platform.security.SecurityProperties;
import cn.mediagraph.platform.security.TokenIssuer;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users of a media center: sign-in, creation and roles. */
@Service
public class UserService {

	static final int MIN_PASSWORD = 10;

	/** BCrypt reads this many bytes of a password and refuses more. */
	static final int MAX_PASSWORD_BYTES = 72;

	/** A tenant id no center has (real ones are ObjectIds), for looking up users of an unknown center. */
	private static final String NO_SUCH_TENANT = "_none";

	private static final String DECOY_PASSWORD = "decoy-password-never-valid";

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

	private static final UserError BAD_CREDENTIALS = UserError.of("INVALID_CREDENTIALS",
			"Unknown media center, username or password");

	private final TenantStore store;

	private final TenantService tenants;

	private final PasswordEncoder passwords;

	private final TokenIssuer tokens;

	private final LoginThrottle throttle;

	private final UserMapper mapper;

	private final SecurityProperties properties;

	private final Clock clock;

	/** Hashed once, checked against when the user does not exist, so timing tells nothing. */
	private final String decoyHash;

	UserService(TenantStore store, TenantService tenants, PasswordEncoder passwords, TokenIssuer tokens,
			LoginThrottle throttle, UserMapper mapper, SecurityProperties properties, Clock clock) {
		this.store = store;
		this.tenants = tenants;
		this.passwords = passwords;
		this.tokens = tokens;
		this.throttle = throttle;
		this.mapper = mapper;
		this.properties = properties;
		this.clock = clock;
		this.decoyHash = passwords.encode(DECOY_PASSWORD);
	}

	/**
	 * Signs in. The attempt is counted before anything is looked up, by what was typed, so an
	 * unknown center or user is throttled, answered and timed like a wrong password.
	 */
	LoginPayload login(LoginInput input, String clientAddress) {
		if (!properties.localLogin()) {
			return LoginPayload.failed(UserError.of("LOGIN_DISABLED",
					"Sign in with the configured identity provider; local login is off"));
		}
		if (input.username() == null || input.password() == null) {
			return LoginPayload.failed(BAD_CREDENTIALS);
		}
		String slug = input.tenant() == null ? "" : input.tenant().strip().toLowerCase(Locale.ROOT);
		String username = input.username().strip().toLowerCase(Locale.ROOT);
		LoginThrottle.Attempt attempt = throttle.attempt(slug, username, clientAddress);
		if (attempt.throttled()) {
			return LoginPayload.throttled(attempt.retryAfter());
		}
		Optional<User> user = findForLogin(slug, username);
		if (!passwordMatches(input.password(), user)) {
			return LoginPayload.failed(BAD_CREDENTIALS);
		}
		throttle.succeeded(attempt);
		User signedIn = user.get();
		var token = tokens.issue(signedIn.id(), signedIn.username(), tokenTenant(signedIn), signedIn.roles());
		return new LoginPayload(token.value(), token.expiresAt(), signedIn, null, List.of());
	}

	/** An unknown center is searched for the user too, so that it costs what a known one does. */
	private Optional<User> findForLogin(String slug, String username) {
		String tenantId = slug.isEmpty() ? User.PLATFORM
				: tenants.findBySlug(slug).map(Tenant::id).orElse(NO_SUCH_TENANT);
		return findByUsername(tenantId, username);
	}

	/** Without a user, or with a password BCrypt cannot read, the decoy is checked: the same work, then false. */
	private boolean passwordMatches(String password, Optional<User> user) {
		if (user.isEmpty() || tooLong(password)) {
			passwords.matches(DECOY_PASSWORD, decoyHash);
			return false;
		}
		return passwords.matches(password, user.get().passwordHash());
	}

	/** Whether BCrypt would refuse the password: it reads at most {@value #MAX_PASSWORD_BYTES} bytes. */
	static boolean tooLong(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
	}

	private static void requireStorable(String password) {
		if (tooLong(password)) {
			throw new IllegalArgumentException("A password must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
		}
	}

	/**
	 * Clears a user's sign-in throttle, so it signs in at once from any address: a center's
	 * admin for the users of its center, the platform admin for anyone.
	 */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	ClearLoginThrottlePayload clearLoginThrottle(ClearLoginThrottleInput input) {
		CurrentUser caller = CurrentUser.require();
		Optional<User> user = Optional.ofNullable(input.userId())
			.flatMap(id -> GlobalId.decode(id, "User"))
			.flatMap(id -> findManageable(caller, id));
		if (user.isEmpty()) {
			return ClearLoginThrottlePayload.failed(UserError.of(UserError.NOT_FOUND, "No such user", "input", "userId"));
		}
		throttle.clear(slugOf(user.get()), user.get().username());
		return new ClearLoginThrottlePayload(user.get(), List.of());
	}

	/** What the user types as the center when signing in: the slug, or nothing for platform admins. */
	private String slugOf(User user) {
		if (User.PLATFORM.equals(user.tenantId())) {
			return "";
		}
		return tenants.findOwner(user.tenantId()).map(Tenant::slug).orElse("");
	}

	private static @Nullable String tokenTenant(User user) {
		return User.PLATFORM.equals(user.tenantId()) ? null : user.tenantId();
	}

	private Optional<User> findByUsername(String tenantId, String username) {
		return store.forTenant(tenantId).findOne(Query.query(Criteria.where("username").is(username)), User.class);
	}

	/**
	 * A tenant admin creates users in their own center; the platform admin in any center
	 * ({@code tenantId}), or, naming none, other platform admins.
	 */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	CreateUserPayload create(CreateUserInput input) {
		CurrentUser caller = CurrentUser.require();
		UserErrors errors = validate(input);
		Optional<String> tenantId = targetTenant(caller, input.tenantId(), errors);
		if (errors.any() || tenantId.isEmpty()) {
			return CreateUserPayload.failed(errors.list());
		}
		Set<Role> roles = roles(input.roles());
		checkGrantable(caller, tenantId.get(), roles, errors);
		if (errors.any()) {
			return CreateUserPayload.failed(errors.list());
		}
		User user = mapper.toUser(input, new ObjectId().toHexString(), tenantId.get(),
				passwords.encode(input.password()), roles, clock.instant());
		try {
			return new CreateUserPayload(store.forTenant(tenantId.get()).insert(user), List.of());
		}
		catch (DuplicateKeyException ex) {
			return CreateUserPayload.failed(List.of(UserError.of(UserError.TAKEN,
					"The username '" + user.username() + "' is taken in this media center", "input", "username")));
		}
	}

	private static UserErrors validate(CreateUserInput input) {
		UserErrors errors = new UserErrors("input");
		errors.text(input.username(), 40, "username")
			.matches(input.username() == null ? null : input.username().strip().toLowerCase(Locale.ROOT), USERNAME,
					"Letters, digits, '.', '_' and '-', 2–40 long", "username")
			.text(input.displayName(), 60, "displayName")
			.utf8Text(input.password(), MAX_PASSWORD_BYTES, "password");
		if (input.password() != null && input.password().length() < MIN_PASSWORD) {
			errors.add(UserError.INVALID, "At least " + MIN_PASSWORD + " characters", "password");
		}
		if (input.roles() == null || input.roles().isEmpty()) {
			errors.add(UserError.REQUIRED, "Give at least one role", "roles");
		}
		return errors;
	}

	private Optional<String> targetTenant(CurrentUser caller, @Nullable String globalTenantId, UserErrors errors) {
		if (!caller.has(Role.PLATFORM_ADMIN)) {
			String own = caller.requireTenantId();
			if (globalTenantId != null && !GlobalId.decode(globalTenantId, "Tenant").map(own::equals).orElse(false)) {
				errors.add(UserError.NOT_FOUND, "No such media center", "tenantId");
				return Optional.empty();
			}
			return Optional.of(own);
		}
		if (globalTenantId == null) {
			return Optional.of(User.PLATFORM);
		}
		Optional<String> tenantId = GlobalId.decode(globalTenantId, "Tenant").flatMap(tenants::findVisible)
			.map(Tenant::id);
		if (tenantId.isEmpty()) {
			errors.add(UserError.NOT_FOUND, "No such media center", "tenantId");
		}
		return tenantId;
	}

	/** Platform admins exist only outside tenants, and only a platform admin makes one. */
	private static void checkGrantable(CurrentUser caller, String tenantId, Set<Role> roles, UserErrors errors) {
		boolean platform = User.PLATFORM.equals(tenantId);
		if (platform != roles.contains(Role.PLATFORM_ADMIN) || (platform && roles.size() > 1)) {
			errors.add(UserError.INVALID, platform ? "Users outside a media center can only be PLATFORM_ADMIN"
					: "PLATFORM_ADMIN is not a role inside a media center", "roles");
		}
		if (platform && !caller.has(Role.PLATFORM_ADMIN)) {
			errors.add(UserError.FORBIDDEN, "Only a platform admin creates platform admins", "roles");
		}
	}

	/** Adds roles to a user of the caller's center (a platform admin: of any center). */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	GrantRolesPayload grantRoles(GrantRolesInput input) {
		CurrentUser caller = CurrentUser.require();
		if (input.roles() == null || input.roles().isEmpty()) {
			return GrantRolesPayload.failed(UserError.of(UserError.REQUIRED, "Give at least one role", "input", "roles"));
		}
		Optional<User> user = Optional.ofNullable(input.userId())
			.flatMap(id -> GlobalId.decode(id, "User"))
			.flatMap(id -> findManageable(caller, id));
		if (user.isEmpty()) {
			return GrantRolesPayload.failed(UserError.of(UserError.NOT_FOUND, "No such user", "input", "userId"));
		}
		Set<Role> roles = roles(user.get().roles());
		roles.addAll(input.roles());
		UserErrors errors = new UserErrors("input");
		checkGrantable(caller, user.get().tenantId(), roles, errors);
		if (errors.any()) {
			return new GrantRolesPayload(null, errors.list());
		}
		User updated = store.forTenant(user.get().tenantId())
			.update(user.get().id(), new Update().set("roles", roles), User.class)
			.orElseThrow();
		return new GrantRolesPayload(updated, List.of());
	}

	private Optional<User> findManageable(CurrentUser caller, String userId) {
		if (caller.tenantId() != null) {
			return store.forTenant(caller.tenantId()).findById(userId, User.class);
		}
		// The platform admin's token names no tenant: find the user by id alone, then read it in its tenant.
		return store.forTenant(User.PLATFORM).findById(userId, User.class).or(() -> findAnyTenant(userId));
	}

	private Optional<User> findAnyTenant(String userId) {
		return store.findAnyTenantById(userId, User.class);
	}

	private static Set<Role> roles(@Nullable Collection<Role> roles) {
		Set<Role> set = EnumSet.noneOf(Role.class);
		if (roles != null) {
			set.addAll(roles);
		}
		return set;
	}

	@PreAuthorize("isAuthenticated()")
	User viewer() {
		CurrentUser caller = CurrentUser.require();
		String tenantId = caller.tenantId() == null ? User.PLATFORM : caller.tenantId();
		return store.forTenant(tenantId)
			.findById(caller.userId(), User.class)
			.orElseThrow(() -> new cn.mediagraph.platform.graphql.NotFoundException("Your user no longer exists"));
	}

	/** The users of the caller's center, by username. */
	@PreAuthorize("hasAnyRole('ADMIN', 'CHIEF_EDITOR')")
	List<User> users() {
		return store.current().find(new Query().with(Sort.by("username")).limit(1000), User.class);
	}

	/** Users the caller may see, for node lookups: those of the caller's own center. */
	@PreAuthorize("isAuthenticated()")
	List<User> findVisible(Collection<String> ids) {
		CurrentUser caller = CurrentUser.require();
		String tenantId = caller.tenantId() == null ? User.PLATFORM : caller.tenantId();
		return store.forTenant(tenantId).findAllById(ids, User.class);
	}

	/** Start-up: the platform admin {@code admin}, when none exists yet. */
	public boolean createPlatformAdminIfNone(String password) {
		requireStorable(password);
		var platform = store.forTenant(User.PLATFORM);
		if (platform.exists(new Query(), User.class)) {
			return false;
		}
		platform.insert(new User(new ObjectId().toHexString(), User.PLATFORM, "admin", "Platform admin",
				passwords.encode(password), EnumSet.of(Role.PLATFORM_ADMIN), clock.instant()));
		return true;
	}

	/**
	 * Start-up and demo data: a user of a tenant, written with no signed-in caller.
	 *
	 * @return the new user's id
	 */
	public String createForBootstrap(String tenantId, String username, String displayName, String password,
			Set<Role> roles) {
		requireStorable(password);
		return store.forTenant(tenantId)
			.insert(new User(new ObjectId().toHexString(), tenantId, username, displayName, passwords.encode(password),
					roles, clock.instant()))
			.id();
	}

	/**
	 * Demo data: the user with this name in the tenant, with a new password, created when it
	 * is not there yet (a demo interrupted before its passwords were shown gets new ones).
	 *
	 * @return the user's id
	 */
	public String ensureForBootstrap(String tenantId, String username, String displayName, String password,
			Set<Role> roles) {
		requireStorable(password);
		var scope = store.forTenant(tenantId);
		Optional<User> existing = scope.findOne(Query.query(Criteria.where("username").is(username)), User.class);
		if (existing.isEmpty()) {
			return createForBootstrap(tenantId, username, displayName, password, roles);
		}
		scope.update(existing.get().id(), new Update().set("passwordHash", passwords.encode(password)), User.class);
		return existing.get().id();
	}

	@org.springframework.context.annotation.Bean
	static IndexDeclaration userIndexes() {
		return IndexDeclaration.tenantOwned(User.COLLECTION, new Index().on("tenantId", Sort.Direction.ASC)
			.on("username", Sort.Direction.ASC)
			.unique()
			.named("tenant_username"));
	}

}
