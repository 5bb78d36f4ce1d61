package cn.mediagraph.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.metrics.MetricBatch.RawSample;
import cn.mediagraph.metrics.MetricState.Series;
import cn.mediagraph.metrics.Observations.Effect;
import cn.mediagraph.metrics.Observations.Outcome;
import cn.mediagraph.metrics.RollupWrites.Target;
import cn.mediagraph.platform.events.TenantEvent;
import cn.mediagraph.platform.events.TenantEvents;
import cn.mediagraph.platform.graphql.UserError;
import cn.mediagraph.platform.mongo.IndexDeclaration;
import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.tenant.Tenant;
import cn.mediagraph.tenant.TenantService;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * Takes samples into a center's figures, a batch at a time: checks each, reads the state of
 * every content the batch touches in one lookup, works out what changed, writes the changed
 * states conditionally on the revision read (a writer that lost a race reads again and
 * recomputes), and applies exactly the difference to the rollups in one bulk upsert per batch.
 * Re-sent and out-of-order samples change nothing twice: the states remember what was seen.
 * <p>
 * The rollups follow the states in a second write: a crash between the two leaves the rollups
 * short by that batch's difference (they are a function of the states and can be recomputed).
 */
@Service
public class MetricIngestion {

	/** Samples written together: one state lookup, one state write, one rollup write, one raw record. */
	static final int BATCH = 20_000;

	/** A sample may be stamped a little ahead of our clock, not more. */
	static final Duration FUTURE_SLACK = Duration.ofHours(1);

	static final int MAX_EXTERNAL_ID = 200;

	/** Rounds of re-reading after lost races before a batch's remaining rows are refused. */
	private static final int ATTEMPTS = 10;

	private final TenantStore store;

	private final TenantService tenants;

	private final Clock clock;

	private final TenantEvents events;

	private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

	/** Per center: batches of this instance take it shared, a rebuild of the rollups alone. */
	private final Map<String, java.util.concurrent.locks.ReadWriteLock> locks = new ConcurrentHashMap<>();

	/** For tests: runs between a batch's state write and its rollup write (to interrupt it there). */
	volatile @Nullable Runnable afterStates;

	MetricIngestion(TenantStore store, TenantService tenants, Clock clock, TenantEvents events) {
		this.store = store;
		this.tenants = tenants;
		this.clock = clock;
		this.events = events;
	}

	/** The topic of the events that tell live screens which figures moved. */
	static final String TOPIC = "reach";

	/** Ids named in one event at most; past them the event says that anything may have moved. */
	static final int MAX_EVENT_IDS = 200;

	/** A sample that passed the checks, and the channel it counts for. */
	private record Resolved(Sample sample, String channelId) {
	}

	/**
	 * A state worked out for a batch: what to write, what changed, what became of each sample,
	 * which of its closed days move out to archived segments ({@link DayArchive}), and whether
	 * the state changed while its archive was being read (then it is read again).
	 */
	private record Computed(String stateId, @Nullable MetricState previous, @Nullable MetricState next, List<Effect> effects,
			@Nullable Target target, List<Resolved> samples, List<Outcome> outcomes, DayArchive.@Nullable Move move,
			boolean stale) {
	}

	LocalCalendar calendarOf(String tenantId) {
		ZoneId zone = zones.computeIfAbsent(tenantId, id -> tenants.findOwner(id)
			.map(Tenant::timeZone)
			.map(ZoneId::of)
			.orElse(ZoneId.of(TenantService.DEFAULT_TIME_ZONE)));
		return new LocalCalendar(zone);
	}

