package cn.mediagraph.campaign;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import cn.mediagraph.campaign.CampaignInputs.CancelPostInput;
import cn.mediagraph.campaign.CampaignInputs.ConfirmPostInput;
import cn.mediagraph.campaign.CampaignInputs.PostPayload;
import cn.mediagraph.campaign.CampaignInputs.ReschedulePostInput;
import cn.mediagraph.campaign.CampaignInputs.SchedulePostInput;
import cn.mediagraph.channel.Channel;
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
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryStatus;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Scheduling posts: {@code schedulePost}, {@code reschedulePost}, {@code cancelPost},
 * {@code confirmPost}, a campaign's posts and the calendar. Every write is one conditional
 * single-document write on the post's revision; the rules' counts come from the index.
 */
@Service
public class PostService {

	static final String NODE_TYPE = "Post";

	static final String REVISION = "revision";

	private final TenantStore store;

	private final SearchIndex index;

	private final PostIndexing indexing;

	private final DueBuckets due;

	private final CenterZones zones;

	private final PublisherSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	PostService(TenantStore store, SearchIndex index, PostIndexing indexing, DueBuckets due, CenterZones zones,
			PublisherSettings settings, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.store = store;
		this.index = index;
		this.indexing = indexing;
		this.due = due;
		this.zones = zones;
		this.settings = settings;
		this.clock = clock;
	}

	@PreAuthorize("isAuthenticated()")
	Optional<Post> post(String globalId) {
		return GlobalId.decode(globalId, NODE_TYPE).flatMap(id -> store.current().findById(id, Post.class));
	}

	/** For {@code node(id)}: the caller's posts among these ids, read from MongoDB in one command. */
	@PreAuthorize("isAuthenticated()")
	List<Post> findVisible(Collection<String> rawIds) {
		return store.current().findAllById(rawIds, Post.class);
	}

	@PreAuthorize("hasRole('EDITOR')")
	PostPayload schedule(SchedulePostInput input) {
		TenantStore.Scope scope = store.current();
		UserErrors errors = new UserErrors("input");
		if (input.idempotencyKey() != null && !PostRules.KEY.matcher(input.idempotencyKey()).matches()) {
			errors.add(UserError.INVALID, "1–100 characters of A–Z a–z 0–9 . _ : -", "idempotencyKey");
		}
		if (input.scheduledAt() == null) {
			errors.add(UserError.REQUIRED, "Give the instant", "scheduledAt");
		}
		Optional<Campaign> campaign = load(scope, input.campaignId(), CampaignService.NODE_TYPE, Campaign.class);
		Optional<Story> story = load(scope, input.storyId(), "Story", Story.class);
		Optional<Channel> channel = load(scope, input.channelId(), "Channel", Channel.class);
		if (campaign.isEmpty()) {
			errors.addAll(List.of(PostRules.notFound("campaignId")));
		}
		if (story.isEmpty()) {
			errors.addAll(List.of(PostRules.notFound("storyId")));
		}
		else if (story.get().status() == StoryStatus.WITHDRAWN || story.get().status() == StoryStatus.ARCHIVED) {
			errors.add(PostErrors.STORY_UNAVAILABLE, "The story is " + story.get().status(), "storyId");
		}
		if (channel.isEmpty()) {
			errors.addAll(List.of(PostRules.notFound("channelId")));
		}
		if (errors.any()) {
			return PostPayload.failed(errors.list());
		}
		String key = input.idempotencyKey() != null ? input.idempotencyKey() : new ObjectId().toHexString();
		String id = PostRules.idFor(scope.tenantId(), key);
		String request = PostRules.request(campaign.get().id(), story.get().id(), channel.get().id(), input.scheduledAt());
		Optional<PostPayload> repeated = repeated(scope, id, request);
		if (repeated.isPresent()) {
			return repeated.get();
		}
		Instant now = clock.instant();
		ZoneId zone = zones.of(scope.tenantId());
		PostRules.check(slot(scope.tenantId(), campaign.get(), channel.get(), story.get().id(), input.scheduledAt(), now,
				null, zone), settings.minGap(), errors);
		if (errors.any()) {
			return PostPayload.failed(errors.list());
		}
		Instant dueAt = gate(input.scheduledAt(), now);
		Post post = new Post(id, scope.tenantId(), campaign.get().id(), story.get().id(), channel.get().id(),
				input.scheduledAt(), CenterZones.localDay(input.scheduledAt(), zone), PostStatus.SCHEDULED, key, request,
				0, dueAt, null, null, null, null, null,
				List.of(new PostTransition(PostStatus.SCHEDULED, now, "Scheduled by " + CurrentUser.require().username())),
				1, CurrentUser.require().userId(), now, now);
		due.add(scope.tenantId(), id, dueAt);
		try {
			Post created = index.write(indexing, id, () -> Optional.of(scope.insert(post))).orElseThrow();
			events.publishEvent(PostStatusChanged.of(created));
			return new PostPayload(created, List.of());
		}
		catch (DuplicateKeyException ex) {
			return repeated(scope, id, request).orElseThrow(() -> ex);
		}
	}

