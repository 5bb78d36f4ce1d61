package cn.mediagraph.platform.mongo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query that names an {@code _id} and other fields (a tenant, an expected revision) answers
 * exactly as before on the embedded file store, now from the {@code _id} index: reads,
 * conditional updates, find-and-modify and deletes, matching or not, and after a restart.
 */
class IdLookupTests {

	@TempDir
	Path dataDir;

	private MongoProperties.Embedded fileStore() {
		return new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false);
	}

	@Test
	void queriesWithAnIdAndMoreFieldsMatchAsBefore() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				documents.add(new Document("_id", "s" + i).append("tenantId", i % 2 == 0 ? "a" : "b").append("revision", 1));
			}
			stories.insertMany(documents);

			assertThat(stories.find(Filters.and(Filters.eq("_id", "s4"), Filters.eq("tenantId", "a"))).first())
				.containsEntry("_id", "s4");
			assertThat(stories.find(Filters.and(Filters.eq("_id", "s4"), Filters.eq("tenantId", "b"))).first())
				.as("another tenant's document is not found").isNull();
			assertThat(stories.find(Filters.and(Filters.eq("_id", "nope"), Filters.eq("tenantId", "a"))).first()).isNull();
			assertThat(stories.find(Filters.and(Filters.in("_id", "s1", "s2", "s3"), Filters.eq("tenantId", "b")))
				.into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactlyInAnyOrder("s1", "s3");
			List<String> many = new ArrayList<>();
			for (int i = 0; i < 600; i += 2) {
				many.add("s" + i);
				many.add("missing" + i);
			}
			many.add("s0");
			assertThat(stories.find(Filters.in("_id", many)).into(new ArrayList<>()))
				.as("a list of ids, some missing, one twice").hasSize(250)
				.allSatisfy(d -> assertThat(d.getString("tenantId")).isEqualTo("a"));
			assertThat(stories.find(Filters.and(Filters.in("_id", many), Filters.eq("tenantId", "b"))).first())
				.as("the rest of the query still applies").isNull();
			assertThat(stories.find(Filters.in("_id", List.of("s7", java.util.regex.Pattern.compile("^s49[0-9]$"))))
				.into(new ArrayList<>())).as("a pattern among the ids is matched as a pattern").extracting(d -> d.get("_id"))
				.containsExactlyInAnyOrder("s7", "s490", "s491", "s492", "s493", "s494", "s495", "s496", "s497", "s498", "s499");
			assertThat(stories.find(Filters.in("_id", many)).sort(new Document("_id", -1)).skip(1).limit(2)
				.into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactly("s96", "s94");

			var stale = stories.updateOne(Filters.and(Filters.eq("_id", "s6"), Filters.eq("revision", 2)), Updates.set("x", 1));
			assertThat(stale.getMatchedCount()).as("a stale revision changes nothing").isZero();
			var current = stories.updateOne(Filters.and(Filters.eq("_id", "s6"), Filters.eq("tenantId", "a"),
					Filters.eq("revision", 1)), Updates.combine(Updates.set("x", 1), Updates.inc("revision", 1)));
			assertThat(current.getModifiedCount()).isOne();
			Document after = stories.findOneAndUpdate(Filters.and(Filters.eq("_id", "s6"), Filters.eq("revision", 2)),
					Updates.inc("revision", 1), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
			assertThat(after).containsEntry("revision", 3).containsEntry("x", 1);

			assertThat(stories.deleteOne(Filters.and(Filters.eq("_id", "s8"), Filters.eq("tenantId", "b"))).getDeletedCount())
				.isZero();
			assertThat(stories.deleteOne(Filters.and(Filters.eq("_id", "s8"), Filters.eq("tenantId", "a"))).getDeletedCount())
				.isOne();
			assertThat(stories.countDocuments()).isEqualTo(499);
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			assertThat(stories.find(Filters.and(Filters.eq("_id", "s6"), Filters.eq("tenantId", "a"))).first())
				.as("read back after a restart").containsEntry("revision", 3);
			assertThat(stories.countDocuments()).isEqualTo(499);
		}
	}

	/** The size {@code collStats} reports is counted when asked: right after updates and after a restart. */
	@Test
	void collectionStatisticsCountTheDocumentsAsStored() {
		Document first = new Document("_id", "a").append("t", new Document("VIEWS", 1.0));
		Document second = new Document("_id", "b").append("title", "铜川");
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			var database = client.getDatabase("mediagraph");
			MongoCollection<Document> rollups = database.getCollection("rollups");
			rollups.insertMany(List.of(first, second));
			assertThat(size(database)).isEqualTo(bsonSize(first) + bsonSize(second));
			rollups.updateOne(Filters.eq("_id", "a"), Updates.inc("t.LIKES", 2.0));
			assertThat(size(database)).isEqualTo(bsonSize(first.append("t", new Document("VIEWS", 1.0).append("LIKES", 2.0)))
					+ bsonSize(second));
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			assertThat(size(client.getDatabase("mediagraph"))).as("after a restart").isEqualTo(bsonSize(first) + bsonSize(second));
		}
	}

	/**
	 * A find over a whole collection with a batch size is answered batch by batch (a rebuild of
	 * 100,000 stories ran out of memory when the store collected every match first): every
	 * matching document comes back once, a limit holds, documents written between batches after
	 * the cursor's position are seen, and the server's own passes over many documents (a delete,
	 * an update, a count) still reach them all.
	 */
	@Test
	void aFindWithABatchSizeReadsEveryMatchOnceInBatches() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 2_500; i++) {
				documents.add(new Document("_id", String.format("s%05d", i)).append("tenantId", i % 3 == 0 ? "a" : "b"));
			}
			stories.insertMany(documents);

			List<Object> ids = new ArrayList<>();
			try (var cursor = stories.find(Filters.eq("tenantId", "a")).batchSize(100).iterator()) {
				for (int i = 0; cursor.hasNext(); i++) {
					ids.add(cursor.next().get("_id"));
					if (i == 10) {
						stories.insertOne(new Document("_id", "s99999").append("tenantId", "a"));
					}
				}
			}
			assertThat(ids).as("834 matches and one written meanwhile").hasSize(835).doesNotHaveDuplicates().contains("s99999");
			assertThat(stories.find().batchSize(300).into(new ArrayList<>())).hasSize(2_501);
			assertThat(stories.find(Filters.eq("tenantId", "b")).batchSize(50).limit(120).into(new ArrayList<>()))
				.hasSize(120);

			assertThat(stories.updateMany(Filters.eq("tenantId", "b"), new Document("$set", new Document("seen", true)))
				.getModifiedCount()).isEqualTo(1_666);
			assertThat(stories.countDocuments(Filters.eq("seen", true))).isEqualTo(1_666);
			assertThat(stories.deleteMany(Filters.eq("tenantId", "a")).getDeletedCount()).isEqualTo(835);
			assertThat(stories.countDocuments()).isEqualTo(1_666);
		}
	}

	private static long size(com.mongodb.client.MongoDatabase database) {
		return ((Number) database.runCommand(new Document("collStats", "rollups")).get("size")).longValue();
	}

	private static long bsonSize(Document document) {
		return new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec()).getByteBuffer().remaining();
	}

}
