package cn.mediagraph.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.campaign.CampaignInputs.CancelPostInput;
import cn.mediagraph.campaign.CampaignInputs.ConfirmPostInput;
import cn.mediagraph.campaign.CampaignInputs.PostPayload;
import cn.mediagraph.campaign.CampaignInputs.ReschedulePostInput;
import cn.mediagraph.campaign.CampaignInputs.SchedulePostInput;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelLoader;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.NodeResolver;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.story.Story;
import graphql.schema.idl.RuntimeWiring;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

@Controller
class PostController implements NodeResolver, RuntimeWiringConfigurer {

	private static final Duration MAX_CALENDAR = Duration.ofDays(62);

	private static final int MAX_CALENDAR_POSTS = 2000;

	private final PostService posts;

	private final CampaignService campaigns;

	private final ChannelService channels;

	private final TenantStore store;

	private final PublisherSettings settings;

	PostController(PostService posts, CampaignService campaigns, ChannelService channels, TenantStore store,
			PublisherSettings settings) {
		this.posts = posts;
		this.campaigns = campaigns;
		this.channels = channels;
		this.store = store;
		this.settings = settings;
	}

	@MutationMapping
	PostPayload schedulePost(@Argument SchedulePostInput input) {
		return posts.schedule(input);
	}

	@MutationMapping
	PostPayload reschedulePost(@Argument ReschedulePostInput input) {
		return posts.reschedule(input);
	}

	@MutationMapping
	PostPayload cancelPost(@Argument CancelPostInput input) {
		return posts.cancel(input);
	}

	@MutationMapping
	PostPayload confirmPost(@Argument ConfirmPostInput input) {
		return posts.confirm(input);
	}

	@QueryMapping
	@PreAuthorize("isAuthenticated()")
	List<Calendar.Day> calendar(@Argument Instant from, @Argument Instant to, @Argument @Nullable List<String> channelIds) {
		if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_CALENDAR) > 0) {
			throw new BadRequestException("A calendar runs forward over at most 62 days");
		}
		List<String> ids = channelIds == null ? null
				: channelIds.stream().map(id -> GlobalId.decode(id, "Channel")).flatMap(Optional::stream).toList();
		List<Post> found = posts.between(from, to, ids, MAX_CALENDAR_POSTS);
		List<String> channelIdsFound = found.stream().map(Post::channelId).distinct().toList();
		Map<String, Channel> byId = channels.findAllById(channelIdsFound).stream()
			.collect(Collectors.toMap(Channel::id, Function.identity()));
		List<String> waiting = found.stream().filter(post -> post.status() == PostStatus.SCHEDULED).map(Post::storyId).distinct().toList();
		Set<String> unapproved = store.current().findAllById(waiting, Story.class).stream()
			.filter(story -> !PostRules.deliverable(story.status()))
			.map(Story::id)
			.collect(Collectors.toSet());
		return Calendar.days(from, to, posts.zoneOfCaller(), found, byId, unapproved, settings.minGap());
	}

	/**
	 * Where a story ran or is planned to run, across the campaigns of its center: one index
	 * query per story, no MongoDB command; the posts' campaigns, channels and stories are then
	 * batch-loaded like those of {@code Campaign.posts}.
	 */
	@SchemaMapping(typeName = "Story")
	Connection<Post> posts(Story story, @Argument @Nullable Integer first, @Argument @Nullable String after,
			@Argument @Nullable PostStatus status) {
		return posts.posts(story, status, PageRequest.of(first, after, null, null));
	}

	@BatchMapping
	Map<Post, Campaign> campaign(List<Post> list) {
		return byPost(list, Post::campaignId,
				campaigns.findVisible(distinct(list, Post::campaignId)).stream()
					.collect(Collectors.toMap(Campaign::id, Function.identity())));
	}

	@BatchMapping
	Map<Post, Story> story(List<Post> list) {
		return byPost(list, Post::storyId, store.current().findAllById(distinct(list, Post::storyId), Story.class).stream()
			.collect(Collectors.toMap(Story::id, Function.identity())));
	}

	/** A post's channel: batch-loaded with every other channel of the response. */
	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.type("Post", type -> type.dataFetcher("channel", ChannelLoader.channel(Post.class, Post::channelId)));
	}

	private static List<String> distinct(List<Post> posts, Function<Post, String> id) {
		return posts.stream().map(id).distinct().toList();
	}

	/** Each post with what it points at, leaving out posts whose target was not found. */
	private static <T> Map<Post, T> byPost(List<Post> posts, Function<Post, String> id, Map<String, T> found) {
		Map<Post, T> result = new HashMap<>();
		posts.forEach(post -> {
			T target = found.get(id.apply(post));
			if (target != null) {
				result.put(post, target);
			}
		});
		return result;
	}

	@Override
	public String typeName() {
		return PostService.NODE_TYPE;
	}

	@Override
	public Map<String, Object> findAll(Collection<String> rawIds) {
		Map<String, Object> found = new HashMap<>();
		posts.findVisible(rawIds).forEach(post -> found.put(post.id(), post));
		return found;
	}

}
