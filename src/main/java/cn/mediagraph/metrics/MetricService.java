package cn.mediagraph.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.metrics.MetricInputs.LinkContentInput;
import cn.mediagraph.metrics.MetricInputs.LinkContentPayload;
import cn.mediagraph.metrics.MetricInputs.RecordMetricsInput;
import cn.mediagraph.metrics.MetricInputs.RecordMetricsPayload;
import cn.mediagraph.metrics.MetricInputs.SampleInput;
import cn.mediagraph.metrics.MetricInputs.SetInfluenceWeightsInput;
import cn.mediagraph.metrics.MetricInputs.SetInfluenceWeightsPayload;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.graphql.UserErrors;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The metrics mutations: samples from the graph, links of platform ids to posts, influence weights. */
@Service
class MetricService {

	/** Samples one {@code recordMetrics} call takes; larger files go to {@code POST /ingest/metrics}. */
	static final int MAX_SAMPLES = 5_000;

	static final String POST_TYPE = "Post";

	static final String CHANNEL_TYPE = "Channel";

	private final TenantStore store;

	private final MetricIngestion ingestion;

	private final Clock clock;

	private final MetricRollupRebuilds rebuilds;

	MetricService(TenantStore store, MetricIngestion ingestion, Clock clock, MetricRollupRebuilds rebuilds) {
		this.store = store;
		this.ingestion = ingestion;
		this.clock = clock;
		this.rebuilds = rebuilds;
	}

	/**
	 * {@code rebuildMetricRollups}: a center's admin rebuilds its own center's rollups; the
	 * platform admin any center's.
	 */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	MetricInputs.RebuildMetricRollupsPayload rebuildRollups(@Nullable String globalTenantId) {
		java.util.Optional<String> tenantId = administeredTenant(globalTenantId);
		if (tenantId.isEmpty()) {
			return new MetricInputs.RebuildMetricRollupsPayload(null,
					List.of(UserError.of(UserError.NOT_FOUND, "No such media center", "input", "tenantId")));
		}
		return new MetricInputs.RebuildMetricRollupsPayload(rebuilds.start(tenantId.get(), false), List.of());
	}

	/** {@code metricRollupRebuild}: the last rebuild of a center's rollups on this instance. */
	@PreAuthorize("hasAnyRole('ADMIN', 'PLATFORM_ADMIN')")
	java.util.Optional<MetricRollupRebuilds.Rebuild> latestRebuild(@Nullable String globalTenantId) {
		return administeredTenant(globalTenantId).flatMap(rebuilds::latest);
	}

	private static java.util.Optional<String> administeredTenant(@Nullable String globalTenantId) {
		return CurrentUser.require().administeredTenant(globalTenantId == null ? java.util.Optional.empty()
				: java.util.Optional.of(GlobalId.decode(globalTenantId, "Tenant").orElse("")));
	}

	@PreAuthorize("hasAnyRole('EDITOR', 'ADMIN')")
	RecordMetricsPayload record(RecordMetricsInput input) {
		if (input.samples().size() > MAX_SAMPLES) {
			return new RecordMetricsPayload(0, 0, input.samples().size(), List.of(UserError.of(UserError.INVALID,
					"At most " + MAX_SAMPLES + " samples a call; send files to POST /ingest/metrics", "input", "samples")));
		}
		IngestSummary summary = new IngestSummary();
		List<Sample> samples = new ArrayList<>(input.samples().size());
		for (int i = 0; i < input.samples().size(); i++) {
			Sample sample = decode(i, input.samples().get(i), summary);
			if (sample != null) {
				samples.add(sample);
			}
		}
		CurrentUser user = CurrentUser.require();
		ingestion.ingestBatch(user.requireTenantId(), user.userId(), "graphql", samples, summary);
		List<UserError> errors = summary.errors().stream()
			.map(rejected -> new UserError(rejected.field() == null
					? List.of("input", "samples", Long.toString(rejected.line()))
					: List.of("input", "samples", Long.toString(rejected.line()), rejected.field()), rejected.code(),
					rejected.reason()))
			.toList();
		return new RecordMetricsPayload(summary.accepted(), summary.duplicates(), summary.rejected(), errors);
	}

