package cn.mediagraph.platform.mongo;

import java.util.List;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MVStore bounds its page cache by the sizes the data type estimates: a document's estimate
 * grows with what it holds, binary values included, so a cache of 64 MB holds about 64 MB.
 */
class DocumentTypeTests {

	private final DocumentType type = new DocumentType();

	@Test
	void theEstimateCountsWhatADocumentHolds() {
		Document small = new Document("_id", "s1").append("n", 1);
		Document binary = new Document("_id", "s2").append("packed", new BinData(new byte[100_000]));
		Document nested = new Document("_id", "s3").append("list",
				List.of(new Document("x", new BinData(new byte[5_000])), "a".repeat(1_000)));
		assertThat(type.getMemory(small)).isBetween(100, 1_000);
		assertThat(type.getMemory(binary)).isBetween(100_000, 101_000);
		assertThat(type.getMemory(nested)).isBetween(7_000, 8_000);
	}

}
