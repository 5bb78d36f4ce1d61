package cn.mediagraph.story;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.StoryInputs.CreateStoryInput;
import cn.mediagraph.story.StoryInputs.CreateStoryPayload;
import cn.mediagraph.story.StoryInputs.DeleteStoryInput;
import cn.mediagraph.story.StoryInputs.DeleteStoryPayload;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.story.StoryInputs.UpdateStoryInput;
import cn.mediagraph.story.StoryInputs.UpdateStoryPayload;
import cn.mediagraph.story.StoryValidator.Checked;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Stories of the caller's media center.
 * <ul>
 * <li>Any signed-in user of the center reads them; reporters and up file them.</li>
 * <li>Editors and up edit any story; a reporter edits only the stories they filed.</li>
 * <li>Editors and up delete stories.</li>
 * <li>Every update and delete names the revision it was made to and is one conditional
 * single-document write: a story changed since is left as it is and the caller gets
 * CONFLICT, so no edit is lost without a transaction.</li>
 * </ul>
 */
@Service
public class StoryService {

	/** The GraphQL type name in stories' global ids. */
	static final String NODE_TYPE = "Story";

	private static final String REVISION = "revision";

	private final TenantStore store;

	private final StoryValidator validator;

	private final StoryMapper mapper;

	private final StoryQueries queries;

	private final RoleHierarchy roles;

	private final Clock clock;

	StoryService(TenantStore store, StoryValidator validator, StoryMapper mapper, StoryQueries queries,
			RoleHierarchy roles, Clock clock) {
		this.store = store;
		this.validator = validator;
		this.mapper = mapper;
		this.queries = queries;
		this.roles = roles;
		this.clock = clock;
	}

	@PreAuthorize("hasRole('REPORTER')")
	CreateStoryPayload create(CreateStoryInput input) {
		TenantStore.Scope scope = store.current();
		Checked checked = validator.check(input, true);
		if (checked.failed()) {
			return CreateStoryPayload.failed(checked.errors());
		}
		Story story = mapper.toStory(input, new ObjectId().toHexString(), scope.tenantId(),
				mapper.toVersions(input.versions(), checked.channels()), CurrentUser.require().userId(),
				clock.instant());
		return new CreateStoryPayload(scope.insert(story), List.of());
	}

	/**
	 * Applies the given fields to the story at {@code expectedRevision}, in one conditional
	 * write that also raises the revision. A reporter's write is further conditional on having
	 * filed the story. When it matches nothing, a read tells the caller why.
	 */
	@PreAuthorize("hasRole('REPORTER')")
	UpdateStoryPayload update(UpdateStoryInput input) {
		TenantStore.Scope scope = store.current();
		Optional<String> id = rawStoryId(input.id());
		if (id.isEmpty()) {
			return UpdateStoryPayload.failed(notFound());
		}
		Checked checked = validator.check(input, false);
		if (checked.failed()) {
			return UpdateStoryPayload.failed(checked.errors());
		}
		long expected = revisionOf(input.expectedRevision());
		Optional<Story> updated = scope.update(id.get(), writableAt(expected), changes(input, checked.channels()),
				Story.class);
		return updated.map(story -> new UpdateStoryPayload(story, List.of()))
			.orElseGet(() -> UpdateStoryPayload.failed(whyNotWritten(scope, id.get(), expected)));
	}

	/**
	 * The condition of the write. Returns the criteria {@code and} hands back: only that one
	 * carries the whole chain, the first alone would drop the authorship check.
	 */
	private Criteria writableAt(long expectedRevision) {
		Criteria atRevision = Criteria.where(REVISION).is(expectedRevision);
		return editsAnyStory() ? atRevision : atRevision.and("createdBy").is(CurrentUser.require().userId());
	}

