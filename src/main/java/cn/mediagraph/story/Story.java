package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.story.feed.StoryTerms;
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
 * @param seq the story's number in its center: grows with creation time, orders the newsroom
 * list and names the story in the feed index
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
public record Story(@Id String id, String tenantId, int seq, String title, String summary, String body, String language,
		List<String> tags, @Nullable String region, List<String> bylines, List<MediaAsset> assets,
		List<StoryVersion> versions, List<String> channelIds, StoryStatus status, long revision, String createdBy,
		Instant createdAt, Instant updatedAt) implements TenantOwned {

	static final String COLLECTION = "stories";

	/** The first revision of every story. */
	public static final long FIRST_REVISION = 1;

	/**
	 * A story's id follows from its center and number, so a page of numbers read from the feed
	 * index is fetched with one {@code _id} lookup.
	 */
	public static String idOf(String tenantId, int seq) {
		return tenantId + "-" + seq;
	}

	/** What the feed index files the story under. */
	public Set<String> terms() {
		return StoryTerms.of(status.name(), channelIds, tags, region, language, title, summary, body);
	}

	/** The distinct channels the versions target, in order of first appearance. */
	public static List<String> channelIdsOf(List<StoryVersion> versions) {
		return versions.stream().map(StoryVersion::channelId).filter(Objects::nonNull).distinct().toList();
	}

}