	/**
	 * Ingests one batch (at most {@link #BATCH} samples) into a center, counting into {@code summary}.
	 * For callers that checked who may write: the service methods, the bulk endpoint, demo data.
	 */
	void ingestBatch(String tenantId, String receivedBy, String via, List<Sample> samples, IngestSummary summary) {
		if (samples.isEmpty()) {
			return;
		}
		TenantStore.Scope scope = store.forTenant(tenantId);
		Map<String, Channel> channels = byId(scope.findAllById(distinct(samples, Sample::channelId), Channel.class));
		Map<String, PostRef> posts = new HashMap<>(byId(scope.findAllById(distinct(samples, Sample::postId), PostRef.class)));
		Map<String, List<Resolved>> pending = new LinkedHashMap<>();
		Instant latest = clock.instant().plus(FUTURE_SLACK);
		for (Sample sample : samples) {
			Resolved resolved = resolve(sample, channels, posts, latest, summary);
			if (resolved != null) {
				String stateId = MetricState.id(tenantId, resolved.channelId(), sample.contentKey());
				pending.computeIfAbsent(stateId, key -> new ArrayList<>()).add(resolved);
			}
		}
		channels.putAll(byId(scope.findAllById(pending.values().stream().map(group -> group.get(0).channelId())
			.filter(id -> !channels.containsKey(id)).distinct().toList(), Channel.class)));
		RollupWrites rollups = new RollupWrites(tenantId, calendarOf(tenantId));
		List<RawSample> raw = new ArrayList<>();
		Changed changed = new Changed();
		java.util.concurrent.locks.Lock lock = lockOf(tenantId).readLock();
		lock.lock();
		try {
			String batchId = new ObjectId().toHexString();
			boolean marked = false;
			for (int attempt = 0; !pending.isEmpty(); attempt++) {
				if (attempt == ATTEMPTS) {
					pending.values().forEach(group -> group.forEach(r -> summary.reject(r.sample().line(), null,
							UserError.CONFLICT, "The content's figures were changing too fast; send the row again")));
					break;
				}
				List<Computed> computed = compute(scope, pending, channels, posts);
				List<Computed> writes = computed.stream().filter(result -> result.next() != null).toList();
				if (!marked && !writes.isEmpty()) {
					scope.insert(new IngestMarker(batchId, tenantId, clock.instant(), null));
					marked = true;
				}
				List<DayArchive.Segment> segments = writes.stream().filter(result -> result.move() != null)
					.flatMap(result -> result.move().writes().stream()).toList();
				if (!segments.isEmpty()) {
					scope.insertAll(segments);
				}
				Set<String> lost = writeStates(scope, writes);
				dropSegments(scope, writes, lost);
				Map<String, List<Resolved>> retry = new LinkedHashMap<>();
				for (Computed result : computed) {
					if (result.stale() || lost.contains(result.stateId())) {
						retry.put(result.stateId(), result.samples());
						continue;
					}
					count(result, summary, raw);
					if (result.target() != null) {
						result.effects().forEach(effect -> rollups.apply(result.target(), effect));
						if (!result.effects().isEmpty()) {
							changed.add(result.target());
						}
					}
				}
				pending = retry;
			}
			Runnable hook = afterStates;
			if (hook != null) {
				hook.run();
			}
			writeRollups(scope, rollups);
			if (!raw.isEmpty()) {
				scope.insert(MetricBatch.of(batchId, tenantId, clock.instant(), receivedBy, via, raw));
			}
			if (marked) {
				scope.delete(batchId, IngestMarker.class);
			}
		}
		finally {
			lock.unlock();
		}
		if (!changed.isEmpty()) {
			events.publish(changed.event(tenantId, clock.instant()));
		}
	}

	/**
	 * A sample written with no signed-in caller (demo data); ids are document ids.
	 *
	 * @param postId the post measured, or null for a channel-wide figure
	 * @param weight a rate's weight, or null
	 */
	public record BootstrapSample(String channelId, @Nullable String postId, MetricName metric, double value,
			@Nullable Double weight, Instant observedAt, SampleMode mode, SampleSource source) {
	}

