package cn.mediagraph.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.ChannelDelivery;
import cn.mediagraph.channel.ChannelService;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.StoreDurability;
import cn.mediagraph.platform.mongo.TenantStore;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.story.Story;
import cn.mediagraph.story.StoryFormat;
import cn.mediagraph.story.StoryVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Delivers due posts, exactly once across any number of instances on one database, losing none
 * to a crash.
 * <ul>
 * <li>Due posts are found in {@link DueBuckets} ({@code _id} lookups by minute, no collection
 * scan) and each is verified in MongoDB before anything is done with it.</li>
 * <li>At a post's approval cut-off its story must be approved, else the post is BLOCKED; at its
 * instant it is claimed by one conditional write on its revision that sets a lease (this
 * instance, until when). Of two instances that read the same post, one claim matches; the other
 * does nothing.</li>
 * <li>The claim is delivered by the {@link ChannelPublisher} for its channel, and the outcome
 * written conditionally on the claim's revision. A crash between claim and outcome leaves a
 * lease that ends; the post is due again then (its end was noted in the buckets before the
 * claim) and delivered again with the same idempotency key, which the receiver de-duplicates.</li>
 * <li>A failed attempt is retried after an exponential backoff with jitter, up to the configured
 * number of attempts, then FAILED.</li>
 * </ul>
 * The background loop runs {@link #publishDue()} every few seconds; tests call it directly with
 * the clock frozen where they want it.
 */
@Component
public class Publisher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Publisher.class);

	/** Minutes behind now that no instance adds to any more (clocks may differ a little): only those are forgotten. */
	private static final int SETTLED_BEHIND = 2;

	private final String instance = UUID.randomUUID().toString();

	private final TenantStore store;

	private final SearchIndex index;

	private final PostIndexing indexing;

	private final DueBuckets due;

	private final ChannelService channels;

	private final List<ChannelPublisher> publishers;

	private final PublisherSettings settings;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final Backoff backoff;

	private final StoreDurability durability;

	private final ReentrantLock passing = new ReentrantLock();

	private final ExecutorService workers;

	private @Nullable ScheduledExecutorService loop;

	Publisher(TenantStore store, SearchIndex index, PostIndexing indexing, DueBuckets due, ChannelService channels,
			List<ChannelPublisher> publishers, PublisherSettings settings, Clock clock, ApplicationEventPublisher events,
			StoreDurability durability) {
		this.store = store;
		this.durability = durability;
		this.index = index;
		this.indexing = indexing;
		this.due = due;
		this.channels = channels;
		this.publishers = publishers;
		this.settings = settings;
		this.clock = clock;
		this.events = events;
		this.backoff = new Backoff(settings.firstRetry(), settings.maxRetry());
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), runnable -> {
			Thread thread = new Thread(runnable, "publisher-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** What one pass did. */
	public record Pass(int looked, int acted) {
	}

	/**
	 * One pass: every post due by now (by this instance's clock) is gated, delivered, retried
	 * or settled; returns when all of them are. Passes of one instance run one at a time.
	 */
	public Pass publishDue() {
		passing.lock();
		try {
			return pass();
		}
		finally {
			passing.unlock();
		}
	}

	private Pass pass() {
		Instant now = clock.instant();
		long nowMinute = DueBuckets.minuteOf(now);
		Optional<Long> cursor = due.cursor();
		if (cursor.isEmpty() || cursor.get() > nowMinute) {
			return new Pass(0, 0);
		}
		long start = cursor.get();
		long end = nowMinute;
		boolean settledSoFar = true;
		int looked = 0;
		AtomicInteger acted = new AtomicInteger();
		for (long minute = start; minute <= end; minute++) {
			List<DueBuckets.Bucket> buckets = due.minute(minute);
			Set<String> refs = new LinkedHashSet<>();
			buckets.forEach(bucket -> refs.addAll(bucket.refs()));
			looked += refs.size();
			boolean allResolved = handleAll(refs, minute, now, acted);
			settledSoFar &= allResolved;
			if (settledSoFar && minute <= nowMinute - SETTLED_BEHIND) {
				due.done(minute, buckets);
			}
		}
		return new Pass(looked, acted.get());
	}

	private boolean handleAll(Set<String> refs, long minute, Instant now, AtomicInteger acted) {
		List<Future<Boolean>> results = new ArrayList<>(refs.size());
		for (String ref : refs) {
			results.add(workers.submit(() -> handle(DueBuckets.Ref.parse(ref), minute, now, acted)));
		}
		boolean all = true;
		for (Future<Boolean> result : results) {
			try {
				all &= result.get();
			}
			catch (ExecutionException ex) {
				log.warn("Publisher: a due post could not be handled; it is looked at again in the next pass",
						ex.getCause());
				all = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return all;
	}

	/** Looks at one due post; true when it needs nothing more in this minute. */
	private boolean handle(DueBuckets.Ref ref, long minute, Instant now, AtomicInteger acted) {
		TenantStore.Scope scope = store.forTenant(ref.tenantId());
		Post post = scope.findById(ref.postId(), Post.class).orElse(null);
		if (post == null || post.status().settled() || post.dueAt() == null) {
			return true;
		}
		if (post.dueAt().isAfter(now)) {
			return DueBuckets.minuteOf(post.dueAt()) > minute;
		}
		acted.incrementAndGet();
		Campaign campaign = scope.findById(post.campaignId(), Campaign.class).orElse(null);
		if (campaign == null || campaign.cancelledAt() != null) {
			settle(scope, post, PostStatus.CANCELLED, "The campaign was cancelled", now);
			return true;
		}
		Story story = scope.findById(post.storyId(), Story.class).orElse(null);
		String blocked = PostRules.blocked(story, post.scheduledAt(), settings.approvalCutoff());
		boolean beforeSlot = now.isBefore(post.scheduledAt());
		if (blocked != null && (beforeSlot || post.attempts() == 0)) {
			settle(scope, post, PostStatus.BLOCKED, blocked, now);
			return true;
		}
		if (blocked != null) {
			settle(scope, post, PostStatus.FAILED, blocked, now);
			return true;
		}
		if (beforeSlot && post.status() == PostStatus.SCHEDULED) {
			// the cut-off passed with the story approved: due again at the slot itself
			due.add(scope.tenantId(), post.id(), post.scheduledAt());
			write(scope, post, new Update().set("dueAt", post.scheduledAt()), now);
			return true;
		}
		deliver(scope, post, story, now);
		return true;
	}

	private void deliver(TenantStore.Scope scope, Post post, Story story, Instant now) {
		Channel channel = channels.channelForPublisher(scope.tenantId(), post.channelId()).orElse(null);
		if (channel == null || !channel.active()) {
			settle(scope, post, PostStatus.FAILED, "The channel was deactivated", now);
			return;
		}
		ChannelDelivery delivery = channels.deliveryForPublisher(scope.tenantId(), channel.id()).orElse(null);
		ChannelPublisher publisher = publishers.stream()
			.filter(candidate -> candidate.supports(channel, delivery))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No publisher for channel " + channel.id()));
		Instant leaseUntil = now.plus(settings.lease());
		due.add(scope.tenantId(), post.id(), leaseUntil);
		int attempt = post.attempts() + 1;
		Update claim = new Update().set("status", PostStatus.PUBLISHING)
			.set("leaseOwner", instance)
			.set("leaseUntil", leaseUntil)
			.set("dueAt", leaseUntil)
			.set("attempts", attempt);
		if (post.status() == PostStatus.SCHEDULED) {
			claim.set("transitions", post.plus(PostStatus.PUBLISHING, now, "Due: delivery begins"));
		}
		Optional<Post> claimed = write(scope, post, claim, now);
		if (claimed.isEmpty()) {
			return;
		}
		// the claim is on disk before anything reaches the channel: a crash then redelivers under it
		durability.flush();
		ChannelPublisher.Outcome outcome = publisher.deliver(new ChannelPublisher.Delivery(claimed.get(),
				GlobalId.encode(PostService.NODE_TYPE, post.id()), story, version(story, channel), channel, delivery,
				attempt));
		if (Thread.currentThread().isInterrupted()) {
			// shutting down mid-delivery: what reached the channel is unknown, as after a crash; the
			// lease ends and the post is delivered again with the same idempotency key
			log.info("Publisher: stopped while delivering post {}; it is taken up again after its lease", post.id());
			return;
		}
		record(scope, claimed.get(), outcome);
	}

	private void record(TenantStore.Scope scope, Post claimed, ChannelPublisher.Outcome outcome) {
		Instant now = clock.instant();
		Update update = new Update().set("leaseOwner", null).set("leaseUntil", null);
		if (outcome instanceof ChannelPublisher.Outcome.Published published) {
			update.set("status", PostStatus.PUBLISHED)
				.set("dueAt", null)
				.set("publishedAt", now)
				.set("externalUrl", published.externalUrl())
				.set("reason", null)
				.set("transitions", claimed.plus(PostStatus.PUBLISHED, now, "Delivered at attempt " + claimed.attempts()));
		}
		else if (outcome instanceof ChannelPublisher.Outcome.AwaitConfirmation waiting) {
			update.set("dueAt", null).set("transitions", claimed.plus(PostStatus.PUBLISHING, now, waiting.reason()));
		}
		else if (outcome instanceof ChannelPublisher.Outcome.Failed failed) {
			update.set("status", PostStatus.FAILED)
				.set("dueAt", null)
				.set("reason", failed.reason())
				.set("transitions", claimed.plus(PostStatus.FAILED, now, failed.reason()));
		}
		else if (outcome instanceof ChannelPublisher.Outcome.Retry retry) {
			retryOrFail(scope, claimed, retry.reason(), now, update);
		}
		write(scope, claimed, update, now);
	}

	private void retryOrFail(TenantStore.Scope scope, Post claimed, String reason, Instant now, Update update) {
		if (claimed.attempts() >= settings.maxAttempts()) {
			String why = "Gave up after " + claimed.attempts() + " attempts; the last: " + reason;
			update.set("status", PostStatus.FAILED).set("dueAt", null).set("reason", why)
				.set("transitions", claimed.plus(PostStatus.FAILED, now, why));
			return;
		}
		Instant next = now.plus(backoff.after(claimed.attempts(), ThreadLocalRandom.current()));
		due.add(scope.tenantId(), claimed.id(), next);
		update.set("dueAt", next).set("reason", reason).set("transitions", claimed.plus(PostStatus.PUBLISHING, now,
				"Attempt " + claimed.attempts() + " failed: " + reason + "; next attempt at " + next));
	}

	private void settle(TenantStore.Scope scope, Post post, PostStatus status, String reason, Instant now) {
		write(scope, post, new Update().set("status", status)
			.set("dueAt", null)
			.set("leaseOwner", null)
			.set("leaseUntil", null)
			.set("reason", reason)
			.set("transitions", post.plus(status, now, reason)), now);
	}

	/** One conditional write on the revision read; empty when another writer came first. */
	private Optional<Post> write(TenantStore.Scope scope, Post seen, Update update, Instant now) {
		update.set(PostService.REVISION, seen.revision() + 1).set("updatedAt", now);
		Optional<Post> written = index.write(indexing, seen.id(), () -> scope.update(seen.id(),
				Criteria.where(PostService.REVISION).is(seen.revision()), update, Post.class));
		written.filter(post -> post.status() != seen.status() || !post.transitions().equals(seen.transitions()))
			.ifPresent(post -> events.publishEvent(PostStatusChanged.of(post)));
		return written;
	}

	/** The story's form for the channel: the version naming it, else one for its medium, else the story itself. */
	static StoryVersion version(Story story, Channel channel) {
		return story.versions()
			.stream()
			.filter(version -> channel.id().equals(version.channelId()))
			.findFirst()
			.or(() -> story.versions().stream().filter(version -> version.medium() == channel.medium()).findFirst())
			.orElseGet(() -> new StoryVersion(StoryFormat.WEB_ARTICLE, channel.id(), channel.medium(), story.title(),
					story.body().isEmpty() ? story.summary() : story.body(), null));
	}

	// ------------------------------------------------------------------ the background loop

	@Override
	public void start() {
		if (!settings.enabled()) {
			return;
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "publisher-loop");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(100, settings.interval().toMillis());
		scheduler.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.MILLISECONDS);
		loop = scheduler;
		log.info("Publisher: looking for due posts every {} ms (instance {})", every, instance);
	}

	private void safePass() {
		try {
			Pass pass = publishDue();
			if (pass.acted() > 0) {
				log.info("Publisher: {} due post(s) handled", pass.acted());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Publisher: a pass failed; the next one retries: {}", ex.toString());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = loop;
		loop = null;
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		workers.shutdownNow();
		try {
			workers.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

	/** After the search index (which starts early), before nothing in particular. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

}
