package cn.mediagraph.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import cn.mediagraph.campaign.Campaign;
import cn.mediagraph.campaign.CampaignGoal;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.metrics.MetricInputs.ReachRange;
import cn.mediagraph.metrics.Reach.MetricValue;
import cn.mediagraph.metrics.RollupPlan.Piece;
import cn.mediagraph.platform.events.TenantEvents;
import cn.mediagraph.platform.graphql.BadRequestException;
import cn.mediagraph.platform.graphql.Connection.PageInfo;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.CurrentUser;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.Story;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Reach figures, read from rollups by {@code _id} only: of a post, story, campaign, channel or
 * center, rankings of stories and channels, and the platform admin's province view. A caller
 * sees the figures of their own center; the platform admin sees every center's.
 */
@Service
public class ReachService {

	/** The longest range asked for at once. */
	static final Duration MAX_RANGE = Duration.ofDays(366 * 10);

	private final TenantStore store;

	private final MetricIngestion ingestion;

	private final TenantService tenants;

	private final Clock clock;

	private final TenantEvents events;

	ReachService(TenantStore store, MetricIngestion ingestion, TenantService tenants, Clock clock, TenantEvents events) {
		this.events = events;
		this.store = store;
		this.ingestion = ingestion;
		this.tenants = tenants;
		this.clock = clock;
	}

	/** The metric catalogue; like every field of the graph but login, for signed-in callers. */
	@PreAuthorize("isAuthenticated()")
	List<MetricName> catalogue() {
		return List.of(MetricName.values());
	}

	@PreAuthorize("isAuthenticated()")
	Reach story(Story story, ReachRange range) {
		return reach(story.tenantId(), new Scope(Scope.STORY, story.id()), range, null);
	}

	@PreAuthorize("isAuthenticated()")
	Reach channel(Channel channel, ReachRange range) {
		return reach(channel.tenantId(), new Scope(Scope.CHANNEL, channel.id()), range, channel.id());
	}

	@PreAuthorize("isAuthenticated()")
	Reach post(String tenantId, String postId, @Nullable String channelId, ReachRange range) {
		return reach(tenantId, new Scope(Scope.POST, postId), range, channelId);
	}

	@PreAuthorize("isAuthenticated()")
	Reach campaign(String tenantId, String campaignId, ReachRange range) {
		return reach(tenantId, new Scope(Scope.CAMPAIGN, campaignId), range, null);
	}

	/**
	 * A story's or campaign's totals over the range, now and each time samples move them (at
	 * most once a second), for big screens. The caller's center only.
	 */
	@PreAuthorize("isAuthenticated()")
	Flux<LiveTotals> live(@Nullable String storyId, @Nullable String campaignId, ReachRange range) {
		CurrentUser caller = CurrentUser.require();
		String tenantId = caller.requireTenantId();
		check(range);
		if ((storyId == null) == (campaignId == null)) {
			throw new BadRequestException("Give a story or a campaign");
		}
		Scope scope = storyId != null ? new Scope(Scope.STORY, storyId) : new Scope(Scope.CAMPAIGN, campaignId);
		String key = storyId != null ? "stories" : "campaigns";
		String id = storyId != null ? storyId : campaignId;
		Flux<LiveTotals> changes = events.subscribe(tenantId, MetricIngestion.TOPIC, caller.userId())
			.filter(event -> names(event.text(key), id))
			.sample(Duration.ofSeconds(1))
			.map(event -> new LiveTotals(unchecked(tenantId, scope, range, null).totals(), event.at()));
		return Flux.concat(Flux.just(new LiveTotals(unchecked(tenantId, scope, range, null).totals(), clock.instant())),
				changes);
	}

	private static boolean names(@Nullable String ids, String id) {
		return ids != null && ("*".equals(ids) || java.util.Arrays.asList(ids.split(",")).contains(id));
	}

	/** Totals pushed to a live screen, and when they moved. */
	public record LiveTotals(List<MetricValue> totals, java.time.Instant at) {
	}