	/**
	 * Ingests samples with no signed-in caller, for demo data (not reachable from the graph),
	 * by the same checks and writes as every other path. Returns the samples taken.
	 */
	public long ingestForBootstrap(String tenantId, List<BootstrapSample> samples) {
		IngestSummary summary = new IngestSummary();
		List<Sample> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < samples.size(); i++) {
			BootstrapSample sample = samples.get(i);
			batch.add(new Sample(i + 1, sample.channelId(), sample.postId(), null, sample.metric(), sample.value(),
					sample.weight(), sample.observedAt(), sample.mode(), sample.source()));
			if (batch.size() == BATCH || i == samples.size() - 1) {
				ingestBatch(tenantId, "demo", "demo", batch, summary);
				batch.clear();
			}
		}
		return summary.accepted();
	}

	private @Nullable Resolved resolve(Sample sample, Map<String, Channel> channels, Map<String, PostRef> posts,
			Instant latest, IngestSummary summary) {
		long line = sample.line();
		if (!Double.isFinite(sample.value()) || sample.value() < 0 || sample.value() > sample.metric().maxValue()) {
			summary.reject(line, "value", UserError.INVALID,
					"A number from 0 to " + (long) sample.metric().maxValue() + " for " + sample.metric());
			return null;
		}
		if (sample.weight() != null && (!Double.isFinite(sample.weight()) || sample.weight() < 0)) {
			summary.reject(line, "weight", UserError.INVALID, "A weight is a number of at least 0");
			return null;
		}
		if (sample.observedAt().isAfter(latest)) {
			summary.reject(line, "observedAt", UserError.INVALID, "Observed in the future");
			return null;
		}
		if (sample.mode() == SampleMode.DELTA && sample.metric().aggregation() != Aggregation.SUM) {
			summary.reject(line, "mode", UserError.INVALID, sample.metric() + " is not a counter: send CUMULATIVE values");
			return null;
		}
		if (sample.externalId() != null && (sample.externalId().isBlank() || sample.externalId().length() > MAX_EXTERNAL_ID)) {
			summary.reject(line, "externalId", UserError.INVALID, "A platform id of 1 to " + MAX_EXTERNAL_ID + " characters");
			return null;
		}
		String channelId = sample.channelId();
		if (sample.postId() != null) {
			PostRef post = posts.get(sample.postId());
			if (post == null || post.channelId() == null) {
				summary.reject(line, "postId", UserError.NOT_FOUND, "No such post in this center");
				return null;
			}
			if (channelId != null && !channelId.equals(post.channelId())) {
				summary.reject(line, "channelId", UserError.INVALID, "The post is on another channel");
				return null;
			}
			return new Resolved(sample, post.channelId());
		}
		if (channelId == null) {
			summary.reject(line, "channelId", UserError.REQUIRED, "Give the channel (or the post)");
			return null;
		}
		if (!channels.containsKey(channelId)) {
			summary.reject(line, "channelId", UserError.NOT_FOUND, "No such channel in this center");
			return null;
		}
		return new Resolved(sample, channelId);
	}

	/**
	 * Deletes the archived segments no state names after a state write: those the winners
	 * replaced, and those the losers wrote for nothing. Left behind only if this process dies
	 * in between; no state names them then either.
	 */
	private static void dropSegments(TenantStore.Scope scope, List<Computed> writes, Set<String> lost) {
		List<String> ids = new ArrayList<>();
		for (Computed result : writes) {
			if (result.move() != null) {
				if (lost.contains(result.stateId())) {
					result.move().writes().forEach(segment -> ids.add(segment.id()));
				}
				else {
					ids.addAll(result.move().drops());
				}
			}
		}
		if (!ids.isEmpty()) {
			scope.deleteAll(org.springframework.data.mongodb.core.query.Query.query(Criteria.where("_id").in(ids)),
					DayArchive.Segment.class);
		}
	}

	/** The archived days of these states, read in one lookup: by state id; a state whose documents were missing is left out. */
	private static Map<String, Map<Long, Map<String, PackedDays>>> readArchives(TenantStore.Scope scope,
			Collection<MetricState> states) {
		List<String> ids = new ArrayList<>();
		states.forEach(state -> ids.addAll(DayArchive.idsOf(state)));
		Map<String, DayArchive.Segment> documents = byId(scope.findAllById(ids, DayArchive.Segment.class));
		Map<String, Map<Long, Map<String, PackedDays>>> read = new HashMap<>();
		for (MetricState state : states) {
			Map<Long, Map<String, PackedDays>> days = DayArchive.read(state, documents);
			if (days != null) {
				read.put(state.id(), days);
			}
		}
		return read;
	}

	private List<Computed> compute(TenantStore.Scope scope, Map<String, List<Resolved>> pending,
			Map<String, Channel> channels, Map<String, PostRef> posts) {
		Map<String, MetricState> states = byId(scope.findAllById(pending.keySet(), MetricState.class));
		List<String> linkIds = new ArrayList<>();
		pending.forEach((stateId, group) -> {
			MetricState state = states.get(stateId);
			Sample first = group.get(0).sample();
			if ((state == null || !state.attributed()) && first.postId() == null && first.externalId() != null) {
				linkIds.add(ContentLink.id(scope.tenantId(), group.get(0).channelId(), first.externalId()));
			}
		});
		Map<String, ContentLink> links = byId(scope.findAllById(linkIds, ContentLink.class));
		List<String> missingPosts = links.values().stream().map(ContentLink::postId).filter(id -> !posts.containsKey(id))
			.distinct().toList();
		posts.putAll(byId(scope.findAllById(missingPosts, PostRef.class)));
		Map<String, Computed> computed = new LinkedHashMap<>();
		List<MetricState> needArchives = new ArrayList<>();
		pending.forEach((stateId, group) -> {
			MetricState state = states.get(stateId);
			try {
				computed.put(stateId, compute(scope, stateId, state, group, channels, links, posts, null));
			}
			catch (Observations.ArchiveNeeded needed) {
				computed.put(stateId, null);
				needArchives.add(Objects.requireNonNull(state));
			}
		});
		// a sample older than the days a state keeps, or a content linked after the fact
		Map<String, Map<Long, Map<String, PackedDays>>> archives = readArchives(scope, needArchives);
		for (MetricState state : needArchives) {
			List<Resolved> group = pending.get(state.id());
			Map<Long, Map<String, PackedDays>> read = archives.get(state.id());
			computed.put(state.id(), read == null
					? new Computed(state.id(), state, null, List.of(), null, group, List.of(), null, true)
					: compute(scope, state.id(), state, group, channels, links, posts, read));
		}
		return new ArrayList<>(computed.values());
	}

	private Computed compute(TenantStore.Scope scope, String stateId, @Nullable MetricState state, List<Resolved> group,
			Map<String, Channel> channels, Map<String, ContentLink> links, Map<String, PostRef> posts,
			@Nullable Map<Long, Map<String, PackedDays>> archived) {
		Resolved first = group.get(0);
		Channel channel = channels.get(first.channelId());
		String platform = channel == null ? "UNKNOWN" : channel.platform().name();
		Target target = target(state, first, links, posts, platform, scope.tenantId());
		return compute(scope.tenantId(), calendarOf(scope.tenantId()), stateId, state, target, group, archived);
	}

	private static @Nullable Target target(@Nullable MetricState state, Resolved first, Map<String, ContentLink> links,
			Map<String, PostRef> posts, String platform, String tenantId) {
		if (state != null && state.attributed()) {
			return new Target(state.channelId(), state.postId(), state.storyId(), state.campaignId(), platform);
		}
		Sample sample = first.sample();
		String postId = sample.postId();
		if (postId == null && sample.externalId() != null) {
			ContentLink link = links.get(ContentLink.id(tenantId, first.channelId(), sample.externalId()));
			postId = link == null ? null : link.postId();
			if (postId == null) {
				return null;
			}
		}
		if (postId == null) {
			return new Target(first.channelId(), null, null, null, platform);
		}
		PostRef post = posts.get(postId);
		return post == null ? null : forPost(post, platform);
	}

	static Target forPost(PostRef post, String platform) {
		return new Target(Objects.requireNonNull(post.channelId()), post.id(), post.storyId(), post.campaignId(), platform);
	}

	/**
	 * @param archived the state's archived days if read (all of them), or null: then a sample that
	 * needs them throws {@link Observations.ArchiveNeeded}
	 */
	private static Computed compute(String tenantId, LocalCalendar calendar, String stateId, @Nullable MetricState state,
			@Nullable Target target, List<Resolved> group, @Nullable Map<Long, Map<String, PackedDays>> archived) {
		Map<MetricName, Observations> touched = new EnumMap<>(MetricName.class);
		List<Effect> effects = new ArrayList<>();
		// oldest first, so a batch's own samples fall in the days it leaves open
		Integer[] order = new Integer[group.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> group.get(i).sample().observedAt()));
		Outcome[] outcomes = new Outcome[group.size()];
		for (int i : order) {
			Sample sample = group.get(i).sample();
			Observations observations = touched.computeIfAbsent(sample.metric(),
					metric -> observationsOf(state, metric, calendar, archived));
			outcomes[i] = observe(observations, sample, effects);
		}
		boolean wasAttributed = state != null && state.attributed();
		boolean attributed = wasAttributed || target != null;
		boolean changed = touched.values().stream().anyMatch(Observations::changed);
		if (!changed && (wasAttributed || !attributed || state == null)) {
			return new Computed(stateId, state, null, List.of(), target, group, List.of(outcomes), null, false);
		}
		Map<String, Series> series = new LinkedHashMap<>(state == null ? Map.of() : state.series());
		touched.forEach((metric, observations) -> series.put(metric.name(), observations.toSeries()));
		if (!wasAttributed && attributed) {
			effects = contribution(series, state, archived);
		}
		else if (!attributed) {
			effects = List.of();
		}
		Resolved first = group.get(0);
		DayArchive.Move move = DayArchive.move(stateId, tenantId, state, series, archived);
		MetricState next = new MetricState(stateId, tenantId, first.channelId(), first.sample().contentKey(),
				target == null ? null : target.postId(), target == null ? null : target.storyId(),
				target == null ? null : target.campaignId(), attributed, state == null ? 1 : state.rev() + 1,
				move == null ? series : move.series(), move == null ? state == null ? null : state.archive() : move.archive());
		return new Computed(stateId, state, next, effects, target, group, List.of(outcomes), move, false);
	}

	/**
	 * Writes the states a batch changed, each conditionally on the revision it read: a new one
	 * whole, one read before by its changed parts only. A state reported for months carries
	 * hundreds of closed days per metric that an hour's samples leave as they are; rewritten whole
	 * by every batch, they were most of what a long run moved and kept alive.
	 *
	 * @return the ids of the states another writer changed first
	 */
	private static Set<String> writeStates(TenantStore.Scope scope, List<Computed> writes) {
		List<MetricState> whole = new ArrayList<>();
		Map<String, org.bson.Document> updates = new LinkedHashMap<>();
		Map<String, org.bson.Document> conditions = new HashMap<>();
		for (Computed result : writes) {
			MetricState next = Objects.requireNonNull(result.next());
			org.bson.Document changes = result.previous() == null ? null : changes(result.previous(), next);
			if (changes == null) {
				whole.add(next);
			}
			else {
				updates.put(next.id(), changes);
				conditions.put(next.id(), new org.bson.Document("rev", result.previous().rev()));
			}
		}
		Set<String> lost = new java.util.HashSet<>(scope.replaceAllIf(whole, state -> Criteria.where("rev").is(state.rev() - 1)));
		lost.addAll(scope.bulkUpsertIf(updates, conditions, MetricState.COLLECTION));
		return lost;
	}

	/**
	 * The update that turns {@code before} into {@code next} by its changed parts, or null when
	 * the state should be written whole: its attribution changed, or a series changed its closed
	 * days or is in a form written by an earlier version (written whole, it takes the current one).
	 */
	static org.bson.@Nullable Document changes(MetricState before, MetricState next) {
		if (!Objects.equals(before.postId(), next.postId()) || !Objects.equals(before.storyId(), next.storyId())
				|| !Objects.equals(before.campaignId(), next.campaignId())) {
			return null;
		}
		org.bson.Document set = new org.bson.Document("rev", next.rev()).append("attributed", next.attributed());
		if (!Objects.equals(before.archive(), next.archive())) {
			set.append("archive", new org.bson.Document(new LinkedHashMap<>(Objects.requireNonNull(next.archive()))));
		}
		org.bson.Document insert = new org.bson.Document("channelId", next.channelId()).append("contentKey", next.contentKey());
		for (Map.Entry<String, Series> entry : next.series().entrySet()) {
			Series old = before.series().get(entry.getKey());
			Series now = entry.getValue();
			if (old == now) {
				continue;
			}
			String path = "series." + entry.getKey();
			// closed days as read (the same packed list, or none): only the open parts are sent
			if (old != null && now.openFrom() != null && now.days() == old.days()) {
				set.append(path + ".snapshots", new org.bson.types.Binary(SeriesCodec.snapshots(now.snapshots())))
					.append(path + ".deltas", new org.bson.types.Binary(SeriesCodec.deltas(now.deltas())))
					.append(path + ".peaks", new org.bson.types.Binary(SeriesCodec.peaks(now.peaks())))
					.append(path + ".openFrom", now.openFrom());
			}
			else {
				set.append(path, SeriesCodec.document(now));
			}
		}
		return new org.bson.Document("$set", set).append("$setOnInsert", insert);
	}

	/** Everything these series contribute, with the archived days of {@code state} (which must have been read if it has any). */
	static List<Effect> contribution(Map<String, Series> series, @Nullable MetricState state,
			@Nullable Map<Long, Map<String, PackedDays>> archived) {
		List<Effect> effects = new ArrayList<>();
		series.forEach((name, one) -> effects.addAll(new Observations(MetricName.valueOf(name), one, null,
				DayArchive.view(state, archived, name)).contribution()));
		return effects;
	}

	private static Observations observationsOf(@Nullable MetricState state, MetricName metric, LocalCalendar calendar,
			@Nullable Map<Long, Map<String, PackedDays>> archived) {
		Series series = state == null ? null : state.series().get(metric.name());
		return series == null ? Observations.empty(metric, calendar)
				: new Observations(metric, series, calendar, DayArchive.view(state, archived, metric.name()));
	}

	private static Outcome observe(Observations observations, Sample sample, List<Effect> effects) {
		long at = sample.observedAt().toEpochMilli();
		return switch (sample.metric().aggregation()) {
			case MAX, UNIQUE -> observations.peak(at, sample.value(), effects);
			default -> sample.mode() == SampleMode.DELTA ? observations.delta(at, sample.value(), effects)
					: observations.snapshot(at, sample.value(), sample.weight() == null ? 1 : sample.weight(), effects);
		};
	}

	private static void count(Computed result, IngestSummary summary, List<RawSample> raw) {
		for (int i = 0; i < result.samples().size(); i++) {
			Resolved resolved = result.samples().get(i);
			if (result.outcomes().get(i) == Outcome.DUPLICATE) {
				summary.duplicate();
				continue;
			}
			if (result.outcomes().get(i) == Outcome.TOO_LATE) {
				summary.reject(resolved.sample().line(), "observedAt", UserError.INVALID, "A delta of a local day this content has closed "
						+ "(older than the day before its latest sample's) cannot be told from one already counted; "
						+ "send such figures as CUMULATIVE snapshots");
				continue;
			}
			summary.accept();
			Sample sample = resolved.sample();
			raw.add(new RawSample(sample.line(), resolved.channelId(), sample.postId(), sample.externalId(),
					sample.metric().name(), sample.value(), sample.weight(), sample.observedAt(), sample.mode(),
					sample.source()));
		}
	}

	/**
	 * Credits what was kept under a platform id to the post it was linked to: the state's whole
	 * contribution goes to the rollups once, in a write conditional on the revision read (an
	 * ingestion racing with it either sees the link and credits the content itself, or makes
	 * this write lose and read again).
	 */
	void attribute(String tenantId, ContentLink link, PostRef post) {
		java.util.concurrent.locks.Lock lock = lockOf(tenantId).readLock();
		lock.lock();
		try {
			attributeLocked(tenantId, link, post);
		}
		finally {
			lock.unlock();
		}
	}

	private void attributeLocked(String tenantId, ContentLink link, PostRef post) {
		TenantStore.Scope scope = store.forTenant(tenantId);
		String stateId = MetricState.id(tenantId, link.channelId(), "x:" + link.externalId());
		Channel channel = scope.findById(link.channelId(), Channel.class).orElseThrow();
		Target target = forPost(post, channel.platform().name());
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			MetricState state = scope.findById(stateId, MetricState.class).orElse(null);
			if (state == null || state.attributed()) {
				return;
			}
			Map<Long, Map<String, PackedDays>> archived = readArchives(scope, List.of(state)).get(state.id());
			if (archived == null) {
				continue;
			}
			MetricState next = new MetricState(state.id(), tenantId, state.channelId(), state.contentKey(), post.id(),
					post.storyId(), post.campaignId(), true, state.rev() + 1, state.series(), state.archive());
			String markerId = new ObjectId().toHexString();
			scope.insert(new IngestMarker(markerId, tenantId, clock.instant(), null));
			if (scope.replaceAllIf(List.of(next), s -> Criteria.where("rev").is(state.rev())).isEmpty()) {
				RollupWrites rollups = new RollupWrites(tenantId, calendarOf(tenantId));
				contribution(state.series(), state, archived).forEach(effect -> rollups.apply(target, effect));
				writeRollups(scope, rollups);
				scope.delete(markerId, IngestMarker.class);
				Changed changed = new Changed();
				changed.add(target);
				events.publish(changed.event(tenantId, clock.instant()));
				return;
			}
			scope.delete(markerId, IngestMarker.class);
		}
		throw new IllegalStateException("The content's figures kept changing while it was being linked");
	}

	/** Changes of more paths than this to one rollup document are written as whole fields ({@link RollupWrites.Fields#over}). */
	static final int WIDE_PATHS = 200;

	/** For tests: {@link #WIDE_PATHS}, lowered to send every document down the other way. */
	volatile int widePaths = WIDE_PATHS;

	/**
	 * Applies a batch's rollup changes: documents with few changed paths by one {@code $inc}/
	 * {@code $max} upsert each; wide ones (the center's days and months with a figure per story)
	 * by reading them and writing whole fields conditionally on their revision, again after a
	 * lost race. Every write raises the revision, so the two ways never overwrite each other.
	 */
	private void writeRollups(TenantStore.Scope scope, RollupWrites rollups) {
		Map<String, RollupWrites.Fields> wide = rollups.takeWide(widePaths);
		scope.bulkUpdateFields(rollups.updates(), true, Rollup.COLLECTION);
		for (int attempt = 0; !wide.isEmpty(); attempt++) {
			if (attempt == ATTEMPTS * 10) {
				throw new IllegalStateException("Rollup documents " + wide.keySet() + " kept changing while being written");
			}
			Map<String, org.bson.Document> current = new HashMap<>();
			scope.findAllById(wide.keySet(), Rollup.COLLECTION).forEach(doc -> current.put(doc.getString("_id"), doc));
			Map<String, org.springframework.data.mongodb.core.query.Update> updates = new LinkedHashMap<>();
			Map<String, Criteria> conditions = new HashMap<>();
			wide.forEach((id, fields) -> {
				org.bson.Document doc = current.get(id);
				updates.put(id, fields.over(doc));
				Object rev = doc == null ? null : doc.get(Rollup.REV);
				conditions.put(id, rev == null ? Criteria.where(Rollup.REV).exists(false) : Criteria.where(Rollup.REV).is(rev));
			});
			Set<String> lost = scope.bulkUpdateFieldsIf(updates, conditions, Rollup.COLLECTION);
			wide.keySet().retainAll(lost);
		}
	}

	private java.util.concurrent.locks.ReadWriteLock lockOf(String tenantId) {
		return locks.computeIfAbsent(tenantId, id -> new java.util.concurrent.locks.ReentrantReadWriteLock());
	}

	/** States read by a rebuild at a time: one lookup, then one upsert per rollup document they touch. */
	static final int REBUILD_PAGE = 2_000;

	/**
	 * Recomputes a center's rollups from its states (of which they are a function): deletes
	 * them, then adds every attributed state's contribution, a page of states at a time, in
	 * constant memory. Batches of this instance wait meanwhile; queries see figures growing
	 * back. A marker written first and renewed on each page makes another instance (or this
	 * one, restarted) rebuild again should this one die half way. Closed days' figures come
	 * back whole for the day, in one of its hours (see {@link Observations}).
	 *
	 * @return the states read
	 */
	long rebuildRollups(String tenantId) {
		java.util.concurrent.locks.Lock lock = lockOf(tenantId).writeLock();
		lock.lock();
		try {
			TenantStore.Scope scope = store.forTenant(tenantId);
			Instant started = clock.instant();
			String markerId = "rebuild-" + new ObjectId().toHexString();
			scope.insert(new IngestMarker(markerId, tenantId, started, started));
			scope.deleteAll(new org.springframework.data.mongodb.core.query.Query(), Rollup.class);
			Map<String, String> platforms = new HashMap<>();
			RollupWrites rollups = new RollupWrites(tenantId, calendarOf(tenantId));
			long read = 0;
			String after = "";
			while (true) {
				List<MetricState> page = scope.find(org.springframework.data.mongodb.core.query.Query
					.query(Criteria.where("_id").gt(after))
					.with(org.springframework.data.domain.Sort.by("_id"))
					.limit(REBUILD_PAGE), MetricState.class);
				if (page.isEmpty()) {
					break;
				}
				Map<String, Map<Long, Map<String, PackedDays>>> archives = readArchives(scope,
						page.stream().filter(MetricState::attributed).toList());
				for (MetricState paged : page) {
					MetricState state = paged;
					Map<Long, Map<String, PackedDays>> archived = archives.get(state.id());
					// another instance changed it meanwhile: read it again
					for (int attempt = 0; state != null && state.attributed() && archived == null; attempt++) {
						if (attempt == ATTEMPTS) {
							throw new IllegalStateException("The figures of " + state.id() + " kept changing during the rebuild");
						}
						state = scope.findById(state.id(), MetricState.class).orElse(null);
						archived = state == null ? null : readArchives(scope, List.of(state)).get(state.id());
					}
					if (state != null && state.attributed()) {
						String platform = platforms.computeIfAbsent(state.channelId(), id -> scope.findById(id, Channel.class)
							.map(channel -> channel.platform().name()).orElse("UNKNOWN"));
						Target target = new Target(state.channelId(), state.postId(), state.storyId(), state.campaignId(),
								platform);
						contribution(state.series(), state, archived).forEach(effect -> rollups.apply(target, effect));
					}
				}
				writeRollups(scope, rollups);
				rollups.clear();
				read += page.size();
				after = page.get(page.size() - 1).id();
				scope.update(markerId, new org.springframework.data.mongodb.core.query.Update().set("claimedAt", clock.instant()),
						IngestMarker.class);
			}
			scope.deleteAll(org.springframework.data.mongodb.core.query.Query
				.query(Criteria.where("startedAt").lte(started)), IngestMarker.class);
			scope.delete(markerId, IngestMarker.class);
			return read;
		}
		finally {
			lock.unlock();
		}
	}

	private static <T> List<String> distinct(Collection<T> items, Function<T, @Nullable String> id) {
		return items.stream().map(id).filter(Objects::nonNull).distinct().toList();
	}

	static <T extends TenantOwned> Map<String, T> byId(List<T> documents) {
		return documents.stream().collect(Collectors.toMap(TenantOwned::id, Function.identity(), (a, b) -> a, HashMap::new));
	}

	/** The stories and campaigns a batch moved, for live screens. */
	private static final class Changed {

		private final Set<String> stories = new java.util.HashSet<>();

		private final Set<String> campaigns = new java.util.HashSet<>();

		void add(Target target) {
			if (target.storyId() != null) {
				stories.add(target.storyId());
			}
			if (target.campaignId() != null) {
				campaigns.add(target.campaignId());
			}
		}

		boolean isEmpty() {
			return stories.isEmpty() && campaigns.isEmpty();
		}

		/** Which stories and campaigns moved ({@code *}: too many to name). */
		TenantEvent event(String tenantId, java.time.Instant at) {
			return new TenantEvent(tenantId, TOPIC, Map.of("stories", names(stories), "campaigns", names(campaigns)), at);
		}

		private static String names(Set<String> ids) {
			return ids.size() > MAX_EVENT_IDS ? "*" : String.join(",", ids);
		}

	}

	@Bean
	static IndexDeclaration metricIndexes() {
		return IndexDeclaration.tenantOwned(MetricState.COLLECTION);
	}

	@Bean
	static IndexDeclaration rollupIndexes() {
		return IndexDeclaration.tenantOwned(Rollup.COLLECTION);
	}

	@Bean
	static IndexDeclaration archivedDayIndexes() {
		return IndexDeclaration.tenantOwned(DayArchive.Segment.COLLECTION);
	}

	@Bean
	static IndexDeclaration linkIndexes() {
		return IndexDeclaration.tenantOwned(ContentLink.COLLECTION);
	}

	@Bean
	static IndexDeclaration markerIndexes() {
		return IndexDeclaration.tenantOwned(IngestMarker.COLLECTION);
	}

	@Bean
	static IndexDeclaration sampleIndexes() {
		return IndexDeclaration.tenantOwned(MetricBatch.COLLECTION);
	}

}
