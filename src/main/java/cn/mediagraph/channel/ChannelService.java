package cn.mediagraph.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.channel.ChannelInputs.ChannelFilter;
import cn.mediagraph.channel.ChannelInputs.ChannelPayload;
import cn.mediagraph.channel.ChannelInputs.CreateChannelInput;
import cn.mediagraph.channel.ChannelInputs.UpdateChannelInput;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.KeysetPager;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The channels of the caller's media center. Everyone in the center reads them; admins and
 * the chief editor manage them. A channel is deactivated, never deleted: stories keep
 * pointing at where they ran.
 */
@Service
public class ChannelService {

	static final String NODE_TYPE = "Channel";

	private static final KeysetPager<Channel> BY_NAME = new KeysetPager<>(Channel.class, "name", Direction.ASC,
			Channel::name);

	private final TenantStore store;

	private final ChannelMapper mapper;

	private final Clock clock;

	private final SearchIndex index;

	private final ChannelIndexing indexing;

	ChannelService(TenantStore store, ChannelMapper mapper, Clock clock, SearchIndex index, ChannelIndexing indexing) {
		this.store = store;
		this.mapper = mapper;
		this.clock = clock;
		this.index = index;
		this.indexing = indexing;
	}

	/**
	 * The caller's channels among these ids, as the search index holds them: what a page of
	 * stories shows, with no database command. Unknown ids are left out.
	 */
	@PreAuthorize("isAuthenticated()")
	public List<Channel> findAllById(Collection<String> ids) {
		return index.byIds(indexing, store.current().tenantId(), ids);
	}

	/**
	 * The caller's channels among these ids, read from the database in one command: for
	 * checking the channels a write names.
	 */
	@PreAuthorize("isAuthenticated()")
	public List<Channel> findExisting(Collection<String> ids) {
		return store.current().findAllById(ids, Channel.class);
	}

	@PreAuthorize("isAuthenticated()")
	Optional<Channel> channel(String globalId) {
		return GlobalId.decode(globalId, NODE_TYPE).flatMap(id -> store.current().findById(id, Channel.class));
	}

	/** The caller's channels by name, filtered. */
	@PreAuthorize("isAuthenticated()")
	Connection<Channel> channels(@Nullable ChannelFilter filter, PageRequest page) {
		Query query = new Query();
		if (filter != null) {
			equal(query, "platform", filter.platform());
			equal(query, "medium", filter.medium());
			equal(query, "active", filter.active());
		}
		return BY_NAME.page(store.current(), query, page);
	}

	private static void equal(Query query, String field, @Nullable Object value) {
		if (value != null) {
			query.addCriteria(Criteria.where(field).is(value));
		}
	}

	@PreAuthorize("hasAnyRole('ADMIN', 'CHIEF_EDITOR')")
	ChannelPayload create(CreateChannelInput input) {
		UserErrors errors = ChannelRules.check(input.name(), input.platform(), input.medium(), input.handle(),
				input.maxPostsPerDay(), true);
		if (!errors.any() && !ChannelRules.fits(input.platform(), input.medium())) {
			errors.addAll(List.of(ChannelRules.misfit(input.platform(), input.medium())));
		}
		if (errors.any()) {
			return ChannelPayload.failed(errors.list());
		}
		TenantStore.Scope scope = store.current();
		Channel channel = mapper.toChannel(input, new ObjectId().toHexString(), scope.tenantId(), clock.instant());
		try {
			return new ChannelPayload(index.write(indexing, channel.id(), () -> Optional.of(scope.insert(channel))).orElseThrow(),
					List.of());
		}
		catch (DuplicateKeyException ex) {
			return ChannelPayload.failed(List.of(taken(channel.name())));
		}
	}

	/** Changes the given fields; the platform and medium must still fit together afterwards. */
	@PreAuthorize("hasAnyRole('ADMIN', 'CHIEF_EDITOR')")
	ChannelPayload update(UpdateChannelInput input) {
		TenantStore.Scope scope = store.current();
		Optional<Channel> current = Optional.ofNullable(input.id())
			.flatMap(id -> GlobalId.decode(id, NODE_TYPE))
			.flatMap(id -> scope.findById(id, Channel.class));
		if (current.isEmpty()) {
			return ChannelPayload.failed(List.of(notFound()));
		}
		UserErrors errors = ChannelRules.check(input.name(), null, null, input.handle(), input.maxPostsPerDay(), false);
		Platform platform = input.platform() != null ? input.platform() : current.get().platform();
		Medium medium = input.medium() != null ? input.medium() : current.get().medium();
		if (!ChannelRules.fits(platform, medium)) {
			errors.addAll(List.of(ChannelRules.misfit(platform, medium)));
		}
		Optional<ChannelDelivery> delivery = Optional.empty();
		if (input.delivery() != null) {
			delivery = Optional.of(ChannelRules.delivery(input.delivery(), scope.tenantId(), current.get().id(),
					scope.findById(current.get().id(), ChannelDelivery.class), clock.instant(), errors));
		}
		if (errors.any()) {
			return ChannelPayload.failed(errors.list());
		}
		delivery.ifPresent(settings -> scope.upsertWithoutResult(settings.id(), ChannelRules.write(settings), ChannelDelivery.class));
		return write(scope, current.get().id(), changes(input, platform, medium), input.name());
	}

