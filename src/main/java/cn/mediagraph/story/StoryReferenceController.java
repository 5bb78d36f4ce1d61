package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.platform.graphql.PageRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newsroom list as a plain REST endpoint, {@code GET /reference/stories?first=20}: the same
 * stories, versions and channels as the GraphQL list query, through the same security, services
 * and index, without GraphQL. It exists to measure what the GraphQL layer costs (the load
 * benchmark reports the ratio) and is off unless {@code mediagraph.reference-endpoint.enabled}.
 */
@RestController
@ConditionalOnProperty("mediagraph.reference-endpoint.enabled")
class StoryReferenceController {

	private final StoryService stories;

	private final ChannelService channels;

	StoryReferenceController(StoryService stories, ChannelService channels) {
		this.stories = stories;
		this.channels = channels;
	}

	@GetMapping("/reference/stories")
	Map<String, Object> stories(@RequestParam(defaultValue = "20") int first) {
		StoryConnection page = stories.stories(null, null, PageRequest.of(first, null, null, null));
		List<String> channelIds = page.nodes()
			.stream()
			.flatMap(story -> story.versions().stream())
			.map(StoryVersion::channelId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		Map<String, Channel> byId = channelIds.isEmpty() ? Map.of()
				: channels.findAllById(channelIds).stream().collect(Collectors.toMap(Channel::id, Function.identity()));
		List<Map<String, Object>> edges = new ArrayList<>();
		for (StoryConnection.Edge edge : page.edges()) {
			edges.add(Map.of("cursor", edge.cursor(), "node", node(edge.node(), byId)));
		}
		Map<String, Object> pageInfo = new LinkedHashMap<>();
		pageInfo.put("hasNextPage", page.pageInfo().hasNextPage());
		pageInfo.put("endCursor", page.pageInfo().endCursor());
		return Map.of("stories", Map.of("pageInfo", pageInfo, "edges", edges));
	}

	private static Map<String, Object> node(Story story, Map<String, Channel> channels) {
		List<Map<String, Object>> versions = new ArrayList<>();
		for (StoryVersion version : story.versions()) {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("format", version.format());
			Channel channel = version.channelId() == null ? null : channels.get(version.channelId());
			out.put("channel", channel == null ? null
					: Map.of("id", channel.id(), "name", channel.name(), "platform", channel.platform()));
			versions.add(out);
		}
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("id", story.id());
		node.put("title", story.title());
		node.put("status", story.status());
		node.put("createdAt", story.createdAt());
		node.put("versions", versions);
		return node;
	}

}
