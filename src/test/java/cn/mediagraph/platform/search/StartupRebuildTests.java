package cn.mediagraph.platform.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.MediaGraphApplication;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.mongo.TenantOwned;
import cn.mediagraph.testing.RunningApp;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start rebuilds every kind from MongoDB when asked ({@code --mediagraph.index.rebuild=true})
 * and when the last start died before its rebuild was done: an index that has drifted from the
 * store (a story removed and one retitled behind the app's back, the same revision kept) lists
 * and finds exactly what MongoDB holds afterwards, its stories' channels included. A clean
 * restart otherwise trusts its index. A start whose rebuild fails leaves the index marked for the next.
 */
class StartupRebuildTests {

	private static final String ADMIN_PASSWORD = "startup-rebuild-admin";

	private static final String PASSWORD = "startup rebuild password";

	private static final String SECRET = "startup rebuild signing secret, 32+ bytes";

	/** The stories' collection in MongoDB. */
	private static final String STORIES = "stories";

	@TempDir
	Path dataDir;

	@Test
	void aStartWithTheRebuildFlagListsAndFindsExactlyWhatMongoDbHolds() throws Exception {
		Drift drift = drifted();
		try (ConfigurableApplicationContext trusting = start("--mediagraph.index.rebuild=false")) {
			RunningApp app = RunningApp.of(trusting);
			assertThat(found(app, app.login("rebuilt", "chief", PASSWORD), "冬藏"))
				.as("a clean restart keeps its index, drift and all").isEmpty();
		}
		try (ConfigurableApplicationContext rebuilt = start("--mediagraph.index.rebuild=true")) {
			assertHoldsWhatMongoDbHolds(RunningApp.of(rebuilt), drift);
		}
	}

	@Test
	void anIndexLeftInTheMiddleOfARebuildIsBuiltAfreshAtTheNextStart() throws Exception {
		Drift drift = drifted();
		// what a start that died during its rebuild leaves: a commit marked as rebuilding
		try (FSDirectory directory = FSDirectory.open(dataDir.resolve("index"))) {
			Map<String, String> data = new HashMap<>(DirectoryReader.listCommits(directory).get(0).getUserData());
			data.put(CommitState.STATE, CommitState.REBUILDING);
			try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer())
				.setIndexSort(LuceneStore.NEWEST)
				.setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
				writer.setLiveCommitData(data.entrySet());
				writer.commit();
			}
		}
		try (ConfigurableApplicationContext restarted = start("--mediagraph.index.rebuild=false")) {
			assertHoldsWhatMongoDbHolds(RunningApp.of(restarted), drift);
		}
	}

	@Test
	void aStartThatFailsInTheMiddleOfItsRebuildLeavesTheIndexMarkedForTheNext() throws Exception {
		try (ConfigurableApplicationContext first = start("--mediagraph.index.rebuild=false")) {
			first.getBean(MongoTemplate.class).getCollection(Unindexable.COLLECTION)
				.insertOne(new org.bson.Document("_id", "t-1").append("tenantId", "t"));
		}
		SpringApplication failing = new SpringApplication(MediaGraphApplication.class, UnindexableKind.class);
		assertThatThrownBy(() -> failing.run(arguments("--mediagraph.index.rebuild=true")))
			.hasRootCauseInstanceOf(AssertionError.class);
		try (FSDirectory directory = FSDirectory.open(dataDir.resolve("index"))) {
			assertThat(DirectoryReader.listCommits(directory).get(0).getUserData())
				.as("the last commit after a start that died in its rebuild (its context closed)")
				.containsEntry(CommitState.STATE, CommitState.REBUILDING);
		}
	}

	/** A document no kind in the app knows (its collection named after it by Spring Data's mapping). */
	record Unindexable(String id, String tenantId) implements TenantOwned {

		static final String COLLECTION = "unindexable";

	}

	/**
	 * A kind whose indexing fails hard (an error, not a document it cannot read). Not annotated:
	 * component scanning would add it to every app the suite starts; given as a source instead.
	 */
	static class UnindexableKind {

		@Bean
		IndexedKind<Unindexable> unindexable() {
			return new IndexedKind<>() {

				@Override
				public String name() {
					return "unindexable";
				}

				@Override
				public Class<Unindexable> type() {
					return Unindexable.class;
				}

				@Override
				public int layoutVersion() {
					return 1;
				}

				@Override
				public long version(Unindexable document) {
					return 1;
				}

				@Override
				public void describe(Unindexable document, IndexDocument into) {
					throw new AssertionError("indexing failed hard in the middle of the rebuild");
				}

			};
		}

	}

	/** The stories and channel made, and which of them were changed behind the app's back. */
	private record Drift(String channel, String removed, String retitled, String untouched) {
	}

	/** Makes a center's stories, then removes one and retitles another in MongoDB directly, and stops. */
	private Drift drifted() throws Exception {
		try (ConfigurableApplicationContext first = start("--mediagraph.index.rebuild=false")) {
			RunningApp app = RunningApp.of(first);
			String chief = app.newCenterWithChiefEditor(ADMIN_PASSWORD, "rebuilt", PASSWORD);
			String channel = app.graphql(chief, "mutation { createChannel(input: {name: \"县台新闻频道\", platform: TV, "
					+ "medium: BROADCAST}) { channel { id } } }", Map.of()).path("createChannel").path("channel").path("id").asString();
			Drift drift = new Drift(channel, create(app, chief, "春耕 现场会", channel), create(app, chief, "夏收 进度", channel),
					create(app, chief, "秋种 准备", channel));
			MongoTemplate mongo = first.getBean(MongoTemplate.class);
			mongo.getCollection(STORIES).deleteOne(Filters.eq("_id", storyKey(drift.removed())));
			mongo.getCollection(STORIES)
				.updateOne(Filters.eq("_id", storyKey(drift.retitled())), Updates.set("title", "冬藏 安排"));
			return drift;
		}
	}

	private static void assertHoldsWhatMongoDbHolds(RunningApp app, Drift drift) throws Exception {
		String chief = app.login("rebuilt", "chief", PASSWORD);
		JsonNode listed = app.graphql(chief, "{ stories(first: 50) { nodes { id versions { channel { id } } } } }", Map.of())
			.path("stories").path("nodes");
		assertThat(listed.valueStream().map(node -> node.path("id").asString()).toList())
			.containsExactly(drift.untouched(), drift.retitled());
		assertThat(listed.valueStream().map(node -> node.path("versions").path(0).path("channel").path("id").asString()).toList())
			.as("each listed story's channel, read from the channels' index entries")
			.containsOnly(drift.channel());
		assertThat(found(app, chief, "冬藏")).containsExactly(drift.retitled());
		assertThat(found(app, chief, "夏收")).isEmpty();
		assertThat(found(app, chief, "春耕")).isEmpty();
	}

	/** An app in this JVM with its store and its index on disk under the test's directory, no oplog. */
	private ConfigurableApplicationContext start(String... extra) {
		return SpringApplication.run(MediaGraphApplication.class, arguments(extra));
	}

	private String[] arguments(String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--mediagraph.demo.enabled=false",
				"--logging.level.root=WARN", "--mediagraph.security.jwt-secret=" + SECRET,
				"--mediagraph.embedded.storage=file", "--mediagraph.embedded.data-dir=" + dataDir,
				"--mediagraph.embedded.oplog=false", "--mediagraph.index.in-memory=false",
				"--mediagraph.index.dir=" + dataDir.resolve("index"), "--mediagraph.security.admin-password=" + ADMIN_PASSWORD));
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

	private static String storyKey(String globalId) {
		return GlobalId.decode(globalId, "Story").orElseThrow();
	}

	private static String create(RunningApp app, String token, String title, String channel) throws Exception {
		return app.graphql(token, "mutation($title: String!, $channel: ID!) { createStory(input: {title: $title, "
				+ "language: \"zh-Hans\", versions: [{channelId: $channel, format: TV_SEGMENT, title: $title}]}) "
				+ "{ story { id } userErrors { message } } }", Map.of("title", title, "channel", channel))
			.path("createStory").path("story").path("id").asString();
	}

	private static List<String> found(RunningApp app, String token, String text) throws Exception {
		return app.graphql(token, "query($text: String!) { stories(first: 50, filter: {text: $text}) { nodes { id } } }",
				Map.of("text", text))
			.path("stories").path("nodes").valueStream().map(node -> node.path("id").asString()).toList();
	}

}
