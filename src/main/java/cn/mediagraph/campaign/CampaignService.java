package cn.mediagraph.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import cn.mediagraph.campaign.CampaignInputs.CampaignFilter;
import cn.mediagraph.campaign.CampaignInputs.CampaignPayload;
import cn.mediagraph.campaign.CampaignInputs.CreateCampaignInput;
import cn.mediagraph.campaign.CampaignInputs.UpdateCampaignInput;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.platform.search.SearchOrder;
import cn.mediagraph.platform.search.SearchQueries;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.text.CleanText;
import org.apache.lucene.search.Query;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The campaigns of the caller's media center. Everyone in the center reads them; editors and
 * up plan, change and cancel them. Lists come from the search index.
 */
@Service
public class CampaignService {

	static final String NODE_TYPE = "Campaign";

	private static final String REVISION = "revision";

	private final TenantStore store;

	private final SearchIndex index;

	private final CampaignIndexing indexing;

	private final ChannelService channels;

	private final Clock clock;

	CampaignService(TenantStore store, SearchIndex index, CampaignIndexing indexing, ChannelService channels,
			Clock clock) {
		this.store = store;
		this.index = index;
		this.indexing = indexing;
		this.channels = channels;
		this.clock = clock;
	}

	@PreAuthorize("isAuthenticated()")
	Optional<Campaign> campaign(String globalId) {
		return GlobalId.decode(globalId, NODE_TYPE).flatMap(id -> store.current().findById(id, Campaign.class));
	}

	/** For {@code node(id)} and a page of posts: the caller's campaigns among these ids, from the index. */
	@PreAuthorize("isAuthenticated()")
	List<Campaign> findVisible(Collection<String> rawIds) {
		return index.byIds(indexing, store.current().tenantId(), rawIds);
	}

	/** The caller's campaigns, latest start first, filtered, from the index. */
	@PreAuthorize("isAuthenticated()")
	Connection<Campaign> campaigns(@Nullable CampaignFilter filter, PageRequest page) {
		String tenantId = store.current().tenantId();
		Optional<Query> query = query(filter, clock.instant());
		if (query.isEmpty()) {
			return Pages.empty();
		}
		SearchIndex.Slice<Campaign> slice = index.page(indexing, tenantId, query.get(), SearchOrder.RELEVANCE,
				page.cursor(), page.forward(), page.size());
		LongSupplier count = () -> index.count(indexing, tenantId, query.get());
		return Pages.connection(slice, page, count);
	}

	/** The filter as an index query; empty when it can match nothing (an id of another type). */
	static Optional<Query> query(@Nullable CampaignFilter filter, Instant now) {
		List<Query> filters = new ArrayList<>();
		Query text = null;
		if (filter != null) {
			if (filter.status() != null) {
				filters.addAll(status(filter.status(), now));
			}
			if (filter.channelId() != null) {
				Optional<String> channel = GlobalId.decode(filter.channelId(), "Channel");
				if (channel.isEmpty()) {
					return Optional.empty();
				}
				filters.add(SearchQueries.keyword(CampaignIndexing.CHANNEL, channel.get()));
			}
			if (filter.tag() != null) {
				filters.add(SearchQueries.keyword(CampaignIndexing.TAG, CleanText.line(filter.tag()).strip()));
			}
			if (filter.from() != null) {
				filters.add(SearchQueries.between(CampaignIndexing.ENDS, justAfter(filter.from()), null));
			}
			if (filter.to() != null) {
				filters.add(SearchQueries.between(CampaignIndexing.STARTS, null, filter.to()));
			}
			if (filter.text() != null && !filter.text().isBlank()) {
				text = SearchQueries.phrase(java.util.Map.of("name", 3f, "theme", 2f, "description", 1f), filter.text())
					.orElse(null);
			}
		}
		if (filters.isEmpty() && text == null) {
			return Optional.of(SearchQueries.all());
		}
		return Optional.of(SearchQueries.allOf(filters, text));
	}