	/** A graph sample with its ids decoded; null (and a rejection) when an id is not one. Lines count from 0 here. */
	private static @Nullable Sample decode(int index, SampleInput input, IngestSummary summary) {
		String channelId = null;
		if (input.channelId() != null) {
			channelId = GlobalId.decode(input.channelId(), CHANNEL_TYPE).orElse(null);
			if (channelId == null) {
				summary.reject(index, "channelId", UserError.NOT_FOUND, "Not a channel id");
				return null;
			}
		}
		String postId = null;
		if (input.postId() != null) {
			postId = GlobalId.decode(input.postId(), POST_TYPE).orElse(null);
			if (postId == null) {
				summary.reject(index, "postId", UserError.NOT_FOUND, "Not a post id");
				return null;
			}
		}
		return new Sample(index, channelId, postId, blankToNull(input.externalId()), input.metric(), input.value(),
				input.weight(), input.observedAt(), input.mode() == null ? SampleMode.CUMULATIVE : input.mode(),
				input.source() == null ? SampleSource.API : input.source());
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

	/**
	 * Links a platform's content id on a channel to a post: what was kept under the id counts
	 * for the post from now on, once. Linking again to the same post changes nothing.
	 */
	@PreAuthorize("hasAnyRole('EDITOR', 'ADMIN')")
	LinkContentPayload link(LinkContentInput input) {
		TenantStore.Scope scope = store.current();
		UserErrors errors = new UserErrors("input");
		String channelId = GlobalId.decode(input.channelId(), CHANNEL_TYPE).orElse(null);
		String postId = GlobalId.decode(input.postId(), POST_TYPE).orElse(null);
		String externalId = blankToNull(input.externalId());
		PostRef post = postId == null ? null : scope.findById(postId, PostRef.class).orElse(null);
		if (post == null) {
			errors.add(UserError.NOT_FOUND, "No such post", "postId");
		}
		else if (channelId == null || !channelId.equals(post.channelId())) {
			errors.add(UserError.INVALID, "The post is on another channel", "channelId");
		}
		if (externalId == null || externalId.length() > MetricIngestion.MAX_EXTERNAL_ID) {
			errors.add(UserError.INVALID, "A platform id of 1 to " + MetricIngestion.MAX_EXTERNAL_ID + " characters",
					"externalId");
		}
		if (errors.any()) {
			return new LinkContentPayload(false, errors.list());
		}
		ContentLink link = new ContentLink(ContentLink.id(scope.tenantId(), channelId, externalId), scope.tenantId(),
				channelId, externalId, postId, clock.instant(), CurrentUser.require().userId());
		try {
			scope.insert(link);
		}
		catch (DuplicateKeyException ex) {
			ContentLink existing = scope.findById(link.id(), ContentLink.class).orElseThrow();
			if (!existing.postId().equals(postId)) {
				return new LinkContentPayload(false, List.of(UserError.of(UserError.CONFLICT,
						"This platform id is linked to another post", "input", "externalId")));
			}
		}
		ingestion.attribute(scope.tenantId(), link, post);
		return new LinkContentPayload(true, List.of());
	}

	@PreAuthorize("hasAnyRole('ADMIN', 'CHIEF_EDITOR')")
	SetInfluenceWeightsPayload setInfluenceWeights(SetInfluenceWeightsInput input) {
		TenantStore.Scope scope = store.current();
		UserErrors errors = new UserErrors("input");
		InfluenceWeights defaults = InfluenceWeights.defaults(scope.tenantId());
		Map<String, Double> platforms = new LinkedHashMap<>(defaults.platforms());
		Map<String, Double> metrics = new LinkedHashMap<>(defaults.metrics());
		for (int i = 0; i < input.platforms().size(); i++) {
			var weight = input.platforms().get(i);
			if (!(weight.weight() >= 0 && weight.weight() <= 1_000)) {
				errors.add(UserError.INVALID, "A weight from 0 to 1000", "platforms", Integer.toString(i), "weight");
			}
			else {
				platforms.put(weight.platform().name(), weight.weight());
			}
		}
		for (int i = 0; i < input.metrics().size(); i++) {
			var weight = input.metrics().get(i);
			if (weight.metric().aggregation() != Aggregation.SUM) {
				errors.add(UserError.INVALID, "Only counters weigh in the index", "metrics", Integer.toString(i), "metric");
			}
			else if (!(weight.weight() >= 0 && weight.weight() <= 1_000_000)) {
				errors.add(UserError.INVALID, "A weight from 0 to 1000000", "metrics", Integer.toString(i), "weight");
			}
			else {
				metrics.put(weight.metric().name(), weight.weight());
			}
		}
		if (errors.any()) {
			return new SetInfluenceWeightsPayload(null, errors.list());
		}
		InfluenceWeights weights = new InfluenceWeights(scope.tenantId(), scope.tenantId(), platforms, metrics,
				clock.instant());
		scope.replaceAllIf(List.of(weights), w -> new org.springframework.data.mongodb.core.query.Criteria());
		return new SetInfluenceWeightsPayload(weights, List.of());
	}

}
