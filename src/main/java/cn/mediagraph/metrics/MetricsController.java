package cn.mediagraph.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.Post;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.metrics.MetricInputs.LinkContentInput;
import cn.mediagraph.metrics.MetricInputs.LinkContentPayload;
import cn.mediagraph.metrics.MetricInputs.ReachRange;
import cn.mediagraph.metrics.MetricInputs.RecordMetricsInput;
import cn.mediagraph.metrics.MetricInputs.RecordMetricsPayload;
import cn.mediagraph.metrics.MetricInputs.SetInfluenceWeightsInput;
import cn.mediagraph.metrics.MetricInputs.SetInfluenceWeightsPayload;
import cn.mediagraph.metrics.Reach.MetricValue;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.story.Story;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

@Controller
class MetricsController {

	private final ReachService reach;

	private final MetricService metrics;

	private final TenantStore store;

	MetricsController(ReachService reach, MetricService metrics, TenantStore store) {
		this.reach = reach;
		this.metrics = metrics;
		this.store = store;
	}

	/** A metric of the catalogue, as the graph shows it. */
	record MetricKind(MetricName name) {

		public MetricUnit unit() {
			return name.unit();
		}

		public Aggregation aggregation() {
			return name.aggregation();
		}

		public boolean gross() {
			return name.gross();
		}

	}

	/** A channel's share of a reach, as the graph shows it. */
	record ChannelReach(Channel channel, List<MetricValue> totals) {
	}

	/** A platform's or medium's share of a reach. */
	record GroupReach(String key, List<MetricValue> totals) {
	}

	record PlatformWeight(Platform platform, double weight) {
	}

	record MetricWeight(MetricName metric, double weight) {
	}

	@QueryMapping
	List<MetricKind> metricCatalogue() {
		return reach.catalogue().stream().map(MetricKind::new).toList();
	}

	@SchemaMapping(typeName = "Story")
	Reach reach(Story story, @Argument ReachRange range) {
		return reach.story(story, range);
	}

	@SchemaMapping(typeName = "Post", field = "reach")
	Reach postReach(Post post, @Argument ReachRange range) {
		return reach.post(post.tenantId(), post.id(), post.channelId(), range);
	}

	@SchemaMapping(typeName = "Campaign", field = "reach")
	Reach campaignReach(Campaign campaign, @Argument ReachRange range) {
		return reach.campaign(campaign.tenantId(), campaign.id(), range);
	}

	@SchemaMapping(typeName = "Campaign")
	List<ReachService.GoalProgress> goalProgress(Campaign campaign, @Argument @Nullable ReachRange range) {
		return reach.goalProgress(campaign, range);
	}

	@SchemaMapping(typeName = "Channel", field = "reach")
	Reach channelReach(Channel channel, @Argument ReachRange range) {
		return reach.channel(channel, range);
	}

	@QueryMapping
	Reach tenantReach(@Argument ReachRange range) {
		return reach.tenant(range);
	}

	@QueryMapping
	RankedStoryConnection topStories(@Argument MetricName metric, @Argument ReachRange range, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		return reach.topStories(metric, range, first, after);
	}

	@QueryMapping
	RankedStoryConnection storyInfluence(@Argument ReachRange range, @Argument @Nullable Integer first, @Argument @Nullable String after) {
		return reach.storyInfluence(range, first, after);
	}

	@QueryMapping
	List<ReachService.ChannelInfluence> channelInfluence(@Argument ReachRange range) {
		return reach.channelInfluence(range);
	}

	@QueryMapping
	InfluenceWeights influenceWeights() {
		return reach.influenceWeights();
	}

	@SchemaMapping(typeName = "InfluenceWeights")
	List<PlatformWeight> platforms(InfluenceWeights weights) {
		List<PlatformWeight> list = new ArrayList<>();
		for (Platform platform : Platform.values()) {
			list.add(new PlatformWeight(platform, weights.platform(platform.name())));
		}
		return list;
	}

	@SchemaMapping(typeName = "InfluenceWeights")
	List<MetricWeight> metrics(InfluenceWeights weights) {
		return weights.metrics().entrySet().stream()
			.map(entry -> new MetricWeight(MetricName.valueOf(entry.getKey()), entry.getValue()))
			.toList();
	}

	@QueryMapping
	ReachService.ProvinceReach provinceReach(@Argument ReachRange range) {
		return reach.province(range);
	}

