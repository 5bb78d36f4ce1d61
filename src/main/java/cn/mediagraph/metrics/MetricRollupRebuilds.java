package cn.mediagraph.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import cn.mediagraph.platform.background.BackgroundRuns;
import cn.mediagraph.platform.mongo.TenantStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds of centers' rollups from their states, one at a time in the background: asked for by
 * {@code rebuildMetricRollups}, or started here when a batch was left between its state write
 * and its rollup write (an {@link IngestMarker} older than {@link #STALE}: the process died).
 * Asking again while one runs returns that one. The status is kept in memory, the last per center.
 */
@Component
class MetricRollupRebuilds implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MetricRollupRebuilds.class);

	/** A marker older than this is a write that will not finish; no batch takes nearly as long. */
	static final Duration STALE = Duration.ofMinutes(5);

	/** Where a rebuild stands. */
	enum State {
		RUNNING, SUCCEEDED, FAILED
	}

	/**
	 * A rebuild as the graph shows it.
	 *
	 * @param repair whether this instance started it to repair an interrupted write
	 * @param states the states read, once it has succeeded
	 */
	record Rebuild(State state, Instant startedAt, @Nullable Instant finishedAt, boolean repair, @Nullable Long states) {
	}

	private final BackgroundRuns<Rebuild> runs = new BackgroundRuns<>("metric-rollup-rebuild",
			rebuild -> rebuild.state() == State.RUNNING);

	private final MetricIngestion ingestion;

	private final TenantStore store;

	private final Clock clock;

	private final cn.mediagraph.tenant.TenantService tenants;

	MetricRollupRebuilds(MetricIngestion ingestion, TenantStore store, Clock clock,
			cn.mediagraph.tenant.TenantService tenants) {
		this.ingestion = ingestion;
		this.store = store;
		this.clock = clock;
		this.tenants = tenants;
	}

	/** Starts a rebuild of the center's rollups, unless one runs already; either way, its status. */
	Rebuild start(String tenantId, boolean repair) {
		Instant startedAt = clock.instant();
		return runs.start(tenantId, new Rebuild(State.RUNNING, startedAt, null, repair, null),
				() -> new Rebuild(State.SUCCEEDED, startedAt, clock.instant(), repair, ingestion.rebuildRollups(tenantId)),
				ex -> {
					log.error("Rebuild of the metric rollups of tenant {} failed", tenantId, ex);
					return new Rebuild(State.FAILED, startedAt, clock.instant(), repair, null);
				});
	}

	Optional<Rebuild> latest(String tenantId) {
		return runs.latest(tenantId);
	}

	/**
	 * Finds writes that will not finish (markers older than {@link #STALE}, not claimed by a
	 * running rebuild) and rebuilds their centers' rollups. Each marker is claimed by a
	 * conditional write, so of several instances one repairs it. Runs shortly after start-up and
	 * then every minute; a scan of a collection that is normally empty.
	 *
	 * @return the centers whose rebuild this started
	 */
	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT1M")
	Set<String> repairInterrupted() {
		return repair(clock.instant(), null);
	}

	/** {@link #repairInterrupted()} as of {@code now}, of one center or (null) all. */
	Set<String> repair(Instant now, @Nullable String onlyTenant) {
		Instant stale = now.minus(STALE);
		Criteria old = Criteria.where("startedAt").lt(stale)
			.orOperator(Criteria.where("claimedAt").is(null), Criteria.where("claimedAt").lt(stale));
		if (onlyTenant != null) {
			old = old.and("tenantId").is(onlyTenant);
		}
		Set<String> tenants = new LinkedHashSet<>();
		for (IngestMarker marker : store.findForUpgrade(Query.query(old), IngestMarker.class, 1_000)) {
			if (tenants.contains(marker.tenantId())) {
				continue;
			}
			boolean claimed = store.forTenant(marker.tenantId())
				.updateIf(marker.id(), Criteria.where("claimedAt").is(marker.claimedAt()), new Update().set("claimedAt", now),
						IngestMarker.class);
			if (claimed) {
				log.warn("A write of the metric rollups of tenant {} began at {} and never finished; rebuilding them",
						marker.tenantId(), marker.startedAt());
				start(marker.tenantId(), true);
				tenants.add(marker.tenantId());
			}
		}
		return tenants;
	}

	/**
	 * On start, rebuilds the rollups of every center that has observations but no rollups: a
	 * store written before the rollups moved to {@link Rollup#COLLECTION} (the old collection is
	 * dropped, {@link #retiredRollups()}), or one whose rebuild was interrupted. In the
	 * background; figures grow back meanwhile.
	 *
	 * @return the centers whose rebuild this started
	 */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	List<String> rebuildMissing() {
		List<String> started = new java.util.ArrayList<>();
		for (String tenantId : tenants.allIds()) {
			TenantStore.Scope scope = store.forTenant(tenantId);
			if (scope.findById(Scope.tenant().docId(tenantId, Rollup.LIFETIME), Rollup.class).isEmpty()
					&& scope.exists(Query.query(Criteria.where("attributed").is(true)), MetricState.class)) {
				log.info("The reach rollups of tenant {} are missing (kept elsewhere before this version?); rebuilding them",
						tenantId);
				start(tenantId, true);
				started.add(tenantId);
			}
		}
		return started;
	}

	@org.springframework.context.annotation.Bean
	static cn.mediagraph.platform.mongo.RetiredCollections retiredRollups() {
		return new cn.mediagraph.platform.mongo.RetiredCollections(List.of(Rollup.RETIRED_COLLECTION),
				"reach rollups with the period first in their ids (" + Rollup.COLLECTION + "), rebuilt from the states");
	}

	@Override
	public void destroy() {
		runs.close();
	}

}
