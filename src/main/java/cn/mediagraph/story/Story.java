package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.mediagraph.platform.mongo.TenantOwned;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A story of a media center: the document and the aggregate. Whole-story writes are single-
 * document and conditional on {@link #revision}, so two editors cannot silently overwrite each
 * other without transactions.
 *
 * @param id the document id
 * @param tenantId the media center
 * @param seq the story's number in its center, from an atomic counter: breaks ties between
 * stories filed in the same millisecond, so every list position is unique
 * @param externalId the story's id in the archive it was imported from, if it was
 * @param title the headline
 * @param summary a short summary, possibly empty
 * @param body the full text as filed, possibly empty
 * @param language a BCP-47 tag, e.g. {@code zh-Hans} or {@code bo}
 * @param tags distinct, trimmed subject tags
 * @param region the township it is about, if one
 * @param bylines who reported it, as credited
 * @param assets the media gathered for it
 * @param versions the forms produced from it
 * @param channelIds the distinct channel ids of {@code versions}, kept so that the channel
 * filter is an indexed equality on a plain array
 * @param status where it stands in review and publication
 * @param revision counts writes, from 1; each update names the revision it was made to
 * @param createdBy the id of the user who filed it
 * @param createdAt when it was filed
 * @param updatedAt when it last changed
 */
@Document(Story.COLLECTION)
public record Story(@Id String id, String tenantId, int seq, @Nullable String externalId, String title, String summary, String body, String language,
		List<String> tags, @Nullable String region, List<String> bylines, List<MediaAsset> assets,
		List<StoryVersion> versions, List<String> channelIds, StoryStatus status, long revision, String createdBy,
		Instant createdAt, Instant updatedAt) implements TenantOwned {

	static final String COLLECTION = "stories";

	/** The first revision of every story. */
	public static final long FIRST_REVISION = 1;

	/** The id of a story filed in the center with this number. */
	public static String idOf(String tenantId, int seq) {
		return tenantId + "-" + seq;
	}

	/**
	 * The id of a story imported with this archive id: the same on every import, so a second
	 * import of the same story is refused by the store itself (idempotent, with no lookup).
	 */
	public static String idOfImported(String tenantId, String externalId) {
		return tenantId + "~" + externalId;
	}

	/** The story moved to another status: a new revision. */
	public Story withStatus(StoryStatus newStatus, Instant at) {
		return new Story(id, tenantId, seq, externalId, title, summary, body, language, tags, region, bylines, assets,
				versions, channelIds, newStatus, revision + 1, createdBy, createdAt, at);
	}

	/** The story as an archive gives it: its archive id and where it stood. */
	public Story imported(String archiveId, StoryStatus archivedStatus) {
		return new Story(id, tenantId, seq, archiveId, title, summary, body, language, tags, region, bylines, assets,
				versions, channelIds, archivedStatus, revision, createdBy, createdAt, updatedAt);
	}

	/** The story as it is stored under this id and number in this center. */
	public Story numbered(String newId, String newTenantId, int newSeq) {
		return new Story(newId, newTenantId, newSeq, externalId, title, summary, body, language, tags, region, bylines,
				assets, versions, Story.channelIdsOf(versions), status, revision, createdBy, createdAt, updatedAt);
	}

	/** The distinct channels the versions target, in order of first appearance. */
	public static List<String> channelIdsOf(List<StoryVersion> versions) {
		return versions.stream().map(StoryVersion::channelId).filter(Objects::nonNull).distinct().toList();
	}

}