	/**
	 * Progress toward each of a campaign's goals whose metric is in the catalogue: the campaign's
	 * figure over the range (its window by default) against the target.
	 */
	@PreAuthorize("isAuthenticated()")
	List<GoalProgress> goalProgress(Campaign campaign, @Nullable ReachRange range) {
		ReachRange window = range != null ? range : new ReachRange(campaign.startsAt(), campaign.endsAt());
		Reach reach = campaign(campaign.tenantId(), campaign.id(), window);
		Map<MetricName, Double> totals = new EnumMap<>(MetricName.class);
		reach.totals().forEach(value -> totals.put(value.metric(), value.value()));
		List<GoalProgress> progress = new ArrayList<>();
		for (CampaignGoal goal : campaign.goals()) {
			MetricName metric = MetricName.named(goal.metric());
			if (metric == null || goal.target() <= 0) {
				continue;
			}
			Double value = totals.get(metric);
			double reached = value == null ? 0 : value;
			progress.add(new GoalProgress(metric, goal.target(), reached, reached / goal.target()));
		}
		return progress;
	}

	/** How far a campaign got toward one goal. */
	public record GoalProgress(MetricName metric, double target, double value, double ratio) {
	}


	@PreAuthorize("isAuthenticated()")
	Reach tenant(ReachRange range) {
		return reach(store.current().tenantId(), Scope.tenant(), range, null);
	}

	private Reach reach(String tenantId, Scope scope, ReachRange range, @Nullable String channelId) {
		checkVisible(tenantId);
		return unchecked(tenantId, scope, range, channelId);
	}

	/** Without a caller: for a live stream whose subscriber was checked when it subscribed. */
	private Reach unchecked(String tenantId, Scope scope, ReachRange range, @Nullable String channelId) {
		check(range);
		TenantStore.Scope tenant = store.forTenant(tenantId);
		BiFunction<Collection<String>, Collection<String>, Map<String, Rollup>> loader = (ids, parts) -> rollups(tenant,
				ids, parts);
		return new Reach(tenantId, scope, ingestion.calendarOf(tenantId), range.from(), range.to(), clock.instant(),
				channelId, loader);
	}

	/** Rollup documents by id, with only the parts named read. */
	private static Map<String, Rollup> rollups(TenantStore.Scope tenant, Collection<String> ids, Collection<String> parts) {
		Map<String, Rollup> found = new HashMap<>();
		tenant.findAllById(ids, Rollup.COLLECTION, parts).forEach(document -> {
			Rollup rollup = Rollup.of(document);
			found.put(rollup.id(), rollup);
		});
		return found;
	}

	static void check(ReachRange range) {
		if (!range.to().isAfter(range.from())) {
			throw new BadRequestException("A range ends after it starts");
		}
		if (Duration.between(range.from(), range.to()).compareTo(MAX_RANGE) > 0) {
			throw new BadRequestException("A range is at most ten years");
		}
	}

	private static void checkVisible(String tenantId) {
		CurrentUser user = CurrentUser.require();
		if (!user.has(Role.PLATFORM_ADMIN) && !tenantId.equals(user.tenantId())) {
			throw new AccessDeniedException("Figures of another media center");
		}
	}

	/**
	 * The center's stories with the highest figure of a counter or peak, over the local days the
	 * range touches (rankings are kept by day, not by hour).
	 */
	@PreAuthorize("isAuthenticated()")
	RankedStoryConnection topStories(MetricName metric, ReachRange range, @Nullable Integer first, @Nullable String after) {
		if (metric.aggregation() != Aggregation.SUM && metric.aggregation() != Aggregation.MAX) {
			throw new BadRequestException("Stories are ranked by counters and peaks; " + metric + " is "
					+ metric.aggregation());
		}
		boolean max = metric.aggregation() == Aggregation.MAX;
		return rank(range, first, after, (platform, values) -> values.getOrDefault(metric.name(), 0.0), max, false, metric);
	}

	/** The center's stories by communication-influence index (传播力指数) over the days the range touches. */
	@PreAuthorize("isAuthenticated()")
	RankedStoryConnection storyInfluence(ReachRange range, @Nullable Integer first, @Nullable String after) {
		InfluenceWeights weights = weights(store.current().tenantId());
		return rank(range, first, after, (platform, values) -> weighted(weights, platform, values), false, true, null);
	}

	/** The center's channels by communication-influence index over the range, highest first. */
	@PreAuthorize("isAuthenticated()")
	List<ChannelInfluence> channelInfluence(ReachRange range) {
		String tenantId = store.current().tenantId();
		InfluenceWeights weights = weights(tenantId);
		Reach reach = tenant(range);
		List<String> ids = reach.byChannel().stream().map(Reach.ChannelTotals::channelId).toList();
		Map<String, Channel> channels = MetricIngestion.byId(store.forTenant(tenantId).findAllById(ids, Channel.class));
		List<ChannelInfluence> ranked = new ArrayList<>();
		for (Reach.ChannelTotals totals : reach.byChannel()) {
			Channel channel = channels.get(totals.channelId());
			if (channel == null) {
				continue;
			}
			Map<String, Double> values = new HashMap<>();
			totals.totals().forEach(value -> {
				if (value.value() != null && value.metric().aggregation() == Aggregation.SUM) {
					values.put(value.metric().name(), value.value());
				}
			});
			ranked.add(new ChannelInfluence(channel, InfluenceWeights.index(weighted(weights, channel.platform().name(), values))));
		}
		ranked.sort(Comparator.comparingDouble(ChannelInfluence::index).reversed());
		return ranked;
	}

