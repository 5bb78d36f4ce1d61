package cn.mediagraph.platform.mongo;

import java.nio.file.Path;

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
				MongoClient client = MongoClients.create(server.connectionString())) {
			stories(client).insertOne(new Document("_id", "s1").append("title", "铜川纪事"));
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(stories(client).find(new Document("_id", "s1")).first()).containsEntry("title", "铜川纪事");
		}
	}

	@Test
	void aWriteSurvivesTheProcessBeingKilledRightAfterIt() throws Exception {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), KillableStore.class.getName(), dataDir.toString(), "s2")
			.redirectErrorStream(true)
			.start();
		try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals("WRITTEN")) {
				// start-up log lines
			}
			assertThat(line).isEqualTo("WRITTEN");
			child.destroyForcibly().waitFor();
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore(0));
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(stories(client).find(new Document("_id", "s2")).first()).isNotNull();
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
	void aSecondInstanceOnTheSameDataDirectoryIsToldWhatToDo() {
		try (EmbeddedMongoServer first = EmbeddedMongoServer.start(fileStore(0))) {
			assertThatThrownBy(() -> EmbeddedMongoServer.start(fileStore(0))).hasMessageContaining("MEDIAGRAPH_EMBEDDED_PORT");
		}
	}

	private static MongoCollection<Document> stories(MongoClient client) {
		return client.getDatabase(MongoProperties.DEFAULT_DATABASE).getCollection("stories");
	}

}
