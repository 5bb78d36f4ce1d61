package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.platform.mapping.MappingConfig;
import cn.mediagraph.story.StoryInputs.CreateStoryInput;
import cn.mediagraph.story.StoryInputs.MediaAssetInput;
import cn.mediagraph.story.StoryInputs.StoryVersionInput;
import org.jspecify.annotations.Nullable;
import org.mapstruct.Context;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.NullValueMappingStrategy;

/**
 * Turns checked input into the story document and its parts, normalized by {@link StoryNormalizer}
 * the same way on create and update.
 */
@Mapper(config = MappingConfig.class, nullValueIterableMappingStrategy = NullValueMappingStrategy.RETURN_DEFAULT)
interface StoryMapper {

	@Mapping(target = "id", source = "id")
	@Mapping(target = "tenantId", source = "tenantId")
	@Mapping(target = "seq", source = "seq")
	@Mapping(target = "externalId", ignore = true)
	@Mapping(target = "title", expression = "java(StoryNormalizer.title(input.title()))")
	@Mapping(target = "summary", expression = "java(StoryNormalizer.text(input.summary()))")
	@Mapping(target = "body", expression = "java(StoryNormalizer.text(input.body()))")
	@Mapping(target = "language", source = "input.language")
	@Mapping(target = "tags", expression = "java(StoryNormalizer.tags(input.tags()))")
	@Mapping(target = "region", expression = "java(StoryNormalizer.region(input.region()))")
	@Mapping(target = "bylines", expression = "java(StoryNormalizer.bylines(input.bylines()))")
	@Mapping(target = "assets", expression = "java(toAssets(input.assets()))")
	@Mapping(target = "versions", source = "versions")
	@Mapping(target = "channelIds", expression = "java(Story.channelIdsOf(versions))")
	@Mapping(target = "status", expression = "java(StoryStatus.DRAFT)")
	@Mapping(target = "revision", expression = "java(Story.FIRST_REVISION)")
	@Mapping(target = "createdBy", source = "createdBy")
	@Mapping(target = "createdAt", source = "createdAt")
	@Mapping(target = "updatedAt", source = "createdAt")
	@Mapping(target = "review", expression = "java(StoryReview.NONE)")
	// the aggregate's moves (a one-argument method returning the story), not properties
	@Mapping(target = "submitted", ignore = true)
	@Mapping(target = "decided", ignore = true)
	Story toStory(CreateStoryInput input, String id, String tenantId, int seq, List<StoryVersion> versions,
			String createdBy, Instant createdAt);

	@Mapping(target = "url", expression = "java(input.url().strip())")
	@Mapping(target = "caption", expression = "java(StoryNormalizer.optional(input.caption()))")
	MediaAsset toAsset(MediaAssetInput input);

	List<MediaAsset> toAssets(@Nullable List<MediaAssetInput> inputs);

	/** {@code channels}: the channels the versions name, as the validator found them. */
	@Mapping(target = "channelId", expression = "java(StoryValidator.rawChannelId(input).orElse(null))")
	@Mapping(target = "medium", expression = "java(StoryNormalizer.mediumOf(input, channels))")
	@Mapping(target = "title", expression = "java(StoryNormalizer.title(input.title()))")
	@Mapping(target = "body", expression = "java(StoryNormalizer.text(input.body()))")
	StoryVersion toVersion(StoryVersionInput input, @Context Map<String, Channel> channels);

	List<StoryVersion> toVersions(@Nullable List<StoryVersionInput> inputs, @Context Map<String, Channel> channels);

}