	/** A channel and its influence index. */
	public record ChannelInfluence(Channel channel, double index) {
	}

	private static double weighted(InfluenceWeights weights, String platform, Map<String, Double> values) {
		double sum = 0;
		for (Map.Entry<String, Double> entry : values.entrySet()) {
			sum += weights.metric(entry.getKey()) * entry.getValue();
		}
		return weights.platform(platform) * sum;
	}

	/** How a story's figures on one platform become one number. */
	private interface Score {

		double of(String platform, Map<String, Double> values);

	}

	/**
	 * Stories ranked over the days the range touches. By one metric ({@code ranked}), from each
	 * day's or month's rankings ({@link Rollup#RANKS}) where they are whole, else from its figures
	 * per story and platform, as every other score.
	 */
	private RankedStoryConnection rank(ReachRange range, @Nullable Integer first, @Nullable String after, Score score, boolean max,
			boolean index, @Nullable MetricName ranked) {
		check(range);
		int size = RankedStoryConnection.pageSize(first);
		int skip = RankedStoryConnection.after(after);
		String tenantId = store.current().tenantId();
		LocalCalendar calendar = ingestion.calendarOf(tenantId);
		LocalDate firstDay = calendar.dayOf(LocalCalendar.hourOf(range.from()));
		LocalDate lastDay = calendar.dayOf(LocalCalendar.hourAtOrAfter(range.to()) - 1);
		List<Piece> pieces = RollupPlan.pieces(calendar, calendar.firstHour(firstDay), calendar.endHour(lastDay), true);
		Scope scope = Scope.tenant();
		List<String> ids = pieces.stream().map(piece -> scope.docId(tenantId, piece.period())).toList();
		TenantStore.Scope tenant = store.forTenant(tenantId);
		Map<String, Double> signed = ranked != null && !max ? bySignedDays(tenant, scope, tenantId, firstDay, lastDay, ranked)
				: null;
		Map<String, Double> byStory = signed != null ? signed : new HashMap<>();
		if (signed != null) {
			ids = List.of();
		}
		if (ranked != null && !ids.isEmpty()) {
			List<String> unranked = new ArrayList<>();
			for (org.bson.Document document : tenant.findAllById(ids, Rollup.COLLECTION,
					List.of(Rollup.RANKS + "." + ranked.name(), Rollup.RANKED))) {
				if (!document.containsKey(Rollup.RANKED)) {
					unranked.add(document.getString("_id"));
					continue;
				}
				if (document.get(Rollup.RANKS) instanceof Map<?, ?> ranks && ranks.get(ranked.name()) instanceof Map<?, ?> stories) {
					stories.forEach((storyId, value) -> {
						if (value instanceof Number number) {
							byStory.merge((String) storyId, number.doubleValue(), max ? Math::max : Double::sum);
						}
					});
				}
			}
			ids = unranked;
		}
		for (Rollup rollup : rollups(tenant, ids, List.of(Rollup.STORIES)).values()) {
			if (rollup.s() == null) {
				continue;
			}
			rollup.s().forEach((storyId, platforms) -> platforms.forEach((platform, values) -> {
				double value = score.of(platform, values);
				byStory.merge(storyId, value, max ? Math::max : Double::sum);
			}));
		}
		List<Map.Entry<String, Double>> sorted = new ArrayList<>(byStory.entrySet());
		sorted.removeIf(entry -> entry.getValue() <= 0);
		sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		List<Map.Entry<String, Double>> page = sorted.subList(Math.min(skip, sorted.size()),
				Math.min(skip + size, sorted.size()));
		Map<String, Story> stories = MetricIngestion
			.byId(tenant.findAllById(page.stream().map(Map.Entry::getKey).toList(), Story.class));
		List<RankedStoryConnection.Edge> edges = new ArrayList<>();
		for (int i = 0; i < page.size(); i++) {
			Story story = stories.get(page.get(i).getKey());
			int rank = skip + i + 1;
			if (story != null) {
				double value = page.get(i).getValue();
				edges.add(new RankedStoryConnection.Edge(RankedStoryConnection.cursor(rank), story, rank, index ? InfluenceWeights.index(value) : value));
			}
		}
		PageInfo info = new PageInfo(skip + size < sorted.size(), skip > 0,
				edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
		return new RankedStoryConnection(edges, info, sorted.size());
	}

	/**
	 * A counter's figure per story over whole days, from the rankings of the fewest day and
	 * month documents ({@link RollupPlan#signedDays}); null when one of them lacks whole rankings
	 * (written before they were kept), so the caller reads the days as they are.
	 */
	private static @Nullable Map<String, Double> bySignedDays(TenantStore.Scope tenant, Scope scope, String tenantId,
			LocalDate firstDay, LocalDate lastDay, MetricName metric) {
		List<RollupPlan.Signed> plan = RollupPlan.signedDays(firstDay, lastDay);
		Map<String, Integer> signs = new HashMap<>();
		plan.forEach(piece -> signs.put(scope.docId(tenantId, piece.period()), piece.sign()));
		Map<String, Double> byStory = new HashMap<>();
		boolean subtracted = false;
		for (org.bson.Document document : tenant.findAllById(signs.keySet(), Rollup.COLLECTION,
				List.of(Rollup.RANKS + "." + metric.name(), Rollup.RANKED))) {
			if (!document.containsKey(Rollup.RANKED)) {
				return null;
			}
			int sign = signs.get(document.getString("_id"));
			subtracted |= sign < 0;
			if (document.get(Rollup.RANKS) instanceof Map<?, ?> ranks && ranks.get(metric.name()) instanceof Map<?, ?> stories) {
				stories.forEach((storyId, value) -> {
					if (value instanceof Number number) {
						byStory.merge((String) storyId, sign * number.doubleValue(), Double::sum);
					}
				});
			}
		}
		if (subtracted) {
			// what was added and taken away again leaves no rounding behind
			byStory.replaceAll((storyId, value) -> Math.abs(value) < 1e9 ? Math.rint(value * 1e6) / 1e6 : value);
		}
		return byStory;
	}

	InfluenceWeights weights(String tenantId) {
		return store.forTenant(tenantId).findById(tenantId, InfluenceWeights.class)
			.orElseGet(() -> InfluenceWeights.defaults(tenantId));
	}

	@PreAuthorize("isAuthenticated()")
	InfluenceWeights influenceWeights() {
		return weights(store.current().tenantId());
	}

	/**
	 * The province view: every center's figures and their sum (counters and gauges add up,
	 * peaks take the highest, rates average by weight). Platform admins only.
	 */
	@PreAuthorize("hasRole('PLATFORM_ADMIN')")
	ProvinceReach province(ReachRange range) {
		check(range);
		List<CenterReach> centers = new ArrayList<>();
		Map<MetricName, double[]> sums = new EnumMap<>(MetricName.class);
		for (String tenantId : tenants.allIds()) {
			Tenant tenant = tenants.findOwner(tenantId).orElse(null);
			if (tenant == null) {
				continue;
			}
			Reach reach = reach(tenantId, Scope.tenant(), range, null);
			Map<MetricName, double[]> own = reach.sums();
			if (own.isEmpty()) {
				continue;
			}
			own.forEach((metric, value) -> sums.merge(metric, value.clone(), (a, b) -> combine(metric, a, b)));
			centers.add(new CenterReach(tenant, reach.totals()));
		}
		List<MetricValue> totals = new ArrayList<>();
		sums.forEach((metric, value) -> totals.add(new MetricValue(metric, Reach.figure(metric, value))));
		return new ProvinceReach(totals, centers);
	}

	private static double[] combine(MetricName metric, double[] a, double[] b) {
		if (Double.isNaN(a[0])) {
			return b;
		}
		if (Double.isNaN(b[0])) {
			return a;
		}
		if (metric.aggregation() == Aggregation.MAX) {
			return new double[] { Math.max(a[0], b[0]), 0 };
		}
		return new double[] { a[0] + b[0], a[1] + b[1] };
	}

	/** The figures of the centers of the platform, summed, and of each. */
	public record ProvinceReach(List<MetricValue> totals, List<CenterReach> byCenter) {
	}

	/** One center's totals in the province view. */
	public record CenterReach(Tenant center, List<MetricValue> totals) {
	}

}