	/**
	 * How a channel's posts go out, with the secret: for the publisher, which runs with no
	 * signed-in caller. Empty until set.
	 */
	public Optional<ChannelDelivery> deliveryForPublisher(String tenantId, String channelId) {
		return store.forTenant(tenantId).findById(channelId, ChannelDelivery.class);
	}

	/** A channel of a tenant, from the database: for the publisher, which runs with no signed-in caller. */
	public Optional<Channel> channelForPublisher(String tenantId, String channelId) {
		return store.forTenant(tenantId).findById(channelId, Channel.class);
	}

	/** The delivery settings the API shows (never the secret): admins and the chief editor only. */
	@PreAuthorize("isAuthenticated()")
	Optional<ChannelDelivery.View> delivery(Channel channel) {
		if (!cn.mediagraph.platform.security.CurrentUser.require().has(cn.mediagraph.platform.security.Role.ADMIN)
				&& !cn.mediagraph.platform.security.CurrentUser.require().has(cn.mediagraph.platform.security.Role.CHIEF_EDITOR)) {
			return Optional.empty();
		}
		return store.current().findById(channel.id(), ChannelDelivery.class).map(ChannelDelivery::view);
	}

	/** Demo data: a channel's delivery settings, written with no signed-in caller. */
	public void setDeliveryForBootstrap(String tenantId, String channelId, DeliveryMode mode, @Nullable String webhookUrl,
			@Nullable String secret) {
		ChannelDelivery settings = new ChannelDelivery(channelId, tenantId, mode, webhookUrl, secret, clock.instant());
		store.forTenant(tenantId).upsertWithoutResult(channelId, ChannelRules.write(settings), ChannelDelivery.class);
	}

	private Update changes(UpdateChannelInput input, Platform platform, Medium medium) {
		Update update = new Update().set("updatedAt", clock.instant()).set("platform", platform).set("medium", medium);
		if (input.name() != null) {
			update.set("name", input.name().strip());
		}
		if (input.handle() != null) {
			update.set("handle", blankToNull(input.handle()));
		}
		if (input.maxPostsPerDay() != null) {
			update.set("maxPostsPerDay", input.maxPostsPerDay());
		}
		if (input.active() != null) {
			update.set("active", input.active());
		}
		return update;
	}

	/** Stops new posts to the channel; what ran there stays linked to it. */
	@PreAuthorize("hasAnyRole('ADMIN', 'CHIEF_EDITOR')")
	ChannelPayload deactivate(@Nullable String globalId) {
		Optional<String> id = Optional.ofNullable(globalId).flatMap(g -> GlobalId.decode(g, NODE_TYPE));
		if (id.isEmpty()) {
			return ChannelPayload.failed(List.of(notFound()));
		}
		return write(store.current(), id.get(), new Update().set("active", false).set("updatedAt", clock.instant()), null);
	}

	private ChannelPayload write(TenantStore.Scope scope, String id, Update update, @Nullable String name) {
		try {
			return index.write(indexing, id, () -> scope.update(id, update, Channel.class))
				.map(channel -> new ChannelPayload(channel, List.of()))
				.orElseGet(() -> ChannelPayload.failed(List.of(notFound())));
		}
		catch (DuplicateKeyException ex) {
			return ChannelPayload.failed(List.of(taken(name)));
		}
	}

	private static UserError notFound() {
		return UserError.of(UserError.NOT_FOUND, "No such channel in this media center", "input", "id");
	}

	private static UserError taken(@Nullable String name) {
		return UserError.of(UserError.TAKEN, "This media center already has a channel named '" + name + "'", "input",
				"name");
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/** Start-up and demo data: a channel of a tenant, written with no signed-in caller. */
	public Channel createForBootstrap(String tenantId, String name, Platform platform, Medium medium,
			@Nullable String handle, @Nullable Integer maxPostsPerDay, boolean active) {
		Instant now = clock.instant();
		Channel channel = new Channel(new ObjectId().toHexString(), tenantId, name, platform, medium, handle, active,
				maxPostsPerDay, now, now);
		return index.write(indexing, channel.id(), () -> Optional.of(store.forTenant(tenantId).insert(channel)))
			.orElseThrow();
	}

	/** Demo data: the channel with this name in the center, created when it is not there yet. */
	public Channel ensureForBootstrap(String tenantId, String name, Platform platform, Medium medium,
			@Nullable String handle, @Nullable Integer maxPostsPerDay, boolean active) {
		return store.forTenant(tenantId)
			.findOne(Query.query(Criteria.where("name").is(name)), Channel.class)
			.orElseGet(() -> createForBootstrap(tenantId, name, platform, medium, handle, maxPostsPerDay, active));
	}

	/** Names are unique in a center; the list pages by name. */
	@Bean
	static IndexDeclaration channelIndexes() {
		return IndexDeclaration.tenantOwned(Channel.COLLECTION,
				new Index().on("tenantId", Direction.ASC).on("name", Direction.ASC).unique().named("tenant_name"));
	}

}