	/** The first indexed millisecond after {@code instant}: instants are indexed in whole milliseconds. */
	private static Instant justAfter(Instant instant) {
		return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1);
	}

	private static List<Query> status(CampaignStatus status, Instant now) {
		Instant after = justAfter(now);
		Query live = SearchQueries.keyword(CampaignIndexing.CANCELLED, "false");
		return switch (status) {
			case CANCELLED -> List.of(SearchQueries.keyword(CampaignIndexing.CANCELLED, "true"));
			case PLANNED -> List.of(live, SearchQueries.between(CampaignIndexing.STARTS, after, null));
			case ACTIVE -> List.of(live, SearchQueries.between(CampaignIndexing.STARTS, null, after),
					SearchQueries.between(CampaignIndexing.ENDS, after, null));
			case COMPLETED -> List.of(live, SearchQueries.between(CampaignIndexing.ENDS, null, after));
		};
	}

	@PreAuthorize("hasRole('EDITOR')")
	CampaignPayload create(CreateCampaignInput input) {
		UserErrors errors = new UserErrors("input");
		errors.text(input.name(), CampaignRules.MAX_NAME, "name")
			.optionalText(input.theme(), CampaignRules.MAX_THEME, "theme")
			.optionalText(input.description(), CampaignRules.MAX_DESCRIPTION, "description");
		CampaignRules.window(input.startsAt(), input.endsAt(), true, errors);
		List<String> channelIds = channels(input.channelIds(), true, errors);
		List<CampaignGoal> goals = CampaignRules.goals(input.goals(), errors);
		List<String> tags = CampaignRules.tags(input.tags(), errors);
		if (errors.any()) {
			return CampaignPayload.failed(errors.list());
		}
		TenantStore.Scope scope = store.current();
		Instant now = clock.instant();
		Campaign draft = new Campaign(new ObjectId().toHexString(), scope.tenantId(), CleanText.line(input.name()).strip(),
				CampaignRules.optional(input.theme()), description(input.description()), input.startsAt(),
				input.endsAt(), channelIds, goals, tags, CampaignStatus.PLANNED, null, 1,
				CurrentUser.require().userId(), now, now);
		Campaign campaign = withStatus(draft, now);
		return new CampaignPayload(index.write(indexing, campaign.id(), () -> Optional.of(scope.insert(campaign)))
			.orElseThrow(), List.of());
	}

	@PreAuthorize("hasRole('EDITOR')")
	CampaignPayload update(UpdateCampaignInput input) {
		TenantStore.Scope scope = store.current();
		Optional<Campaign> found = Optional.ofNullable(input.id())
			.flatMap(id -> GlobalId.decode(id, NODE_TYPE))
			.flatMap(id -> scope.findById(id, Campaign.class));
		if (found.isEmpty()) {
			return CampaignPayload.failed(List.of(notFound()));
		}
		Campaign before = found.get();
		long expected = input.revision() == null ? -1 : input.revision();
		if (before.revision() != expected) {
			return CampaignPayload.failed(List.of(conflict(before)));
		}
		if (before.cancelledAt() != null) {
			return CampaignPayload.failed(List.of(UserError.of(PostErrors.WRONG_STATUS, "A cancelled campaign stays as it is", "input", "id")));
		}
		UserErrors errors = new UserErrors("input");
		if (input.name() != null) {
			errors.text(input.name(), CampaignRules.MAX_NAME, "name");
		}
		errors.optionalText(input.theme(), CampaignRules.MAX_THEME, "theme")
			.optionalText(input.description(), CampaignRules.MAX_DESCRIPTION, "description");
		Instant startsAt = input.startsAt() != null ? input.startsAt() : before.startsAt();
		Instant endsAt = input.endsAt() != null ? input.endsAt() : before.endsAt();
		CampaignRules.window(startsAt, endsAt, false, errors);
		List<String> channelIds = input.channelIds() == null ? before.channelIds() : channels(input.channelIds(), true, errors);
		List<CampaignGoal> goals = input.goals() == null ? before.goals() : CampaignRules.goals(input.goals(), errors);
		List<String> tags = input.tags() == null ? before.tags() : CampaignRules.tags(input.tags(), errors);
		if (errors.any()) {
			return CampaignPayload.failed(errors.list());
		}
		Instant now = clock.instant();
		Campaign after = withStatus(new Campaign(before.id(), before.tenantId(),
				input.name() != null ? CleanText.line(input.name()).strip() : before.name(),
				input.theme() != null ? CampaignRules.optional(input.theme()) : before.theme(),
				input.description() != null ? description(input.description()) : before.description(), startsAt, endsAt,
				channelIds, goals, tags, before.status(), null, before.revision() + 1, before.createdBy(),
				before.createdAt(), now), now);
		return save(scope, before, after);
	}

	/**
	 * Calls a campaign off. Its posts that have not gone out are cancelled by the publisher as
	 * they come due (at their approval cut-off), so this stays one write whatever the campaign's size.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	CampaignPayload cancel(@Nullable String globalId) {
		TenantStore.Scope scope = store.current();
		Optional<Campaign> found = Optional.ofNullable(globalId)
			.flatMap(id -> GlobalId.decode(id, NODE_TYPE))
			.flatMap(id -> scope.findById(id, Campaign.class));
		if (found.isEmpty()) {
			return CampaignPayload.failed(List.of(notFound()));
		}
		Campaign before = found.get();
		if (before.cancelledAt() != null) {
			return new CampaignPayload(before, List.of());
		}
		Instant now = clock.instant();
		Campaign after = new Campaign(before.id(), before.tenantId(), before.name(), before.theme(), before.description(),
				before.startsAt(), before.endsAt(), before.channelIds(), before.goals(), before.tags(),
				CampaignStatus.CANCELLED, now, before.revision() + 1, before.createdBy(), before.createdAt(), now);
		return save(scope, before, after);
	}

	private CampaignPayload save(TenantStore.Scope scope, Campaign before, Campaign after) {
		Update update = new Update().set("name", after.name())
			.set("theme", after.theme())
			.set("description", after.description())
			.set("startsAt", after.startsAt())
			.set("endsAt", after.endsAt())
			.set("channelIds", after.channelIds())
			.set("goals", after.goals())
			.set("tags", after.tags())
			.set("status", after.status())
			.set("cancelledAt", after.cancelledAt())
			.set(REVISION, after.revision())
			.set("updatedAt", after.updatedAt());
		Optional<Campaign> written = index.write(indexing, before.id(),
				() -> scope.updateIf(before.id(), Criteria.where(REVISION).is(before.revision()), update, Campaign.class)
						? Optional.of(after) : Optional.empty());
		return written.map(campaign -> new CampaignPayload(campaign, List.<UserError>of()))
			.orElseGet(() -> CampaignPayload.failed(List.of(conflict(before))));
	}

	private static Campaign withStatus(Campaign campaign, Instant now) {
		return new Campaign(campaign.id(), campaign.tenantId(), campaign.name(), campaign.theme(), campaign.description(),
				campaign.startsAt(), campaign.endsAt(), campaign.channelIds(), campaign.goals(), campaign.tags(),
				campaign.statusAt(now), campaign.cancelledAt(), campaign.revision(), campaign.createdBy(),
				campaign.createdAt(), campaign.updatedAt());
	}

	/** The channels named, as document ids: each a channel of the center; active ones for new campaigns. */
	private List<String> channels(@Nullable List<String> globalIds, boolean activeOnly, UserErrors errors) {
		if (globalIds == null || globalIds.isEmpty()) {
			errors.add(UserError.REQUIRED, "Give at least one channel", "channelIds");
			return List.of();
		}
		if (globalIds.size() > CampaignRules.MAX_CHANNELS) {
			errors.add(UserError.INVALID, "At most " + CampaignRules.MAX_CHANNELS + " channels", "channelIds");
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < globalIds.size(); i++) {
			Optional<String> id = GlobalId.decode(globalIds.get(i), "Channel");
			if (id.isEmpty()) {
				errors.add(UserError.NOT_FOUND, "No such channel in this media center", "channelIds", String.valueOf(i));
			}
			else if (!ids.contains(id.get())) {
				ids.add(id.get());
			}
		}
		List<Channel> found = channels.findExisting(ids);
		for (int i = 0; i < globalIds.size(); i++) {
			String id = GlobalId.decode(globalIds.get(i), "Channel").orElse(null);
			Channel channel = found.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
			if (id != null && channel == null) {
				errors.add(UserError.NOT_FOUND, "No such channel in this media center", "channelIds", String.valueOf(i));
			}
			else if (channel != null && activeOnly && !channel.active()) {
				errors.add(PostErrors.CHANNEL_INACTIVE, "Channel '" + channel.name() + "' is deactivated", "channelIds",
						String.valueOf(i));
			}
		}
		return List.copyOf(ids);
	}

	private static @Nullable String description(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String clean = CleanText.multiLine(text).strip();
		return clean.isEmpty() ? null : clean;
	}

	private static UserError notFound() {
		return UserError.of(UserError.NOT_FOUND, "No such campaign in this media center", "input", "id");
	}

	private static UserError conflict(Campaign current) {
		return UserError.of(UserError.CONFLICT,
				"The campaign changed since you read it (now at revision " + current.revision() + ")", "input", "revision");
	}

	/** Demo data: a campaign of a tenant, written with no signed-in caller. */
	public Campaign createForBootstrap(Campaign campaign) {
		return index.write(indexing, campaign.id(), () -> Optional.of(store.forTenant(campaign.tenantId()).insert(campaign)))
			.orElseThrow();
	}

	/** Every campaign lookup is by {@code _id} (with the tenant); lists come from the index. */
	@Bean
	static IndexDeclaration campaignIndexes() {
		return IndexDeclaration.tenantOwned(Campaign.COLLECTION);
	}

}
