package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The content a story had before an edit replaced it, kept whole under
 * {@code <storyId>:r<revision>}, where {@code revision} is the story's revision the edit made.
 *
 * @param id {@code <storyId>:r<revision>}
 * @param tenantId the center
 * @param storyId the story's document id
 * @param revision the revision the edit gave the story
 * @param before the content as it stood before the edit
 */
@Document(StoryRevision.COLLECTION)
record StoryRevision(@Id String id, String tenantId, String storyId, long revision, StoryContent before)
		implements TenantOwned {

	static final String COLLECTION = "story_revisions";

	static String idOf(String storyId, long revision) {
		return storyId + ":r" + revision;
	}

	/**
	 * The list of a story's saved edits, oldest first, in one document
	 * ({@code <storyId>:history}): what {@code Story.revisions} pages through.
	 */
	@Document(StoryRevision.COLLECTION)
	record History(@Id String id, String tenantId, List<Edit> edits) implements TenantOwned {

		static String idOf(String storyId) {
			return storyId + ":history";
		}

		public History {
			edits = edits == null ? List.of() : List.copyOf(edits);
		}

	}

	/**
	 * One saved edit.
	 *
	 * @param revision the revision it gave the story
	 * @param kind an ordinary edit, or a published story's correction
	 * @param authorId who saved it
	 * @param authorUsername their login name then
	 * @param at when
	 * @param changed the fields it changed
	 * @param publishedRevision for a correction, the revision that was out in public
	 */
	record Edit(long revision, Kind kind, String authorId, String authorUsername, Instant at, List<String> changed,
			long publishedRevision) {
	}

	/** An edit, or a correction of a published story. */
	enum Kind {
		/** An edit before publication. */
		EDIT,
		/** A published story's correction, which goes through review again. */
		CORRECTION
	}

}