	@SchemaMapping(typeName = "Reach")
	List<ChannelReach> byChannel(Reach reach) {
		List<Reach.ChannelTotals> totals = reach.byChannel();
		Map<String, Channel> channels = channels(reach, totals);
		return totals.stream()
			.filter(one -> channels.containsKey(one.channelId()))
			.map(one -> new ChannelReach(channels.get(one.channelId()), one.totals()))
			.toList();
	}

	@SchemaMapping(typeName = "Reach")
	List<GroupReach> byPlatform(Reach reach) {
		return grouped(reach, channel -> channel.platform().name());
	}

	@SchemaMapping(typeName = "Reach")
	List<GroupReach> byMedium(Reach reach) {
		return grouped(reach, channel -> channel.medium().name());
	}

	@SchemaMapping(typeName = "Reach")
	List<Reach.Point> series(Reach reach, @Argument MetricName metric, @Argument Granularity granularity) {
		return reach.series(metric, granularity);
	}

	/**
	 * Channel figures summed by a property of the channel. Only counters add up this way
	 * (gauges too: each channel's latest value); peaks take the highest; rates and unique
	 * counts are left out, as their weights or people cannot be added from the totals.
	 */
	private List<GroupReach> grouped(Reach reach, Function<Channel, String> key) {
		List<Reach.ChannelTotals> totals = reach.byChannel();
		Map<String, Channel> channels = channels(reach, totals);
		Map<String, Map<MetricName, Double>> groups = new LinkedHashMap<>();
		for (Reach.ChannelTotals one : totals) {
			Channel channel = channels.get(one.channelId());
			if (channel == null) {
				continue;
			}
			Map<MetricName, Double> group = groups.computeIfAbsent(key.apply(channel), k -> new LinkedHashMap<>());
			for (MetricValue value : one.totals()) {
				Aggregation aggregation = value.metric().aggregation();
				if (value.value() == null || aggregation == Aggregation.WEIGHTED_AVERAGE || aggregation == Aggregation.UNIQUE) {
					continue;
				}
				group.merge(value.metric(), value.value(), aggregation == Aggregation.MAX ? Math::max : Double::sum);
			}
		}
		List<GroupReach> result = new ArrayList<>();
		groups.forEach((name, values) -> result.add(new GroupReach(name,
				values.entrySet().stream().map(entry -> new MetricValue(entry.getKey(), entry.getValue())).toList())));
		return result;
	}

	private Map<String, Channel> channels(Reach reach, List<Reach.ChannelTotals> totals) {
		List<String> ids = totals.stream().map(Reach.ChannelTotals::channelId).toList();
		Map<String, Channel> byId = new HashMap<>();
		store.forTenant(reach.tenantId()).findAllById(ids, Channel.class).forEach(channel -> byId.put(channel.id(), channel));
		return byId;
	}

	/** Global ids of the subscription decoded to document ids; a wrong type is no such object. */
	@SubscriptionMapping
	reactor.core.publisher.Flux<ReachService.LiveTotals> reachTotals(@Argument @Nullable String storyId,
			@Argument @Nullable String campaignId, @Argument ReachRange range) {
		return reach.live(storyId == null ? null : GlobalId.decode(storyId, "Story").orElse(""),
				campaignId == null ? null : GlobalId.decode(campaignId, "Campaign").orElse(""), range);
	}

	@MutationMapping
	RecordMetricsPayload recordMetrics(@Argument RecordMetricsInput input) {
		return metrics.record(input);
	}

	@MutationMapping
	LinkContentPayload linkContent(@Argument LinkContentInput input) {
		return metrics.link(input);
	}

	@MutationMapping
	MetricInputs.RebuildMetricRollupsPayload rebuildMetricRollups(@Argument MetricInputs.RebuildMetricRollupsInput input) {
		return metrics.rebuildRollups(input.tenantId());
	}

	@QueryMapping
	MetricRollupRebuilds.@Nullable Rebuild metricRollupRebuild(@Argument @Nullable String tenantId) {
		return metrics.latestRebuild(tenantId).orElse(null);
	}

	@MutationMapping
	SetInfluenceWeightsPayload setInfluenceWeights(@Argument SetInfluenceWeightsInput input) {
		return metrics.setInfluenceWeights(input);
	}

}
