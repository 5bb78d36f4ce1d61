package cn.mediagraph.tenant;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.PlatformStore;
import cn.mediagraph.platform.security.CurrentUser;
import org.bson.types.ObjectId;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Media centers: created by the platform admin, each seen by its own users. */
@Service
public class TenantService {

	/** The default zone of a Chinese county: its "day" is China Standard Time's. */
	public static final String DEFAULT_TIME_ZONE = "Asia/Shanghai";

	private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]{1,39}");

	private final PlatformStore store;

	private final Clock clock;

	TenantService(PlatformStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	CreateTenantPayload create(CreateTenantInput input) {
		UserErrors errors = validate(input);
		if (errors.any()) {
			return CreateTenantPayload.failed(errors.list());
		}
		String zone = input.timeZone() == null ? DEFAULT_TIME_ZONE : input.timeZone();
		Tenant tenant = new Tenant(new ObjectId().toHexString(), input.slug(), input.name().strip(), zone,
				clock.instant());
		try {
			return new CreateTenantPayload(store.insert(tenant), List.of());
		}
		catch (DuplicateKeyException ex) {
			return CreateTenantPayload.failed(List.of(UserError.of(UserError.TAKEN,
					"A media center with the slug '" + input.slug() + "' exists", "input", "slug")));
		}
	}

	/** Start-up tasks create tenants with no signed-in user: not reachable from the graph. */
	public Tenant createForBootstrap(String slug, String name, String timeZone) {
		Tenant tenant = new Tenant(new ObjectId().toHexString(), slug, name, timeZone, clock.instant());
		return store.insert(tenant);
	}

	private static UserErrors validate(CreateTenantInput input) {
		UserErrors errors = new UserErrors("input");
		errors.text(input.slug(), 40, "slug")
			.matches(input.slug(), SLUG, "Lowercase letters, digits and '-', starting with a letter, 2–40 long", "slug")
			.text(input.name(), 100, "name");
		if (input.timeZone() != null) {
			try {
				ZoneId.of(input.timeZone());
			}
			catch (DateTimeException ex) {
				errors.add(UserError.INVALID, "Not a time zone id such as Asia/Shanghai", "timeZone");
			}
		}
		return errors;
	}

	/** Every media center's id, for platform-wide maintenance tasks that run with no caller. */
	public List<String> allIds() {
		return store.find(new Query(), Tenant.class).stream().map(Tenant::id).toList();
	}

	/** Whether the platform has any media center yet: demo data loads only into an empty one. */
	public boolean anyExists() {
		return store.findOne(new Query(), Tenant.class).isPresent();
	}

	/** For sign-in, before anybody is authenticated. */
	public Optional<Tenant> findBySlug(String slug) {
		return store.findOne(Query.query(Criteria.where("slug").is(slug)), Tenant.class);
	}

	/**
	 * The tenant that owns an object the caller already holds (a user, a story): no further
	 * check, as reaching the object was the check.
	 */
	public Optional<Tenant> findOwner(String tenantId) {
		return store.findById(tenantId, Tenant.class);
	}

	/** A tenant the caller may see: their own, or any for the platform admin. */
	@PreAuthorize("isAuthenticated()")
	public Optional<Tenant> findVisible(String id) {
		CurrentUser user = CurrentUser.require();
		if (user.tenantId() != null && !user.tenantId().equals(id)) {
			return Optional.empty();
		}
		return store.findById(id, Tenant.class);
	}

	public List<Tenant> findVisible(Collection<String> ids) {
		return ids.stream().distinct().map(this::findVisible).flatMap(Optional::stream).toList();
	}

	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	List<Tenant> findAll() {
		return store.find(new Query().with(Sort.by("slug")), Tenant.class);
	}

	@Bean
	static IndexDeclaration tenantIndexes() {
		return new IndexDeclaration(Tenant.COLLECTION,
				List.of(new Index().on("slug", Sort.Direction.ASC).unique().named("slug")));
	}

}
