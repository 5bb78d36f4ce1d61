package cn.mediagraph.platform.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's own update path ({@link DirectUpdate}) answers exactly as
 * mongo-java-server's general one: thousands of random updates by {@code _id} (increments,
 * maxima, minima, sets, upserts, replacements, stale conditions, paths through numbers,
 * strings and arrays, conflicting paths) sent to both, with the same counts, the same errors
 * and the same documents, field order included.
 */
class DirectUpdateTests {

	private static final String[] PATHS = { "t", "t.VIEWS", "t.LIKES", "h.493000.VIEWS", "h.493001.VIEWS", "h.493000",
			"c.ch1.VIEWS", "s", "s.x", "list", "list.0", "name", "n", "rev" };

	@TempDir
	Path dataDir;

	@Test
	void randomUpdatesGiveWhatTheGeneralPathGives() {
		MongoServer reference = new MongoServer(new MemoryBackend());
		InetSocketAddress address = reference.bind();
		try (EmbeddedMongoServer server = EmbeddedMongoServer.start(
				new MongoProperties.Embedded(dataDir, 0, "127.0.0.1", MongoProperties.Storage.FILE, false));
				MongoClient direct = MongoClients.create(server.clientSettings());
				MongoClient general = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			MongoCollection<Document> mine = direct.getDatabase("test").getCollection("rollups");
			MongoCollection<Document> theirs = general.getDatabase("test").getCollection("rollups");
			Random random = new Random(20261206);
			int errors = 0;
			int modified = 0;
			for (int step = 0; step < 4_000; step++) {
				String id = "d" + random.nextInt(12);
				Bson filter = random.nextInt(5) == 0 ? Filters.and(Filters.eq("_id", id), Filters.eq("rev", random.nextInt(4)))
						: random.nextInt(6) == 0 ? Filters.and(Filters.eq("_id", id), Filters.eq("tenant", "a"))
								: Filters.eq("_id", id);
				boolean upsert = random.nextBoolean();
				Outcome expected;
				Outcome actual;
				if (random.nextInt(10) == 0) {
					Document replacement = new Document("tenant", "a").append("rev", random.nextInt(4))
						.append("t", new Document("VIEWS", random.nextInt(100)));
					expected = Outcome.of(() -> theirs.replaceOne(filter, replacement, new ReplaceOptions().upsert(upsert)));
					actual = Outcome.of(() -> mine.replaceOne(filter, replacement, new ReplaceOptions().upsert(upsert)));
				}
				else {
					Document update = randomUpdate(random);
					expected = Outcome.of(() -> theirs.updateOne(filter, update, new UpdateOptions().upsert(upsert)));
					actual = Outcome.of(() -> mine.updateOne(filter, update, new UpdateOptions().upsert(upsert)));
				}
				assertThat(actual).as("step %d: %s", step, filter).isEqualTo(expected);
				errors += expected.error() != null ? 1 : 0;
				modified += expected.modified() > 0 ? 1 : 0;
				if (step % 100 == 99) {
					assertThat(all(mine)).as("documents after step %d", step).isEqualTo(all(theirs));
				}
			}
			assertThat(all(mine)).isEqualTo(all(theirs));
			assertThat(errors).as("refused updates compared too").isGreaterThan(100);
			assertThat(modified).as("applied updates compared too").isGreaterThan(1_000);
		}
		finally {
			reference.shutdownNow();
		}
	}

	private static Document randomUpdate(Random random) {
		Document update = new Document();
		String[] operators = { "$inc", "$max", "$min", "$set", "$setOnInsert", "$unset" };
		int count = 1 + random.nextInt(2);
		for (int i = 0; i < count; i++) {
			String operator = operators[random.nextInt(operators.length)];
			Document fields = (Document) update.computeIfAbsent(operator, key -> new Document());
			for (int j = 0; j < 1 + random.nextInt(4); j++) {
				fields.put(PATHS[random.nextInt(PATHS.length)], value(random, operator));
			}
		}
		if (random.nextBoolean()) {
			((Document) update.computeIfAbsent("$inc", key -> new Document())).put("rev", 1);
		}
		return update;
	}

	private static Object value(Random random, String operator) {
		return switch (random.nextInt(operator.equals("$set") || operator.equals("$setOnInsert") ? 7 : 4)) {
			case 0 -> random.nextInt(50);
			case 1 -> (long) random.nextInt(50);
			case 2 -> random.nextInt(50) / 4.0;
			case 3 -> random.nextInt(3) - 1;
			case 4 -> "text";
			case 5 -> List.of(1, 2);
			default -> new Document("VIEWS", 1);
		};
	}

	private static List<String> all(MongoCollection<Document> collection) {
		List<String> documents = new ArrayList<>();
		collection.find().sort(Sorts.ascending("_id")).forEach(document -> documents.add(document.toJson()));
		return documents;
	}

	/** What an update answered: its counts, or the code of its error. */
	record Outcome(long matched, long modified, String upserted, Integer error) {

		static Outcome of(java.util.function.Supplier<UpdateResult> update) {
			try {
				UpdateResult result = update.get();
				return new Outcome(result.getMatchedCount(), result.getModifiedCount(),
						result.getUpsertedId() == null ? null : result.getUpsertedId().toString(), null);
			}
			catch (MongoException ex) {
				return new Outcome(0, 0, null, ex.getCode());
			}
		}

	}

}
