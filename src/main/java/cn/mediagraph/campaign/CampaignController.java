package cn.mediagraph.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.campaign.CampaignInputs.CampaignFilter;
import cn.mediagraph.campaign.CampaignInputs.CampaignPayload;
import cn.mediagraph.campaign.CampaignInputs.CancelCampaignInput;
import cn.mediagraph.campaign.CampaignInputs.CreateCampaignInput;
import cn.mediagraph.campaign.CampaignInputs.UpdateCampaignInput;
import cn.mediagraph.channel.ChannelLoader;
import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.NodeResolver;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.story.Story;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

@Controller
class CampaignController implements NodeResolver, RuntimeWiringConfigurer {

	private final CampaignService campaigns;

	private final PostService posts;

	private final CenterZones zones;

	private final TenantStore store;

	private final Clock clock;

	CampaignController(CampaignService campaigns, PostService posts, CenterZones zones,
			TenantStore store, Clock clock) {
		this.campaigns = campaigns;
		this.posts = posts;
		this.zones = zones;
		this.store = store;
		this.clock = clock;
	}

	@QueryMapping
	@Nullable Campaign campaign(@Argument String id) {
		return campaigns.campaign(id).orElse(null);
	}

	@QueryMapping
	Connection<Campaign> campaigns(@Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable CampaignFilter filter) {
		return campaigns.campaigns(filter, PageRequest.of(first, after, null, null));
	}

	@MutationMapping
	CampaignPayload createCampaign(@Argument CreateCampaignInput input) {
		return campaigns.create(input);
	}

	@MutationMapping
	CampaignPayload updateCampaign(@Argument UpdateCampaignInput input) {
		return campaigns.update(input);
	}

	@MutationMapping
	CampaignPayload cancelCampaign(@Argument CancelCampaignInput input) {
		return campaigns.cancel(input.id());
	}

	@SchemaMapping
	CampaignStatus status(Campaign campaign) {
		return campaign.statusAt(clock.instant());
	}

	@SchemaMapping
	String timeZone(Campaign campaign) {
		return zones.of(campaign.tenantId()).getId();
	}

	/** A campaign's channels: batch-loaded with every other channel of the response. */
	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.type("Campaign", type -> type.dataFetcher("channels",
				ChannelLoader.channels(Campaign.class, Campaign::channelIds)));
	}

	@SchemaMapping
	Connection<Post> posts(Campaign campaign, @Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable PostStatus status, @Argument @Nullable String channelId) {
		return posts.posts(campaign, status, channelId, PageRequest.of(first, after, null, null));
	}

	/** A story of a campaign, with how many of its posts carry it. */
	static final class StoryEdge extends DefaultEdge<Story> {

		private final int postCount;

		StoryEdge(String cursor, Story node, int postCount) {
			super(node, new DefaultConnectionCursor(cursor));
			this.postCount = postCount;
		}

		public int getPostCount() {
			return postCount;
		}

	}

	/** A page of a campaign's stories: a graphql-java connection, which Spring for GraphQL passes through as it is. */
	static final class StoryPage extends DefaultConnection<Story> {

		private final int totalCount;

		StoryPage(List<Edge<Story>> edges, PageInfo pageInfo, int totalCount) {
			super(edges, pageInfo);
			this.totalCount = totalCount;
		}

		public int getTotalCount() {
			return totalCount;
		}

		public List<Story> getNodes() {
			return getEdges().stream().map(Edge::getNode).toList();
		}

	}

	/** The stories of a campaign's posts, most posted first; the cursor is a position in that order. */
	@SchemaMapping
	StoryPage stories(Campaign campaign, @Argument @Nullable Integer first, @Argument @Nullable String after) {
		PageRequest page = PageRequest.of(first, after, null, null);
		List<SearchIndex.FacetCount> all = posts.storiesOf(campaign);
		int from = after == null ? 0 : position(after) + 1;
		List<SearchIndex.FacetCount> slice = all.subList(Math.min(from, all.size()), Math.min(from + page.size(), all.size()));
		Map<String, Story> byId = store.current()
			.findAllById(slice.stream().map(SearchIndex.FacetCount::value).toList(), Story.class)
			.stream()
			.collect(Collectors.toMap(Story::id, Function.identity()));
		List<Edge<Story>> edges = new ArrayList<>();
		for (int i = 0; i < slice.size(); i++) {
			Story story = byId.get(slice.get(i).value());
			if (story != null) {
				edges.add(new StoryEdge(cursor(from + i), story, slice.get(i).count()));
			}
		}
		PageInfo info = new DefaultPageInfo(edges.isEmpty() ? null : edges.get(0).getCursor(),
				edges.isEmpty() ? null : edges.get(edges.size() - 1).getCursor(), from > 0, from + slice.size() < all.size());
		return new StoryPage(edges, info, all.size());
	}

	private static String cursor(int position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("s:" + position).getBytes(StandardCharsets.UTF_8));
	}

	private static int position(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!text.startsWith("s:")) {
				throw new BadRequestException("Not a cursor of this list");
			}
			return Integer.parseInt(text.substring(2));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("Not a cursor of this list");
		}
	}

	@Override
	public String typeName() {
		return CampaignService.NODE_TYPE;
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		Map<String, Object> found = new HashMap<>();
		campaigns.findVisible(rawIds).forEach(campaign -> found.put(campaign.id(), campaign));
		return found;
	}

}
