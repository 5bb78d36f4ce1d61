package cn.mediagraph.platform.mongo;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

/**
 * Run in a child JVM by {@link EmbeddedMongoServerTests}: starts the file store, writes one
 * document, says so, and waits to be killed. With a third argument {@code grouped} it groups
 * the app's commits as the app does, and flushes before saying so, as the app does before it
 * answers.
 */
public final class KillableStore {

	private KillableStore() {
	}

	public static void main(String[] args) throws InterruptedException {
		var settings = new MongoProperties.Embedded(Path.of(args[0]), 0, "127.0.0.1", MongoProperties.Storage.FILE, false);
		boolean grouped = args.length > 2 && args[2].equals("grouped");
		EmbeddedMongoServer server = EmbeddedMongoServer.start(settings);
		if (grouped) {
			server.groupCommits();
		}
		MongoClient client = MongoClients.create(server.clientSettings());
		client.getDatabase(MongoProperties.DEFAULT_DATABASE)
			.getCollection("stories")
			.insertOne(new Document("_id", args[1]).append("title", "written just before the kill"));
		if (grouped) {
			server.flush();
		}
		System.out.println("WRITTEN");
		System.out.flush();
		Thread.sleep(60_000);
	}

}