	/** Editors and everyone above them in the role hierarchy edit any story. */
	private boolean editsAnyStory() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return caller != null && roles.getReachableGrantedAuthorities(caller.getAuthorities())
			.contains(new SimpleGrantedAuthority(Role.EDITOR.authority()));
	}

	private Update changes(UpdateStoryInput input, Map<String, Channel> channels) {
		Update update = new Update().inc(REVISION, 1).set("updatedAt", clock.instant());
		setIfGiven(update, "title", input.title() == null ? null : input.title().strip());
		setIfGiven(update, "summary", input.summary());
		setIfGiven(update, "body", input.body());
		setIfGiven(update, "language", input.language());
		setIfGiven(update, "tags", input.tags() == null ? null : StoryNormalizer.tags(input.tags()));
		setIfGiven(update, "bylines", input.bylines() == null ? null : StoryNormalizer.bylines(input.bylines()));
		setIfGiven(update, "assets", input.assets() == null ? null : mapper.toAssets(input.assets()));
		if (input.region() != null) {
			update.set("region", StoryNormalizer.region(input.region()));
		}
		if (input.versions() != null) {
			List<StoryVersion> versions = mapper.toVersions(input.versions(), channels);
			update.set("versions", versions).set("channelIds", Story.channelIdsOf(versions));
		}
		return update;
	}

	private static void setIfGiven(Update update, String field, @Nullable Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

	/**
	 * Deletes the story at {@code expectedRevision}: a story changed since the caller read it
	 * is kept, so nobody deletes what they have not seen.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	DeleteStoryPayload delete(DeleteStoryInput input) {
		TenantStore.Scope scope = store.current();
		Optional<String> id = rawStoryId(input.id());
		if (id.isEmpty()) {
			return DeleteStoryPayload.failed(notFound());
		}
		long expected = revisionOf(input.expectedRevision());
		if (deleteAt(scope, id.get(), expected)) {
			return new DeleteStoryPayload(GlobalId.encode(NODE_TYPE, id.get()), List.of());
		}
		return DeleteStoryPayload.failed(whyNotWritten(scope, id.get(), expected));
	}

	/**
	 * Deletes when the story is at the expected revision. Until TenantStore.Scope offers a
	 * conditional delete this is a check then a delete, so an edit landing in between is lost;
	 * with {@code scope.deleteIf(id, Criteria.where("revision").is(expected), Story.class)} it
	 * becomes one conditional write like the update.
	 */
	private static boolean deleteAt(TenantStore.Scope scope, String id, long expectedRevision) {
		Query atRevision = Query.query(Criteria.where("_id").is(id).and(REVISION).is(expectedRevision));
		return scope.exists(atRevision, Story.class) && scope.delete(id, Story.class);
	}

	/** Why a conditional write matched nothing: gone, not the caller's, or changed since. */
	private UserError whyNotWritten(TenantStore.Scope scope, String id, long expectedRevision) {
		Optional<Story> current = scope.findById(id, Story.class);
		if (current.isEmpty()) {
			return notFound();
		}
		if (!editsAnyStory() && !current.get().createdBy().equals(CurrentUser.require().userId())) {
			return UserError.of(UserError.FORBIDDEN, "Reporters edit only the stories they filed", "input", "id");
		}
		return UserError.of(UserError.CONFLICT, "The story is at revision " + current.get().revision()
				+ ", not " + expectedRevision + ": someone changed it since you read it. Reload it and apply your "
				+ "changes again", "input", "expectedRevision");
	}

	private static UserError notFound() {
		return UserError.of(UserError.NOT_FOUND, "No such story in this media center", "input", "id");
	}

	/** A missing revision can match no story, so it reads as a conflict, never as "any". */
	private static long revisionOf(@Nullable Long expectedRevision) {
		return expectedRevision == null ? -1 : expectedRevision;
	}

	/** A story of the caller's center by global id; empty for unknown ids and other centers'. */
	@PreAuthorize("isAuthenticated()")
	Optional<Story> story(String globalId) {
		return callerScope().flatMap(scope -> rawStoryId(globalId).flatMap(id -> scope.findById(id, Story.class)));
	}

	/** For {@code node(id)}: the caller's center's stories among these document ids. */
	@PreAuthorize("isAuthenticated()")
	List<Story> findVisible(Collection<String> rawIds) {
		return callerScope().map(scope -> scope.findAllById(rawIds, Story.class)).orElse(List.of());
	}

	@PreAuthorize("isAuthenticated()")
	Connection<Story> stories(@Nullable StoryFilter filter, PageRequest page) {
		return queries.page(store.current(), filter, page);
	}

	/**
	 * Demo and start-up data, written with no signed-in caller and not reachable from the graph:
	 * prepared stories keep their status, revision and creation time; each gets a new id, the
	 * tenant, the author and its derived channel list.
	 *
	 * @return the stories as stored, in the order given
	 */
	public List<Story> importForBootstrap(String tenantId, String createdBy, List<Story> stories) {
		List<Story> prepared = stories.stream()
			.map(story -> new Story(new ObjectId().toHexString(), tenantId, story.title(), story.summary(),
					story.body(), story.language(), story.tags(), story.region(), story.bylines(), story.assets(),
					story.versions(), Story.channelIdsOf(story.versions()), story.status(), story.revision(),
					createdBy, story.createdAt(), story.updatedAt()))
			.toList();
		return store.forTenant(tenantId).insertAll(prepared);
	}

	static Optional<String> rawStoryId(@Nullable String globalId) {
		return Optional.ofNullable(globalId).flatMap(id -> GlobalId.decode(id, NODE_TYPE));
	}

	/** The platform admin belongs to no center, so sees no stories rather than an error. */
	private Optional<TenantStore.Scope> callerScope() {
		String tenantId = CurrentUser.require().tenantId();
		return Optional.ofNullable(tenantId).map(store::forTenant);
	}

	/**
	 * Lets the conditional write find its document from an index on any MongoDB: the embedded
	 * store serves a query from an index only when a unique one covers its equality keys. Unique
	 * always holds, as {@code _id} alone is.
	 */
	@Bean
	static IndexDeclaration storyWriteIndexes() {
		return new IndexDeclaration(Story.COLLECTION, List.of(new Index().on("_id", Direction.ASC)
			.on("tenantId", Direction.ASC)
			.on(REVISION, Direction.ASC)
			.unique()
			.named("conditional_write")));
	}

}
