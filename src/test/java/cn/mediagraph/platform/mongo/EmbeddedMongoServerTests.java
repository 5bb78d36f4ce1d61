package cn.mediagraph.platform.mongo;

import java.nio.file.Path;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default keeps what it was told, across a restart, over the real wire protocol. */
class EmbeddedMongoServerTests {

	@TempDir
	Path dataDir;

	private MongoProperties.Embedded fileStore(int port) {
		return new MongoProperties.Embedded(dataDir, port, "127.0.0.1", MongoProperties.Storage.FILE, false);
	}

	@Test
	void dataWrittenBeforeAShutdownIsThereAfterARestart() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			stories(client).insertOne(new Document("_id", "s1").append("title", "铜川纪事"));
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			assertThat(stories(client).find(new Document("_id", "s1")).first()).containsEntry("title", "铜川纪事");
		}
	}

	/**
	 * A file that heavy writing left mostly dead (here 80 MB written, most of it deleted) is
	 * rewritten when the store stops, and what is live reads back after a restart.
	 */
	@Test
	void aStopRewritesAFileLeftMostlyDead() throws Exception {
		java.util.Random random = new java.util.Random(7);
		Path file = dataDir.resolve(EmbeddedMongoServer.STORE_FILE);
		long written;
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			for (int i = 0; i < 80; i++) {
				byte[] noise = new byte[1 << 20];
				random.nextBytes(noise);
				stories(client).insertOne(new Document("_id", "s" + i).append("blob", noise));
			}
			stories(client).deleteMany(new Document("_id", new Document("$nin", java.util.List.of("s3", "s40", "s77"))));
			written = java.nio.file.Files.size(file);
			assertThat(written).as("the file while running").isGreaterThan(64L << 20);
		}
		assertThat(java.nio.file.Files.size(file)).as("after the stop").isLessThan(written / 4);
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			assertThat(stories(client).countDocuments()).isEqualTo(3);
			assertThat(stories(client).find(new Document("_id", "s40")).first().get("blob", org.bson.types.Binary.class)
				.getData()).hasSize(1 << 20);
		}
	}

	@Test
	void aWriteSurvivesTheProcessBeingKilledRightAfterIt() throws Exception {
		assertSurvivesAKill("s2");
	}

	/**
	 * With the app's commits grouped, a write the app flushed (as it does before answering)
	 * survives a kill right after; the timer that commits unflushed writes runs only every
	 * {@value EmbeddedMongoServer.DurableH2Backend#GROUP_COMMIT_EVERY_MILLIS} ms, so without the
	 * flush this write would be lost.
	 */
	@Test
	void aGroupedWriteSurvivesAKillOnceFlushed() throws Exception {
		assertSurvivesAKill("s5", "grouped");
	}

	/** Changes grouped in memory are committed when the store stops. */
	@Test
	void groupedWritesAreCommittedByAStop() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0)).groupCommits();
				MongoClient client = MongoClients.create(server.clientSettings())) {
			stories(client).insertOne(new Document("_id", "s6").append("title", "未提交"));
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			assertThat(stories(client).find(new Document("_id", "s6")).first()).containsEntry("title", "未提交");
		}
	}

	private void assertSurvivesAKill(String id, String... mode) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), KillableStore.class.getName(), dataDir.toString(), id));
		command.addAll(List.of(mode));
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals("WRITTEN")) {
				// start-up log lines
			}
			assertThat(line).isEqualTo("WRITTEN");
			child.destroyForcibly().waitFor();
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.clientSettings())) {
			assertThat(stories(client).find(new Document("_id", id)).first()).isNotNull();
		}
	}

	@Test
	void listensOnTheConfiguredPortSoAnotherProcessCanConnect() throws Exception {
		int port;
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(port));
				MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
			assertThat(server.connectionString()).contains(":" + port + "/mediagraph");
			client.getDatabase("mediagraph").runCommand(new Document("ping", 1));
		}
	}

	@Test
	void anotherLocalProcessCannotUseTheStoreUnlessTheOperatorOptedIn() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(memoryStore(0));
				MongoClient app = MongoClients.create(server.clientSettings());
				MongoClient stranger = MongoClients.create(server.connectionString() + "?serverSelectionTimeoutMS=2000")) {
			stories(app).insertOne(new Document("_id", "s3").append("title", "内部"));
			assertThatThrownBy(() -> stories(stranger).find().first()).isInstanceOf(MongoException.class)
				.hasMessageContaining("Unauthorized");
			assertThatThrownBy(() -> stranger.getDatabase("admin").runCommand(new Document("listDatabases", 1)))
				.isInstanceOf(MongoException.class);
			assertThatThrownBy(() -> stories(stranger).insertOne(new Document("_id", "forged")))
				.isInstanceOf(MongoException.class);
			assertThat(stories(app).countDocuments()).as("the app's own client still works").isEqualTo(1);
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(memoryStore(0));
				MongoClient guesser = MongoClients.create(com.mongodb.MongoClientSettings.builder()
					.applyConnectionString(new com.mongodb.ConnectionString(server.connectionString()))
					.credential(com.mongodb.MongoCredential.createPlainCredential(server.clientSettings().getCredential().getUserName(),
							"$external", "guess".toCharArray()))
					.applyToClusterSettings(c -> c.serverSelectionTimeout(2, java.util.concurrent.TimeUnit.SECONDS))
					.build())) {
			assertThatThrownBy(() -> stories(guesser).find().first()).isInstanceOf(MongoException.class);
		}
	}

	@Test
	void onAnExplicitPortAnyClientIsServed() throws Exception {
		int port;
		try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(memoryStore(port));
				MongoClient app = MongoClients.create(server.clientSettings());
				MongoClient other = MongoClients.create(server.connectionString())) {
			stories(app).insertOne(new Document("_id", "s4"));
			assertThat(stories(other).countDocuments()).isEqualTo(1);
		}
	}

	@Test
	void aNewDataDirectoryIsTheOwnersOnly() throws Exception {
		Path fresh = dataDir.resolve("fresh");
		try (EmbeddedMongoServer server = EmbeddedMongoServer
			.start(new MongoProperties.Embedded(fresh, 0, "127.0.0.1", MongoProperties.Storage.FILE, false))) {
			assertThat(java.nio.file.attribute.PosixFilePermissions
				.toString(java.nio.file.Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
		}
	}

	private MongoProperties.Embedded memoryStore(int port) {
		return new MongoProperties.Embedded(dataDir, port, "127.0.0.1", MongoProperties.Storage.MEMORY, false);
	}

	@Test
	void aSecondInstanceOnTheSameDataDirectoryIsToldWhatToDo() {
		try (EmbeddedMongoServer first = EmbeddedMongoServer.start(fileStore(0))) {
			assertThatThrownBy(() -> EmbeddedMongoServer.start(fileStore(0))).hasMessageContaining("MEDIAGRAPH_EMBEDDED_PORT");
		}
	}

	private static MongoCollection<Document> stories(MongoClient client) {
		return client.getDatabase(MongoProperties.DEFAULT_DATABASE).getCollection("stories");
	}

}