	/** The post already made with this key: itself for the same request, an error for another. */
	private Optional<PostPayload> repeated(TenantStore.Scope scope, String id, String request) {
		return scope.findById(id, Post.class).map(existing -> existing.request().equals(request)
				? new PostPayload(existing, List.of())
				: PostPayload.failed(UserError.of(PostErrors.IDEMPOTENCY_KEY_REUSED,
						"This key was used for another post; use a new key for a new post", "input", "idempotencyKey")));
	}

	@PreAuthorize("hasRole('EDITOR')")
	PostPayload reschedule(ReschedulePostInput input) {
		TenantStore.Scope scope = store.current();
		Optional<Post> found = load(scope, input.id(), NODE_TYPE, Post.class);
		if (found.isEmpty()) {
			return PostPayload.failed(PostRules.notFound("id"));
		}
		if (input.scheduledAt() == null) {
			return PostPayload.failed(UserError.of(UserError.REQUIRED, "Give the instant", "input", "scheduledAt"));
		}
		Post before = found.get();
		if (before.status() != PostStatus.SCHEDULED && before.status() != PostStatus.BLOCKED) {
			return PostPayload.failed(wrongStatus(before, "rescheduled", "SCHEDULED or BLOCKED"));
		}
		Campaign campaign = scope.findById(before.campaignId(), Campaign.class).orElseThrow();
		Channel channel = scope.findById(before.channelId(), Channel.class).orElseThrow();
		Instant now = clock.instant();
		ZoneId zone = zones.of(scope.tenantId());
		UserErrors errors = new UserErrors("input");
		PostRules.check(slot(scope.tenantId(), campaign, channel, before.storyId(), input.scheduledAt(), now, before, zone),
				settings.minGap(), errors);
		if (errors.any()) {
			return PostPayload.failed(errors.list());
		}
		Instant dueAt = gate(input.scheduledAt(), now);
		due.add(scope.tenantId(), before.id(), dueAt);
		Update update = new Update().set("scheduledAt", input.scheduledAt())
			.set("localDay", CenterZones.localDay(input.scheduledAt(), zone))
			.set("status", PostStatus.SCHEDULED)
			.set("dueAt", dueAt)
			.set("reason", null)
			.set("transitions", before.plus(PostStatus.SCHEDULED, now,
					"Rescheduled from " + before.scheduledAt() + " by " + CurrentUser.require().username()));
		return write(scope, before, update, now);
	}

	@PreAuthorize("hasRole('EDITOR')")
	PostPayload cancel(CancelPostInput input) {
		TenantStore.Scope scope = store.current();
		Optional<Post> found = load(scope, input.id(), NODE_TYPE, Post.class);
		if (found.isEmpty()) {
			return PostPayload.failed(PostRules.notFound("id"));
		}
		Post before = found.get();
		if (before.status() == PostStatus.CANCELLED) {
			return new PostPayload(before, List.of());
		}
		Instant now = clock.instant();
		if (!openForEditor(before, now)) {
			return PostPayload.failed(wrongStatus(before, "cancelled", "SCHEDULED, BLOCKED or waiting"));
		}
		Update update = new Update().set("status", PostStatus.CANCELLED)
			.set("dueAt", null)
			.set("transitions",
					before.plus(PostStatus.CANCELLED, now, "Cancelled by " + CurrentUser.require().username()));
		return write(scope, before, update, now);
	}

