package cn.mediagraph.platform.mongo;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store file written before documents were kept as BSON and index keys in their own encoding
 * (as mongo-java-server's own H2 backend writes it) opens as it was: every document reads back
 * with its types, lookups by id and the unique indexes work (rebuilt from the documents), old
 * documents that are changed take the new form, and all of it survives a restart.
 */
class StoreFormatUpgradeTests {

	@TempDir
	Path dataDir;

	private MongoProperties.Embedded fileStore() {
		return new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false);
	}

	private static Document story(int i) {
		return new Document("_id", "s" + i).append("tenantId", i % 2 == 0 ? "a" : "b")
			.append("title", "铜川新闻 " + i)
			.append("revision", 1)
			.append("views", 10_000_000_000L + i)
			.append("share", i / 4.0)
			.append("createdAt", Date.from(Instant.parse("2026-05-01T08:30:00.123Z").plusSeconds(i)))
			.append("tags", List.of("民生", "tag" + i))
			.append("review", new Document("level", 2).append("by", null).append("notes", List.of(new Document("n", i))));
	}

	/** Reads a stored document as the tag its value begins with (which of the two forms it is in). */
	private static final class FormatTag extends BasicDataType<Integer> {

		private final DocumentType documents = new DocumentType();

		@Override
		public Integer read(ByteBuffer buffer) {
			int tag = buffer.get(buffer.position()) & 0xff;
			documents.read(buffer);
			return tag;
		}

		@Override
		public int getMemory(Integer tag) {
			return 16;
		}

		@Override
		public void write(WriteBuffer buffer, Integer tag) {
			throw new UnsupportedOperationException("read only");
		}

		@Override
		public Integer[] createStorage(int size) {
			return new Integer[size];
		}

	}

	@Test
	void aStoreWrittenInTheOldFormatOpensAndUpgradesAsItIsWritten() {
		MVStore old = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.STORE_FILE).toString()).open();
		MongoServer oldServer = new MongoServer(new H2Backend(old));
		InetSocketAddress address = oldServer.bind();
		try (MongoClient client = MongoClients
			.create(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			stories.createIndex(Indexes.ascending("_id", "tenantId"), new IndexOptions().unique(true).name("tenant_id"));
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				documents.add(story(i));
			}
			stories.insertMany(documents);
		}
		finally {
			oldServer.shutdownNow();
			old.close();
		}

		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			assertThat(stories.countDocuments()).isEqualTo(300);
			assertThat(stories.find(Filters.and(Filters.eq("_id", "s42"), Filters.eq("tenantId", "a"))).first())
				.as("an old document, found by id through the rebuilt index, with every type as written")
				.isEqualTo(story(42));
			assertThat(stories.find(Filters.and(Filters.eq("_id", "s42"), Filters.eq("tenantId", "b"))).first()).isNull();
			assertThat(stories.find(Filters.in("_id", "s1", "s2", "s299")).into(new ArrayList<>())).hasSize(3);
			assertThatThrownBy(() -> stories.insertOne(new Document("_id", "s7").append("tenantId", "b")))
				.as("the unique id index still holds").isInstanceOf(MongoWriteException.class)
				.hasMessageContaining("E11000");
			stories.updateOne(Filters.eq("_id", "s8"), Updates.combine(Updates.inc("revision", 1), Updates.set("title", "改过")));
			stories.insertOne(story(300));
		}

		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(fileStore());
				MongoClient client = MongoClients.create(server.clientSettings())) {
			MongoCollection<Document> stories = client.getDatabase("mediagraph").getCollection("stories");
			assertThat(stories.countDocuments()).isEqualTo(301);
			assertThat(stories.find(Filters.eq("_id", "s8")).first())
				.as("a document rewritten in the new form, after a restart")
				.containsEntry("revision", 2)
				.containsEntry("title", "改过")
				.containsEntry("views", 10_000_000_008L)
				.containsEntry("tags", List.of("民生", "tag8"));
			assertThat(stories.find(Filters.eq("_id", "s300")).first()).isEqualTo(story(300));
			assertThat(stories.find(Filters.eq("_id", "s9")).first()).as("one never rewritten").isEqualTo(story(9));
		}

		MVStore reopened = new MVStore.Builder().fileName(dataDir.resolve(EmbeddedMongoServer.STORE_FILE).toString())
			.readOnly()
			.open();
		try {
			assertThat(reopened.getMapNames()).as("the old index maps are gone")
				.noneMatch(name -> name.contains(IdLookupH2Database.RETIRED_INDEX_MARK))
				.anyMatch(name -> name.endsWith("stories._keys_tenant_id"));
			MVMap<Object, Integer> tags = reopened.openMap("databases.mediagraph.stories",
					new MVMap.Builder<Object, Integer>().valueType(new FormatTag()));
			assertThat(tags.get("s8")).as("a rewritten document is stored as BSON").isEqualTo(DocumentType.BSON);
			assertThat(tags.get("s300")).as("a new one too").isEqualTo(DocumentType.BSON);
			assertThat(tags.get("s9")).as("one never rewritten keeps the old form").isNotEqualTo(DocumentType.BSON);
		}
		finally {
			reopened.close();
		}
	}

}
