package cn.mediagraph.story;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.channel.ChannelLoader;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.NodeResolver;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.graphql.Selections;
import cn.mediagraph.story.StoryInputs.CreateStoryInput;
import cn.mediagraph.story.StoryInputs.CreateStoryPayload;
import cn.mediagraph.story.StoryInputs.DeleteStoryInput;
import cn.mediagraph.story.StoryInputs.DeleteStoryPayload;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.story.StoryInputs.UpdateStoryInput;
import cn.mediagraph.story.StoryInputs.UpdateStoryPayload;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

@Controller
class StoryController implements NodeResolver, RuntimeWiringConfigurer {

	private final StoryService stories;

	private final ChannelLoader channels;

	StoryController(StoryService stories, ChannelLoader channels) {
		this.stories = stories;
		this.channels = channels;
	}

	@MutationMapping
	CreateStoryPayload createStory(@Argument CreateStoryInput input) {
		return stories.create(input);
	}

	@MutationMapping
	UpdateStoryPayload updateStory(@Argument UpdateStoryInput input) {
		return stories.update(input);
	}

	@MutationMapping
	UpdateStoryPayload correctStory(@Argument UpdateStoryInput input) {
		return stories.correct(input);
	}

	@SchemaMapping(typeName = "Story")
	Connection<StoryRevisions.RevisionView> revisions(Story story, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return stories.revisions(story, PageRequest.of(first, after, null, null));
	}

	@MutationMapping
	StoryInputs.RebuildStoryIndexPayload rebuildStoryIndex(@Argument StoryInputs.RebuildStoryIndexInput input) {
		return stories.rebuildIndexFor(input.tenantId());
	}

	@QueryMapping
	StoryIndexRebuilds.@Nullable Rebuild storyIndexRebuild(@Argument @Nullable String tenantId) {
		return stories.latestRebuild(tenantId).orElse(null);
	}

	@MutationMapping
	DeleteStoryPayload deleteStory(@Argument DeleteStoryInput input) {
		return stories.delete(input);
	}

	/** A story, with the channels its versions name loaded ahead when they are selected. */
	@QueryMapping
	@Nullable DataFetcherResult<Story> story(@Argument String id, DataFetchingEnvironment environment) {
		Story story = stories.story(id).orElse(null);
		if (story == null) {
			return null;
		}
		return channels.ahead(story, Selections.selects(environment, "versions", "channel"),
				story.versions().stream().map(StoryVersion::channelId));
	}

	/** A page of stories, with the channels its versions name loaded ahead when they are selected. */
	@QueryMapping
	DataFetcherResult<StoryConnection> stories(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable Integer last, @Argument @Nullable String before,
			@Argument @Nullable StoryFilter filter, @Argument @Nullable StoryOrder orderBy,
			DataFetchingEnvironment environment) {
		StoryConnection page = stories.stories(filter, orderBy, PageRequest.of(first, after, last, before));
		boolean channelsSelected = Selections.selects(environment, "edges", "node", "versions", "channel")
				|| Selections.selects(environment, "nodes", "versions", "channel");
		return channels.ahead(page, channelsSelected,
				page.edges().stream().flatMap(edge -> edge.node().versions().stream()).map(StoryVersion::channelId));
	}

	/** A story version's channel: batch-loaded with every other channel of the response. */
	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.type("StoryVersion", type -> type.dataFetcher("channel",
				ChannelLoader.channel(StoryVersion.class, StoryVersion::channelId)));
	}

	@Override
	public String typeName() {
		return StoryService.NODE_TYPE;
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		return stories.findVisible(rawIds).stream().collect(Collectors.toMap(Story::id, Function.identity()));
	}

}
