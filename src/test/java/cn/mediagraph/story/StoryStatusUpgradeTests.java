package cn.mediagraph.story;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A store written before the review workflow: its SUBMITTED stories wait at the first level. */
@IntegrationTest
class StoryStatusUpgradeTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	StoryStatusUpgrade upgrade;

	@Test
	void submittedStoriesBecomeInReviewAtTheFirstLevelOnceEach() {
		TestCenter center = clients.newCenter();
		String tenantId = GlobalId.decode(center.tenantId(), "Tenant").orElseThrow();
		Instant filed = Instant.parse("2025-03-01T02:00:00Z");
		for (int i = 1; i <= 3; i++) {
			mongo.getCollection(Story.COLLECTION).insertOne(legacy(tenantId, 9000 + i, i == 3 ? "DRAFT" : "SUBMITTED",
					filed.plusSeconds(i)));
		}

		assertThat(upgrade.upgradeAll()).isGreaterThanOrEqualTo(2);
		assertThat(upgrade.upgradeAll()).isZero();

		Document upgraded = mongo.getCollection(Story.COLLECTION).find(new Document("_id", tenantId + "-9001")).first();
		assertThat(upgraded.getString("status")).isEqualTo("IN_REVIEW");
		assertThat(upgraded.get("review", Document.class).getString("level")).isEqualTo("FIRST");
		assertThat(upgraded.getLong("revision")).isEqualTo(4L);
		assertThat(mongo.getCollection(Story.COLLECTION).find(new Document("_id", tenantId + "-9003")).first()
			.getString("status")).isEqualTo("DRAFT");

		List<String> queued = center.as(Role.EDITOR).documentName("reviewQueue").variable("level", "FIRST").execute()
			.path("reviewQueue.edges[*].node.id").entityList(String.class).get();
		assertThat(queued).containsExactly(GlobalId.encode("Story", tenantId + "-9001"),
				GlobalId.encode("Story", tenantId + "-9002"));
	}

	@Test
	void aReviewWrittenBeforeCorrectionsReadsAsNeverPublished() {
		TestCenter center = clients.newCenter();
		String tenantId = GlobalId.decode(center.tenantId(), "Tenant").orElseThrow();
		Instant filed = Instant.parse("2025-04-01T02:00:00Z");
		// the review sub-document as the review workflow wrote it, before corrections added publishedRevision
		Document story = legacy(tenantId, 9100, "APPROVED", filed).append("review",
				new Document("submittedAt", Date.from(filed)).append("submittedRevision", 2L).append("trail", List.of()));
		mongo.getCollection(Story.COLLECTION).insertOne(story);
		String id = GlobalId.encode("Story", tenantId + "-9100");

		String status = center.as(Role.EDITOR).document("query($id: ID!) { story(id: $id) { status title } }")
			.variable("id", id).execute().path("story.status").entity(String.class).get();
		assertThat(status).isEqualTo("APPROVED");
		assertThat(upgrade.upgradeAll()).isZero();
	}

	private static Document legacy(String tenantId, int seq, String status, Instant at) {
		return StoryFixtures.storedStory(tenantId, seq).append("title", "旧稿 " + seq)
			.append("status", status)
			.append("revision", 3L)
			.append("createdAt", Date.from(at))
			.append("updatedAt", Date.from(at));
	}

}