	@PreAuthorize("hasRole('EDITOR')")
	PostPayload confirm(ConfirmPostInput input) {
		TenantStore.Scope scope = store.current();
		Optional<Post> found = load(scope, input.id(), NODE_TYPE, Post.class);
		if (found.isEmpty()) {
			return PostPayload.failed(PostRules.notFound("id"));
		}
		String url = input.externalUrl() == null ? "" : input.externalUrl().strip();
		if (url.isEmpty() || url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://"))) {
			return PostPayload.failed(UserError.of(UserError.INVALID, "Give an http(s) URL of at most 2,000 characters",
					"input", "externalUrl"));
		}
		Post before = found.get();
		Instant now = clock.instant();
		if (before.status() == PostStatus.BLOCKED || !openForEditor(before, now)) {
			return PostPayload.failed(wrongStatus(before, "confirmed", "SCHEDULED or PUBLISHING and not being delivered"));
		}
		Update update = new Update().set("status", PostStatus.PUBLISHED)
			.set("dueAt", null)
			.set("publishedAt", now)
			.set("externalUrl", url)
			.set("transitions", before.plus(PostStatus.PUBLISHED, now,
					"Published by hand, confirmed by " + CurrentUser.require().username()));
		return write(scope, before, update, now);
	}

	/** Whether an editor may still change it: not settled, and no delivery holding a live lease. */
	private static boolean openForEditor(Post post, Instant now) {
		if (post.status() == PostStatus.BLOCKED) {
			return true;
		}
		if (post.status().settled()) {
			return false;
		}
		return post.leaseUntil() == null || !post.leaseUntil().isAfter(now);
	}

	private PostPayload write(TenantStore.Scope scope, Post before, Update update, Instant now) {
		update.set(REVISION, before.revision() + 1).set("updatedAt", now).set("leaseOwner", null).set("leaseUntil", null);
		Optional<Post> written = index.write(indexing, before.id(),
				() -> scope.update(before.id(), Criteria.where(REVISION).is(before.revision()), update, Post.class));
		written.ifPresent(post -> events.publishEvent(PostStatusChanged.of(post)));
		return written.map(post -> new PostPayload(post, List.of()))
			.orElseGet(() -> PostPayload.failed(UserError.of(UserError.CONFLICT,
					"The post changed meanwhile (the publisher took it up, or another editor); read it again", "input",
					"id")));
	}

	/** When the publisher first looks at a post: its approval cut-off, or now when that has passed. */
	private Instant gate(Instant scheduledAt, Instant now) {
		Instant cutoff = scheduledAt.minus(settings.approvalCutoff());
		return cutoff.isAfter(now) ? cutoff : now;
	}

	private PostRules.Slot slot(String tenantId, Campaign campaign, Channel channel, String storyId, Instant at,
			Instant now, @Nullable Post self, ZoneId zone) {
		String day = CenterZones.localDay(at, zone);
		long onDay = index.count(indexing, tenantId, SearchQueries.allOf(
				List.of(SearchQueries.keyword(PostIndexing.CHANNEL, channel.id()), SearchQueries.keyword(PostIndexing.DAY, day),
						counting()), null));
		if (self != null && self.status().counts() && self.channelId().equals(channel.id()) && self.localDay().equals(day)) {
			onDay--;
		}
		Query near = SearchQueries.allOf(List.of(SearchQueries.keyword(PostIndexing.CHANNEL, channel.id()),
				SearchQueries.keyword(PostIndexing.STORY, storyId), counting(),
				SearchQueries.between(PostIndexing.AT, at.minus(settings.minGap()).plusMillis(1), at.plus(settings.minGap()))),
				null);
		List<Post> nearby = index.page(indexing, tenantId, near, SearchOrder.QUEUED, null, true, 10)
			.hits()
			.stream()
			.map(SearchIndex.Hit::document)
			.filter(post -> self == null || !post.id().equals(self.id()))
			.toList();
		return new PostRules.Slot(campaign, channel, at, now, onDay, nearby);
	}

	/** Posts that hold a place on their channel's day. */
	static Query counting() {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		for (PostStatus status : PostStatus.values()) {
			if (status.counts()) {
				any.add(SearchQueries.keyword(PostIndexing.STATUS, status.name()), BooleanClause.Occur.SHOULD);
			}
		}
		return any.setMinimumNumberShouldMatch(1).build();
	}

