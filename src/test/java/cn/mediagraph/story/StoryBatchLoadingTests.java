package cn.mediagraph.story;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full page of stories with their versions' channels costs no MongoDB command at all: the
 * search index serves the stories and, batched, their channels. (Its own application context,
 * because it listens to the driver.)
 */
@IntegrationTest
@Import(StoryBatchLoadingTests.CommandCounting.class)
class StoryBatchLoadingTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	ReadCommands readCommands;

	@Test
	void aHundredStoriesWithTheirChannelsCostNoDatabaseCommand() {
		TestCenter center = clients.newCenter();
		List<Channel> outlets = IntStream.range(0, 10)
			.mapToObj(i -> channels.create(center, "渠道 " + i, Platform.values()[i], Medium.values()[i % 7]))
			.toList();
		for (int i = 0; i < 100; i++) {
			List<Map<String, Object>> versions = new ArrayList<>();
			for (int k = 0; k < 2 + i % 2; k++) {
				versions.add(StoryIntegrationTests.version(outlets.get((i + k) % 10), "WEB_ARTICLE", "版本 " + k, null));
			}
			Map<String, Object> input = StoryApi.minimal("稿件 " + i);
			input.put("versions", versions);
			assertThat(StoryApi.create(center.as(Role.REPORTER), input).userErrors()).isEmpty();
		}

		readCommands.reset();
		List<Map<String, Object>> stories = center.as(Role.ANALYST)
			.documentName("storyChannels")
			.execute()
			.path("stories.edges[*].node")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		int commands = readCommands.count();

		assertThat(stories).hasSize(100);
		for (Map<String, Object> story : stories) {
			int i = Integer.parseInt(String.valueOf(story.get("title")).substring("稿件 ".length()));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> versions = (List<Map<String, Object>>) story.get("versions");
			assertThat(versions).hasSize(2 + i % 2);
			for (int k = 0; k < versions.size(); k++) {
				@SuppressWarnings("unchecked")
				Map<String, Object> channel = (Map<String, Object>) versions.get(k).get("channel");
				assertThat(channel).as("story %d, version %d", i, k).isNotNull();
				assertThat(channel.get("name")).as("story %d, version %d: the channel it names", i, k)
					.isEqualTo("渠道 " + (i + k) % 10);
				assertThat(channel.get("id")).isEqualTo(TestChannels.globalId(outlets.get((i + k) % 10)));
			}
		}
		assertThat(commands).as("database reads for one page: the index serves the stories and their channels").isZero();
	}

	/** Counts the read commands the driver sends. */
	static final class ReadCommands implements CommandListener {

		private static final Set<String> READS = Set.of("find", "aggregate", "count", "getMore", "distinct");

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void commandStarted(CommandStartedEvent event) {
			if (READS.contains(event.getCommandName())) {
				count.incrementAndGet();
			}
		}

		void reset() {
			count.set(0);
		}

		int count() {
			return count.get();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CommandCounting {

		@Bean
		ReadCommands readCommands() {
			return new ReadCommands();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer countReadCommands(ReadCommands readCommands) {
			return settings -> settings.addCommandListener(readCommands);
		}

	}

}
