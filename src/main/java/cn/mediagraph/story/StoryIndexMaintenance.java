package cn.mediagraph.story;

import cn.mediagraph.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the story feed index whole without anybody watching: every minute, index changes that
 * a crashed writer left half-done are finished; and {@code --mediagraph.story-index.rebuild=true}
 * rebuilds every center's index from its stories at start-up (the command to run should the
 * index ever be lost or doubted; a center's admin can also call {@code rebuildStoryIndex}).
 */
@Component
@Order(5)
class StoryIndexMaintenance implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StoryIndexMaintenance.class);

	private final StoryService stories;

	private final TenantService tenants;

	private final boolean rebuildAtStart;

	StoryIndexMaintenance(StoryService stories, TenantService tenants,
			@Value("${mediagraph.story-index.rebuild:false}") boolean rebuildAtStart) {
		this.stories = stories;
		this.tenants = tenants;
		this.rebuildAtStart = rebuildAtStart;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!rebuildAtStart) {
			return;
		}
		for (String tenantId : tenants.allIds()) {
			long indexed = stories.rebuildIndex(tenantId);
			log.info("Rebuilt the story index of tenant {}: {} stories", tenantId, indexed);
		}
	}

	@Scheduled(fixedDelayString = "${mediagraph.story-index.repair-interval:60s}", initialDelayString = "${mediagraph.story-index.repair-interval:60s}")
	void finishInterruptedWrites() {
		tenants.allIds().forEach(stories::repairInterruptedWrites);
	}

}