	/** A campaign's posts, earliest first, from the index. */
	@PreAuthorize("isAuthenticated()")
	Connection<Post> posts(Campaign campaign, @Nullable PostStatus status, @Nullable String channelId, PageRequest page) {
		return page(campaign.tenantId(), SearchQueries.keyword(PostIndexing.CAMPAIGN, campaign.id()), status, channelId, page);
	}

	/** Where a story ran or is planned to run: its posts across campaigns, earliest first, from the index. */
	@PreAuthorize("isAuthenticated()")
	Connection<Post> posts(Story story, @Nullable PostStatus status, PageRequest page) {
		return page(story.tenantId(), SearchQueries.keyword(PostIndexing.STORY, story.id()), status, null, page);
	}

	/** One page of a tenant's posts matching {@code owner} (and the status and channel when given), earliest first. */
	private Connection<Post> page(String tenantId, Query owner, @Nullable PostStatus status, @Nullable String channelId,
			PageRequest page) {
		List<Query> filters = new ArrayList<>(List.of(owner));
		if (status != null) {
			filters.add(SearchQueries.keyword(PostIndexing.STATUS, status.name()));
		}
		if (channelId != null) {
			Optional<String> channel = GlobalId.decode(channelId, "Channel");
			if (channel.isEmpty()) {
				return Pages.empty();
			}
			filters.add(SearchQueries.keyword(PostIndexing.CHANNEL, channel.get()));
		}
		Query query = SearchQueries.allOf(filters, null);
		return Pages.connection(index.page(indexing, tenantId, query, SearchOrder.QUEUED, page.cursor(), page.forward(),
				page.size()), page, () -> index.count(indexing, tenantId, query));
	}

	/** The story ids of a campaign's posts with how many posts carry each, most first (at most 1,000). */
	@PreAuthorize("isAuthenticated()")
	List<SearchIndex.FacetCount> storiesOf(Campaign campaign) {
		return index.facets(indexing, campaign.tenantId(), SearchQueries.keyword(PostIndexing.CAMPAIGN, campaign.id()),
				List.of(PostIndexing.STORY), 1000).getOrDefault(PostIndexing.STORY, List.of());
	}

	/** Posts in {@code [from, to)} on these channels (all when null), earliest first, at most {@code max}. */
	@PreAuthorize("isAuthenticated()")
	List<Post> between(Instant from, Instant to, @Nullable List<String> channelIds, int max) {
		List<Query> filters = new ArrayList<>(List.of(SearchQueries.between(PostIndexing.AT, from, to)));
		if (channelIds != null) {
			BooleanQuery.Builder any = new BooleanQuery.Builder();
			channelIds.forEach(id -> any.add(SearchQueries.keyword(PostIndexing.CHANNEL, id), BooleanClause.Occur.SHOULD));
			filters.add(any.setMinimumNumberShouldMatch(1).build());
		}
		return index.page(indexing, store.current().tenantId(), SearchQueries.allOf(filters, null), SearchOrder.QUEUED,
				null, true, max).hits().stream().map(SearchIndex.Hit::document).toList();
	}

	ZoneId zoneOfCaller() {
		return zones.of(store.current().tenantId());
	}

	private static <T extends cn.mediagraph.platform.mongo.TenantOwned> Optional<T> load(TenantStore.Scope scope,
			@Nullable String globalId, String type, Class<T> documentType) {
		return Optional.ofNullable(globalId)
			.flatMap(id -> GlobalId.decode(id, type))
			.flatMap(id -> scope.findById(id, documentType));
	}

	private static UserError wrongStatus(Post post, String action, String from) {
		return UserError.of(PostErrors.WRONG_STATUS, "The post is " + post.status() + "; only " + from + " can be " + action,
				"input", "id");
	}

	/** Demo data: a post as it stands, written with no signed-in caller (its due time noted first). */
	public Post createForBootstrap(Post post) {
		if (post.dueAt() != null) {
			due.add(post.tenantId(), post.id(), post.dueAt());
		}
		return index.write(indexing, post.id(), () -> Optional.of(store.forTenant(post.tenantId()).insert(post)))
			.orElseThrow();
	}

	/** Every post lookup is by {@code _id} (with the tenant); lists and counts come from the index. */
	@Bean
	static IndexDeclaration postIndexes() {
		return IndexDeclaration.tenantOwned(Post.COLLECTION);
	}

}
