package cn.mediagraph.story;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import cn.mediagraph.platform.background.BackgroundRuns;
import cn.mediagraph.platform.search.SearchIndex;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Rebuilds of centers' story indexes, run one at a time in the background: the mutation that
 * asks for one returns at once with its status, and asking again while it runs returns the same
 * rebuild instead of starting another. Each instance rebuilds its own index; the status is kept
 * in memory, the last one per center.
 */
@Component
class StoryIndexRebuilds implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StoryIndexRebuilds.class);

	/** Where a rebuild stands. */
	enum State {
		RUNNING, SUCCEEDED, FAILED
	}

	/**
	 * A rebuild as the graph shows it.
	 * @param indexedStories how many stories it indexed, once it has succeeded
	 * @param skippedStories how many of the center's stories it left out because they cannot be
	 * read or indexed (each is logged once), once it has succeeded
	 */
	record Rebuild(State state, Instant startedAt, @Nullable Instant finishedAt, @Nullable Long indexedStories,
			@Nullable Long skippedStories) {
	}

	private final BackgroundRuns<Rebuild> runs = new BackgroundRuns<>("story-index-rebuild",
			rebuild -> rebuild.state() == State.RUNNING);

	private final Clock clock;

	StoryIndexRebuilds(Clock clock) {
		this.clock = clock;
	}

	/** Starts a rebuild of the center's index, unless one runs already; either way, its status. */
	Rebuild start(String tenantId, Function<String, SearchIndex.Rebuilt> rebuild) {
		Instant startedAt = clock.instant();
		return runs.start(tenantId, new Rebuild(State.RUNNING, startedAt, null, null, null), () -> {
			SearchIndex.Rebuilt rebuilt = rebuild.apply(tenantId);
			return new Rebuild(State.SUCCEEDED, startedAt, clock.instant(), rebuilt.indexed(), rebuilt.skipped());
		}, ex -> {
			log.error("Rebuild of the story index of tenant {} failed", tenantId, ex);
			return new Rebuild(State.FAILED, startedAt, clock.instant(), null, null);
		});
	}

	Optional<Rebuild> latest(String tenantId) {
		return runs.latest(tenantId);
	}

	@Override
	public void destroy() {
		runs.close();
	}

}
