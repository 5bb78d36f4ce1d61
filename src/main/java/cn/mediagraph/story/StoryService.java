package cn.mediagraph.story;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.platform.events.TenantEvents;
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
import cn.mediagraph.story.StoryInputs.RebuildStoryIndexPayload;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.story.StoryInputs.UpdateStoryInput;
import cn.mediagraph.story.StoryInputs.UpdateStoryPayload;
import cn.mediagraph.story.StoryValidator.Checked;
import cn.mediagraph.platform.search.SearchIndex;
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

	private static final String REVIEW_LEVEL = "review.level";

	private final TenantStore store;

	private final StoryValidator validator;

	private final StoryMapper mapper;

	private final StoryFeed feed;

	private final StorySequence sequence;

	private final StoryIndexRebuilds rebuilds;

	private final SearchIndex index;

	private final StoryIndexing indexing;

	private final RoleHierarchy roles;

	private final Clock clock;

	private final TenantEvents events;

	private final StoryRevisions revisions;

	StoryService(TenantStore store, StoryValidator validator, StoryMapper mapper, StoryFeed feed,
			StorySequence sequence, SearchIndex index, StoryIndexing indexing, RoleHierarchy roles, Clock clock,
			StoryIndexRebuilds rebuilds, TenantEvents events, StoryRevisions revisions) {
		this.events = events;
		this.revisions = revisions;
		this.rebuilds = rebuilds;
		this.store = store;
		this.validator = validator;
		this.mapper = mapper;
		this.feed = feed;
		this.sequence = sequence;
		this.index = index;
		this.indexing = indexing;
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
		StorySequence.Next next = sequence.next(scope.tenantId());
		Story story = mapper.toStory(input, Story.idOf(scope.tenantId(), next.seq()), scope.tenantId(), next.seq(),
				mapper.toVersions(input.versions(), checked.channels()), CurrentUser.require().userId(),
				next.createdAt());
		Optional<Story> created = index.write(indexing, story.id(), () -> Optional.of(scope.insert(story)));
		created.ifPresent(stored -> told(StoryEvent.Kind.CREATED, stored));
		return new CreateStoryPayload(created.orElseThrow(), List.of());
	}

	/**
	 * Applies the given fields to the story at {@code expectedRevision}, in one conditional
	 * write that also raises the revision. A reporter's write is further conditional on having
	 * filed the story. When it matches nothing, a read tells the caller why.
	 */
	@PreAuthorize("hasRole('REPORTER')")
	UpdateStoryPayload update(UpdateStoryInput input) {
		TenantStore.Scope scope = store.current();
		Edit edit = edit(scope, input);
		if (edit.refused() != null) {
			return edit.refused();
		}
		Story before = edit.before();
		if (PUBLIC.contains(before.status())) {
			return UpdateStoryPayload.failed(notEditable(before));
		}
		return saved(scope, before, applied(before, input, edit.channels()), StoryRevision.Kind.EDIT);
	}

	/**
	 * The story an edit or correction is made to, at the revision it names, with the channels
	 * its versions name; or why it is refused (unknown, invalid, not the caller's, changed since).
	 */
	private Edit edit(TenantStore.Scope scope, UpdateStoryInput input) {
		Optional<String> id = rawStoryId(input.id());
		if (id.isEmpty()) {
			return Edit.refused(UpdateStoryPayload.failed(notFound()));
		}
		Checked checked = validator.check(input, false);
		if (checked.failed()) {
			return Edit.refused(UpdateStoryPayload.failed(checked.errors()));
		}
		long expected = revisionOf(input.expectedRevision());
		Optional<Story> current = current(scope, id.get(), expected);
		Optional<UserError> refused = refusal(current, expected);
		return refused.map(error -> Edit.refused(UpdateStoryPayload.failed(error)))
			.orElseGet(() -> new Edit(current.get(), checked.channels(), null));
	}

	/** An edit's story and channels, or its refusal. */
	private record Edit(@Nullable Story before, Map<String, Channel> channels, @Nullable UpdateStoryPayload refused) {

		static Edit refused(UpdateStoryPayload payload) {
			return new Edit(null, Map.of(), payload);
		}

	}

	/**
	 * A published story's correction (更正): the corrected text is a new revision that goes
	 * through the three levels of review again, waiting at FIRST; the text that was out in
	 * public is kept as a revision, on record. Approved and published, the story is CORRECTED.
	 * Editors and up.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	UpdateStoryPayload correct(UpdateStoryInput input) {
		TenantStore.Scope scope = store.current();
		Edit edit = edit(scope, input);
		if (edit.refused() != null) {
			return edit.refused();
		}
		Story before = edit.before();
		if (before.status() != StoryStatus.PUBLISHED && before.status() != StoryStatus.CORRECTED) {
			return UpdateStoryPayload.failed(UserError.of(WRONG_STATUS, "The story is " + before.status()
					+ "; only a PUBLISHED or CORRECTED story is corrected (edit others with updateStory)", "input", "id"));
		}
		Story after = applied(before, input, edit.channels()).inReviewAgain(clock.instant());
		return saved(scope, before, after, StoryRevision.Kind.CORRECTION);
	}

	/**
	 * Writes an edit: the content it replaces kept as a revision first, then the story, on the
	 * revision the caller read, then the edit's line in the history.
	 */
	private UpdateStoryPayload saved(TenantStore.Scope scope, Story before, Story after, StoryRevision.Kind kind) {
		revisions.keep(scope, before, after);
		Optional<Story> updated = index.write(indexing, before.id(), () -> writtenIf(
				scope.updateIf(before.id(), Criteria.where(REVISION).is(before.revision()), changes(after), Story.class),
				after));
		updated.ifPresent(stored -> {
			revisions.recorded(scope, before, stored, kind);
			told(StoryEvent.Kind.SAVED, stored);
		});
		return updated.map(story -> new UpdateStoryPayload(story, List.of()))
			.orElseGet(() -> UpdateStoryPayload.failed(whyNotWritten(scope, before.id(), before.revision())));
	}

	/** Out in public or retired: the text is on record, and a change of it is a correction. */
	static final java.util.Set<StoryStatus> PUBLIC = java.util.EnumSet.of(StoryStatus.PUBLISHED, StoryStatus.CORRECTED,
			StoryStatus.WITHDRAWN, StoryStatus.ARCHIVED);

	/** The code of an edit refused because the story is out in public or retired. */
	static final String NOT_EDITABLE = "NOT_EDITABLE";

	static final String WRONG_STATUS = "WRONG_STATUS";

	private static UserError notEditable(Story story) {
		String how = story.status() == StoryStatus.PUBLISHED || story.status() == StoryStatus.CORRECTED
				? "correct it with correctStory, which sends the corrected text through review again"
				: "it is out of circulation and kept for the record";
		return UserError.of(NOT_EDITABLE, "The story is " + story.status() + ": it is not edited in place; " + how,
				"input", "id");
	}

	/**
	 * Moves a story to another status, conditional on the revision like every write, and filed
	 * under its new status in the feed (for tests and tools; the review workflow moves stories
	 * with {@link #transition}).
	 *
	 * @return the story as stored, or empty when it was not written
	 */
	@PreAuthorize("hasRole('EDITOR')")
	public Optional<Story> changeStatus(String storyId, long expectedRevision, StoryStatus status) {
		TenantStore.Scope scope = store.current();
		Optional<Story> current = current(scope, storyId, expectedRevision);
		if (refusal(current, expectedRevision).isPresent()) {
			return Optional.empty();
		}
		return transition(current.get(), current.get().withStatus(status, clock.instant()));
	}

	/**
	 * The review workflow's one write: moves a story from the state the caller saw to the next,
	 * in one conditional single-document write on the revision, status and review level seen.
	 * Of two callers who saw the same state, exactly one writes; the other gets empty, and
	 * nothing of theirs is recorded. Who may make which move is the caller's rule to check.
	 *
	 * @param seen the story as the caller read it
	 * @param after the story as the move leaves it (its revision one higher)
	 * @return the story as stored, or empty when it had changed since {@code seen}
	 */
	@PreAuthorize("hasRole('REPORTER')")
	public Optional<Story> transition(Story seen, Story after) {
		TenantStore.Scope scope = store.current();
		if (!seen.id().equals(after.id()) || !scope.tenantId().equals(seen.tenantId())
				|| after.revision() != seen.revision() + 1) {
			throw new IllegalArgumentException("Not a move of one story of this center to its next revision");
		}
		Criteria seenState = Criteria.where(REVISION)
			.is(seen.revision())
			.and("status")
			.is(seen.status())
			.and(REVIEW_LEVEL)
			.is(seen.reviewLevel());
		Update update = new Update().set("status", after.status())
			.set("review", after.review())
			.set(REVISION, after.revision())
			.set("updatedAt", after.updatedAt());
		Optional<Story> written = index.write(indexing, seen.id(),
				() -> writtenIf(scope.updateIf(seen.id(), seenState, update, Story.class), after));
		boolean decided = after.review().trail().size() > seen.review().trail().size();
		written.ifPresent(stored -> told(decided ? StoryEvent.Kind.REVIEWED : StoryEvent.Kind.MOVED, stored));
		return written;
	}

	/** Tells the center's live subscribers ({@code storyEvents}) what the caller did to a story. */
	private void told(StoryEvent.Kind kind, Story story) {
		CurrentUser.get()
			.ifPresent(caller -> events.publish(
					StoryEvent.of(kind, story, caller.userId(), caller.username()).toTenantEvent(story.tenantId())));
	}

	/**
	 * The caller's center's stories waiting at a review level, oldest submission first, from
	 * the index. Whether the caller may act there is the review workflow's rule.
	 */
	@PreAuthorize("hasRole('EDITOR')")
	public StoryConnection waitingAt(ReviewLevel level, PageRequest page) {
		return feed.queue(store.current().tenantId(), level, page);
	}

	/**
	 * The story an edit at {@code expectedRevision} is made to: the index's copy, without waiting
	 * for changes still being made searchable, when it is at that revision (every write raises the revision, so it is that version, and the write's
	 * condition checks again), else the database's, so a copy behind another instance's write
	 * never turns a right revision into a conflict.
	 */
	private Optional<Story> current(TenantStore.Scope scope, String id, long expectedRevision) {
		Optional<Story> indexed = index.byIdAsOpened(indexing, scope.tenantId(), id);
		if (indexed.isPresent() && indexed.get().revision() == expectedRevision) {
			return indexed;
		}
		return scope.findById(id, Story.class);
	}

	/**
	 * The story as a conditional write left it. The condition named the revision the change was
	 * made from, and every write raises the revision, so a write that matched turned exactly
	 * that version into {@code after}.
	 */
	private static Optional<Story> writtenIf(boolean matched, Story after) {
		return matched ? Optional.of(after) : Optional.empty();
	}

	/** Why the caller may not write this story at this revision, if so: one read, before any lock. */
	private Optional<UserError> refusal(Optional<Story> current, long expectedRevision) {
		if (current.isEmpty()) {
			return Optional.of(notFound());
		}
		if (!editsAnyStory() && !current.get().createdBy().equals(CurrentUser.require().userId())) {
			return Optional.of(forbidden());
		}
		if (current.get().revision() != expectedRevision) {
			return Optional.of(conflict(current.get(), expectedRevision));
		}
		return Optional.empty();
	}

	/** The story as the update leaves it: given fields replace, the rest stay. */
	private Story applied(Story story, UpdateStoryInput input, Map<String, Channel> channels) {
		List<StoryVersion> versions = input.versions() == null ? story.versions()
				: mapper.toVersions(input.versions(), channels);
		return new Story(story.id(), story.tenantId(), story.seq(), story.externalId(),
				input.title() == null ? story.title() : StoryNormalizer.title(input.title()),
				input.summary() == null ? story.summary() : StoryNormalizer.text(input.summary()),
				input.body() == null ? story.body() : StoryNormalizer.text(input.body()),
				input.language() == null ? story.language() : input.language(),
				input.tags() == null ? story.tags() : StoryNormalizer.tags(input.tags()),
				input.region() == null ? story.region() : StoryNormalizer.region(input.region()),
				input.bylines() == null ? story.bylines() : StoryNormalizer.bylines(input.bylines()),
				input.assets() == null ? story.assets() : mapper.toAssets(input.assets()), versions,
				Story.channelIdsOf(versions), statusAfterEdit(story.status()), story.revision() + 1, story.createdBy(),
				story.createdAt(), clock.instant(), story.review());
	}

	/**
	 * An approval is for one revision: an edit of a story in review or approved is a new text,
	 * so it goes back to draft and must be submitted again (its trail stays).
	 */
	static StoryStatus statusAfterEdit(StoryStatus status) {
		return status == StoryStatus.IN_REVIEW || status == StoryStatus.APPROVED ? StoryStatus.DRAFT : status;
	}

	/** Every field an update can change, as the new version has it. */
	private static Update changes(Story after) {
		return new Update().set(REVISION, after.revision())
			.set("updatedAt", after.updatedAt())
			.set("status", after.status())
			.set("review", after.review())
			.set("title", after.title())
			.set("summary", after.summary())
			.set("body", after.body())
			.set("language", after.language())
			.set("tags", after.tags())
			.set("region", after.region())
			.set("bylines", after.bylines())
			.set("assets", after.assets())
			.set("versions", after.versions())
			.set("channelIds", after.channelIds());
	}

	/** Editors and everyone above them in the role hierarchy edit any story. */
	private boolean editsAnyStory() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return caller != null && roles.getReachableGrantedAuthorities(caller.getAuthorities())
			.contains(new SimpleGrantedAuthority(Role.EDITOR.authority()));
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
		Optional<Story> current = current(scope, id.get(), expected);
		Optional<UserError> refused = refusal(current, expected);
		if (refused.isPresent()) {
			return DeleteStoryPayload.failed(refused.get());
		}
		boolean deleted = index.delete(indexing, id.get(),
				() -> scope.deleteIf(id.get(), Criteria.where(REVISION).is(expected), Story.class));
		if (deleted) {
			told(StoryEvent.Kind.DELETED, current.get());
			return new DeleteStoryPayload(GlobalId.encode(NODE_TYPE, id.get()), List.of());
		}
		return DeleteStoryPayload.failed(whyNotWritten(scope, id.get(), expected));
	}

	/** Why a conditional write matched nothing: gone, not the caller's, or changed since. */
	private UserError whyNotWritten(TenantStore.Scope scope, String id, long expectedRevision) {
		Optional<Story> current = scope.findById(id, Story.class);
		return refusal(current, expectedRevision).orElseGet(() -> conflict(current.get(), expectedRevision));
	}

	private static UserError conflict(Story current, long expectedRevision) {
		return UserError.of(UserError.CONFLICT, "The story is at revision " + current.revision() + ", not "
				+ expectedRevision + ": someone changed it since you read it. Reload it and apply your changes again",
				"input", "expectedRevision");
	}

	private static UserError forbidden() {
		return UserError.of(UserError.FORBIDDEN, "Reporters edit only the stories they filed", "input", "id");
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
	public Optional<Story> story(String globalId) {
		return callerScope().flatMap(scope -> rawStoryId(globalId).flatMap(id -> scope.findById(id, Story.class)));
	}

	/** For {@code node(id)}: the caller's center's stories among these document ids. */
	/** {@code Story.revisions}: the story's saved edits, newest first. */
	@PreAuthorize("isAuthenticated()")
	Connection<StoryRevisions.RevisionView> revisions(Story story, PageRequest page) {
		return revisions.page(story, page);
	}

	@PreAuthorize("isAuthenticated()")
	List<Story> findVisible(Collection<String> rawIds) {
		return callerScope().map(scope -> scope.findAllById(rawIds, Story.class)).orElse(List.of());
	}

	@PreAuthorize("isAuthenticated()")
	StoryConnection stories(@Nullable StoryFilter filter, @Nullable StoryOrder order, PageRequest page) {
		return feed.page(store.current().tenantId(), filter, order, page);
	}

	/**
	 * Archive, demo and benchmark stories, written with no signed-in caller and not reachable
	 * from the graph (the import endpoint checks its caller itself). Each story keeps its status,
	 * revision, times and author, and is stored under an id that follows from its
	 * {@code externalId}, so importing it again changes nothing: the store refuses the
	 * duplicate. Numbers are reserved for the batch in one counter update; one unordered bulk
	 * insert writes the batch.
	 *
	 * @param stories stories that each have an {@code externalId}
	 * @return the stories that were new, as stored (the others were already there)
	 */
	public List<Story> importStories(String tenantId, List<Story> stories) {
		if (stories.isEmpty()) {
			return List.of();
		}
		List<Story> ordered = stories.stream().sorted(Comparator.comparing(Story::createdAt)).toList();
		int first = sequence.reserve(tenantId, ordered.size(), ordered.get(ordered.size() - 1).createdAt());
		List<Story> prepared = new ArrayList<>(ordered.size());
		for (int i = 0; i < ordered.size(); i++) {
			Story story = ordered.get(i);
			String externalId = Objects.requireNonNull(story.externalId(), "an imported story needs its externalId");
			prepared.add(story.numbered(Story.idOfImported(tenantId, externalId), tenantId, first + i));
		}
		List<Story> inserted = store.forTenant(tenantId).insertNew(prepared);
		index.indexWritten(indexing, inserted);
		return inserted;
	}

	/**
	 * A saved edit of an archive or demo story's history, written with no signed-in caller.
	 *
	 * @param revision the story revision the edit made
	 * @param correction whether it corrected the published text
	 * @param authorId who saved it
	 * @param authorUsername their login name
	 * @param at when
	 * @param before the content it replaced
	 */
	public record ImportedEdit(long revision, boolean correction, String authorId, String authorUsername, Instant at,
			StoryContent before) {
	}

	/**
	 * Writes an imported story's history of edits (oldest first), the same way saved edits are
	 * kept: the content each replaced by {@code _id}, and the history document. Writing it again
	 * changes nothing.
	 */
	public void importRevisions(String tenantId, Story story, List<ImportedEdit> edits) {
		TenantStore.Scope scope = store.forTenant(tenantId);
		Map<String, Update> kept = new java.util.LinkedHashMap<>();
		List<StoryRevision.Edit> lines = new ArrayList<>();
		for (int i = 0; i < edits.size(); i++) {
			ImportedEdit edit = edits.get(i);
			StoryContent made = i + 1 < edits.size() ? edits.get(i + 1).before() : StoryContent.of(story);
			kept.put(StoryRevision.idOf(story.id(), edit.revision()), new Update().set("storyId", story.id())
				.set(REVISION, edit.revision())
				.set("before", edit.before()));
			lines.add(new StoryRevision.Edit(edit.revision(),
					edit.correction() ? StoryRevision.Kind.CORRECTION : StoryRevision.Kind.EDIT, edit.authorId(),
					edit.authorUsername(), edit.at(), made.changedFrom(edit.before()),
					edit.correction() ? edit.revision() - 1 : 0));
		}
		scope.bulkUpdate(kept, true, StoryRevision.class);
		scope.upsertWithoutResult(StoryRevision.History.idOf(story.id()), new Update().set("edits", lines), StoryRevision.History.class);
	}

	/**
	 * {@code rebuildStoryIndex}: a center's admin rebuilds its own center's index; the platform
	 * admin any center's.
	 */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	RebuildStoryIndexPayload rebuildIndexFor(@Nullable String globalTenantId) {
		Optional<String> tenantId = administeredTenant(globalTenantId);
		if (tenantId.isEmpty()) {
			return new RebuildStoryIndexPayload(null, null,
					List.of(UserError.of(UserError.NOT_FOUND, "No such media center", "input", "tenantId")));
		}
		StoryIndexRebuilds.Rebuild rebuild = rebuilds.start(tenantId.get(), this::rebuildIndex);
		return new RebuildStoryIndexPayload(rebuild.indexedStories(), rebuild, List.of());
	}

	/** {@code storyIndexRebuild}: the last rebuild of a center's index on this instance. */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	Optional<StoryIndexRebuilds.Rebuild> latestRebuild(@Nullable String globalTenantId) {
		return administeredTenant(globalTenantId).flatMap(rebuilds::latest);
	}

	/** The caller's own center, or for the platform admin the one named. */
	static Optional<String> administeredTenant(@Nullable String globalTenantId) {
		return CurrentUser.require().administeredTenant(globalTenantId == null ? Optional.empty()
				: Optional.of(GlobalId.decode(globalTenantId, "Tenant").orElse("")));
	}

	/**
	 * Rebuilds a center's stories in the search index from MongoDB, should the index ever be
	 * doubted. Lists keep answering meanwhile.
	 *
	 * @return how many stories were indexed, and how many left out (they cannot be read)
	 */
	public SearchIndex.Rebuilt rebuildIndex(String tenantId) {
		return index.rebuild(indexing, tenantId);
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
