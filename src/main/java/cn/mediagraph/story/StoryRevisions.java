package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.Connection.Edge;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A story's revision history. Each saved edit keeps the content it replaced whole
 * ({@link StoryRevision}, by {@code _id}) and adds a line to the story's history document, so an
 * edit writes three documents: the revision (before the story, so no saved edit lacks it), the
 * story, and the history line (after, only when the story was written). Reading a page of
 * history is two reads by {@code _id}: the history and the page's revisions.
 */
@Component
class StoryRevisions {

	private final TenantStore store;

	StoryRevisions(TenantStore store) {
		this.store = store;
	}

	/** Keeps the content the edit to {@code after} replaces; call before the story is written. */
	void keep(TenantStore.Scope scope, Story before, Story after) {
		String id = StoryRevision.idOf(before.id(), after.revision());
		scope.upsertWithoutResult(id, new Update().set("storyId", before.id())
			.set("revision", after.revision())
			.set("before", StoryContent.of(before)), StoryRevision.class);
	}

	/** Records the saved edit in the story's history; call once the story was written. */
	void recorded(TenantStore.Scope scope, Story before, Story after, StoryRevision.Kind kind) {
		CurrentUser caller = CurrentUser.require();
		List<String> changed = StoryContent.of(after).changedFrom(StoryContent.of(before));
		long published = kind == StoryRevision.Kind.CORRECTION ? before.review().publishedRevision() : 0;
		StoryRevision.Edit edit = new StoryRevision.Edit(after.revision(), kind, caller.userId(), caller.username(),
				after.updatedAt(), changed, published);
		scope.upsertWithoutResult(StoryRevision.History.idOf(before.id()), new Update().push("edits", edit),
				StoryRevision.History.class);
	}

	/**
	 * A page of the story's saved edits, newest first, each with the content it replaced and
	 * the content it made.
	 */
	Connection<RevisionView> page(Story story, PageRequest page) {
		TenantStore.Scope scope = store.forTenant(story.tenantId());
		List<StoryRevision.Edit> edits = new ArrayList<>(scope
			.findById(StoryRevision.History.idOf(story.id()), StoryRevision.History.class)
			.map(StoryRevision.History::edits)
			.orElse(List.of()));
		Collections.reverse(edits);
		int start = 0;
		if (page.cursor() != null) {
			long after = cursorRevision(page.cursor());
			while (start < edits.size() && edits.get(start).revision() >= after) {
				start++;
			}
		}
		int end = Math.min(edits.size(), start + page.size());
		List<StoryRevision.Edit> shown = edits.subList(start, end);
		Map<Long, StoryContent> before = befores(scope, story, edits, start, end);
		List<Edge<RevisionView>> edgeList = new ArrayList<>();
		for (int i = start; i < end; i++) {
			StoryRevision.Edit edit = edits.get(i);
			StoryContent made = i == 0 ? StoryContent.of(story) : before.get(edits.get(i - 1).revision());
			edgeList.add(new Edge<>(cursor(edit.revision()), new RevisionView(GlobalId.encode(StoryService.NODE_TYPE,
					story.id()), edit, before.get(edit.revision()), made)));
		}
		PageInfo info = new PageInfo(end < edits.size(), start > 0, edgeList.isEmpty() ? null : edgeList.get(0).cursor(),
				edgeList.isEmpty() ? null : edgeList.get(edgeList.size() - 1).cursor());
		int total = edits.size();
		return new Connection<>(shown.isEmpty() ? List.of() : edgeList, info, () -> total);
	}

	/** The content each edit of the page replaced, and the one the next newer edit replaced (this page's newest made it). */
	private static Map<Long, StoryContent> befores(TenantStore.Scope scope, Story story, List<StoryRevision.Edit> edits,
			int start, int end) {
		List<String> ids = new ArrayList<>();
		for (int i = Math.max(0, start - 1); i < end; i++) {
			ids.add(StoryRevision.idOf(story.id(), edits.get(i).revision()));
		}
		Map<Long, StoryContent> found = new HashMap<>();
		for (StoryRevision revision : scope.findAllById(ids, StoryRevision.class)) {
			found.put(revision.revision(), revision.before());
		}
		return found;
	}

	private static String cursor(long revision) {
		return "r" + revision;
	}

	private static long cursorRevision(String cursor) {
		try {
			return Long.parseLong(cursor.startsWith("r") ? cursor.substring(1) : cursor);
		}
		catch (NumberFormatException ex) {
			throw new cn.mediagraph.platform.graphql.BadRequestException("Not a cursor of this list: " + cursor);
		}
	}

	/**
	 * One saved edit as the graph shows it.
	 *
	 * @param storyId the story's global id
	 * @param edit who saved what, when
	 * @param before the content it replaced
	 * @param after the content it made
	 */
	record RevisionView(String storyId, StoryRevision.Edit edit, @Nullable StoryContent before,
			@Nullable StoryContent after) {

		public long revision() {
			return edit.revision();
		}

		public StoryRevision.Kind kind() {
			return edit.kind();
		}

		public java.time.Instant at() {
			return edit.at();
		}

		public List<String> changedFields() {
			return edit.changed();
		}

		public @Nullable Long publishedRevision() {
			return edit.publishedRevision() > 0 ? edit.publishedRevision() : null;
		}

		/** The content this edit made. */
		public @Nullable StoryContent content() {
			return after;
		}

		/** The content it replaced. */
		public @Nullable StoryContent previous() {
			return before;
		}

		/** Who saved it. */
		public Author author() {
			return new Author(GlobalId.encode("User", edit.authorId()), edit.authorUsername());
		}

		/** Field by field, what the edit changed; running text line by line. */
		public List<FieldChange> changes() {
			if (before == null || after == null) {
				return List.of();
			}
			Map<String, @Nullable String> then = before.shown();
			Map<String, @Nullable String> now = after.shown();
			List<FieldChange> changes = new ArrayList<>();
			for (String field : after.changedFrom(before)) {
				String was = then.get(field);
				String is = now.get(field);
				List<TextDiff.Segment> segments = StoryContent.TEXT_FIELDS.contains(field)
						? TextDiff.lines(was == null ? "" : was, is == null ? "" : is) : List.of();
				changes.add(new FieldChange(field, was, is, segments));
			}
			return changes;
		}

	}

	/** Who saved an edit, as recorded with it. */
	record Author(String id, String username) {
	}

	/** A field an edit changed: its value before and after, and for running text the lines that changed. */
	record FieldChange(String field, @Nullable String before, @Nullable String after, List<TextDiff.Segment> segments) {
	}

}
