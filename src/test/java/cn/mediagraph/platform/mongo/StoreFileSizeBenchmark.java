package cn.mediagraph.platform.mongo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How big the embedded store's file gets under heavy writing, and how long the writes take:
 * stories imported in {@code insertMany} batches of 500, then single-story edits
 * ({@code findOneAndUpdate} by {@code _id}), then {@code $inc} upserts on one counter document,
 * all over the real wire protocol. Prints the file size after each phase next to the size of the
 * same data as NDJSON; asserts only that everything is there after a restart.
 *
 * <p>{@code ./mvnw -Pbench test -Dtest=StoreFileSizeBenchmark}, sized with
 * {@code -Dbench.stories=20000 -Dbench.edits=5000 -Dbench.increments=2000} (the defaults).
 */
@Tag("benchmark")
class StoreFileSizeBenchmark {

	private static final int STORIES = Integer.getInteger("bench.stories", 20_000);

	private static final int EDITS = Integer.getInteger("bench.edits", 5_000);

	private static final int INCREMENTS = Integer.getInteger("bench.increments", 2_000);

	/** Documents per insertMany, and per batch read back: the embedded store sends a first batch unbounded. */
	private static final int BATCH = 500;

	/** About 600 characters of body: some 2 KB of UTF-8 per story. */
	private static final int BODY_CHARS = 600;

	private static final String HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
			+ "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外"
			+ "天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已"
			+ "通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
			+ "决西被干做必战先回则任取据处理府研";

	private final Random random = new Random(42);

	@TempDir
	Path dataDir;

	@Test
	void storeFileSizeUnderHeavyWriting() throws IOException {
		Path file = dataDir.resolve(EmbeddedMongoServer.STORE_FILE);
		System.out.printf("%nStore file size benchmark: %,d stories, %,d edits, %,d increments%n", STORIES, EDITS,
				INCREMENTS);
		long ndjson;
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = stories(client);
			stories.createIndex(new Document("_id", 1).append("tenantId", 1),
					new IndexOptions().unique(true).name("tenant_id"));

			long started = System.nanoTime();
			List<Document> batch = new ArrayList<>(BATCH);
			for (int i = 0; i < STORIES; i++) {
				batch.add(new Document("_id", storyId(i)).append("tenantId", "t1")
					.append("title", text(20))
					.append("body", text(BODY_CHARS))
					.append("status", "DRAFT")
					.append("updatedAt", new Date())
					.append("version", 1));
				if (batch.size() == BATCH || i == STORIES - 1) {
					stories.insertMany(batch);
					batch.clear();
				}
			}
			report("insert", file, started, STORIES);

			started = System.nanoTime();
			for (int i = 0; i < EDITS; i++) {
				stories.findOneAndUpdate(new Document("_id", storyId(random.nextInt(STORIES))),
						new Document("$set", new Document("body", text(BODY_CHARS)).append("updatedAt", new Date()))
							.append("$inc", new Document("version", 1)),
						new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
			}
			report("edit", file, started, EDITS);

			started = System.nanoTime();
			for (int i = 0; i < INCREMENTS; i++) {
				counters(client).findOneAndUpdate(new Document("_id", "t1"), new Document("$inc", new Document("seq", 1L)),
						new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
			}
			report("increment", file, started, INCREMENTS);

			ndjson = ndjsonBytes(stories) + ndjsonBytes(counters(client));
		}
		System.out.printf("%-10s %8.1f MB after a clean shutdown; the same data as NDJSON: %.1f MB (file is %.2fx)%n",
				"closed", mb(Files.size(file)), mb(ndjson), (double) Files.size(file) / ndjson);

		long started = System.nanoTime();
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			long opened = System.nanoTime();
			long read = 0;
			for (Document story : stories(client).find().batchSize(BATCH)) {
				assertThat(story.getString("body")).hasSize(BODY_CHARS);
				read++;
			}
			System.out.printf("%-10s %8.1f MB, opened in %d ms, all %,d stories read in %d ms%n", "reopened",
					mb(Files.size(file)), (opened - started) / 1_000_000, read, (System.nanoTime() - opened) / 1_000_000);
			assertThat(read).isEqualTo(STORIES);
			assertThat(counters(client).find(new Document("_id", "t1")).first()).containsEntry("seq", (long) INCREMENTS);
		}
	}

	private MongoProperties.Embedded fileStore() {
		return new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false);
	}

	private static MongoCollection<Document> stories(MongoClient client) {
		return client.getDatabase(MongoProperties.DEFAULT_DATABASE).getCollection("stories");
	}

	private static MongoCollection<Document> counters(MongoClient client) {
		return client.getDatabase(MongoProperties.DEFAULT_DATABASE).getCollection("storyCounters");
	}

	private static String storyId(int i) {
		return String.format("story-%07d", i);
	}

	private String text(int chars) {
		StringBuilder text = new StringBuilder(chars);
		for (int i = 0; i < chars; i++) {
			text.append(HAN.charAt(random.nextInt(HAN.length())));
		}
		return text.toString();
	}

	private static long ndjsonBytes(MongoCollection<Document> collection) {
		long bytes = 0;
		for (Document document : collection.find().batchSize(BATCH)) {
			bytes += document.toJson().getBytes(StandardCharsets.UTF_8).length + 1;
		}
		return bytes;
	}

	private static void report(String phase, Path file, long startedNanos, int operations) throws IOException {
		long millis = (System.nanoTime() - startedNanos) / 1_000_000;
		System.out.printf("%-10s %8.1f MB after %,7d ms (%.2f ms per document)%n", phase, mb(Files.size(file)), millis,
				(double) millis / operations);
	}

	private static double mb(long bytes) {
		return bytes / 1e6;
	}

}
