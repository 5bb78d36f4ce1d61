package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Editors who save the same revision of a story at the same moment: exactly one save wins, the
 * others are told CONFLICT, and the story, its list entry and its search terms are the winner's.
 */
@IntegrationTest
class StoryRaceTests {

	private static final int EDITORS = 6;

	@Autowired
	GraphQlClients clients;

	@Test
	void ofEditorsSavingOneRevisionAtOnceExactlyOneWins() throws Exception {
		TestCenter center = clients.newCenter();
		StoryApi.StoryView story = StoryApi.create(center.as(Role.REPORTER), StoryApi.minimal("赛前的标题")).story();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(EDITORS);
		List<Future<StoryApi.Payload>> saves = new ArrayList<>();
		for (int i = 0; i < EDITORS; i++) {
			String title = "editor" + i + " 的标题";
			saves.add(pool.submit(() -> {
				start.await();
				return StoryApi.update(center.as(Role.EDITOR),
						Map.of("id", story.id(), "expectedRevision", story.revision(), "title", title));
			}));
		}
		start.countDown();
		List<String> winners = new ArrayList<>();
		int conflicts = 0;
		for (Future<StoryApi.Payload> save : saves) {
			StoryApi.Payload payload = save.get();
			if (payload.story() != null) {
				winners.add(payload.story().title());
			}
			else {
				assertThat(payload.userErrors()).extracting(StoryApi.Err::code).containsExactly("CONFLICT");
				conflicts++;
			}
		}
		pool.shutdown();

		assertThat(winners).hasSize(1);
		assertThat(conflicts).isEqualTo(EDITORS - 1);
		StoryApi.StoryView stored = StoryApi.read(center.as(Role.ANALYST), story.id())
			.path("story")
			.entity(StoryApi.StoryView.class)
			.get();
		assertThat(stored.revision()).isEqualTo(2);
		assertThat(stored.title()).isEqualTo(winners.get(0));
		String winner = winners.get(0).split(" ")[0];
		assertThat(StoryApi.page(center.as(Role.ANALYST), Map.of("filter", Map.of("text", winner))).ids())
			.containsExactly(story.id());
		assertThat(StoryApi.page(center.as(Role.ANALYST), Map.of("filter", Map.of("text", "赛前"))).ids()).isEmpty();
	}

}
