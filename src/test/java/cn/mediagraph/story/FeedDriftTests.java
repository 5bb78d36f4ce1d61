package cn.mediagraph.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import cn.mediagraph.bench.StoryGenerator;
import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.graphql.Connection;
import cn.mediagraph.platform.graphql.GlobalId;
import cn.mediagraph.platform.graphql.PageRequest;
import cn.mediagraph.platform.search.IndexedKind;
import cn.mediagraph.platform.search.SearchIndex;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.story.StoryInputs.CreateStoryInput;
import cn.mediagraph.story.StoryInputs.StoryFilter;
import cn.mediagraph.story.StoryInputs.StoryVersionInput;
import cn.mediagraph.story.StoryInputs.UpdateStoryInput;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search index is derived data: it must never drift from the stories. Edits, status changes,
 * re-tagging and deletes are made at random; after each round every read path (the list, each
 * filter, text search, date ranges, both orders, both paging directions, counts and facets) is
 * compared with the answer a full scan of the stories gives. A rebuild must then change nothing.
 */
@IntegrationTest
class FeedDriftTests {

	private static final String[] TAGS = { "乡村振兴", "文旅", "民生", "七夕", "越野赛" };

	private static final String[] REGIONS = { "城关镇", "彭镇", "五里镇" };

	private static final String[] TEXTS = { "铜川", "越野赛", "夜市开张", "群众", "a+b", "直播观看", "铜", "ＡＢＣ" };

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels testChannels;

	@Autowired
	StoryService stories;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SearchIndex searchIndex;

	@Autowired
	List<IndexedKind<?>> indexedKinds;

	private final Random random = new Random(20261122);

	/** How many queue entries the checks compared: the review moves must have happened. */
	private int queuedSeen;

	private final List<String> channelIds = new ArrayList<>();

	private String tenantId;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void everyReadPathAgreesWithAFullScanThroughRandomEditsAndAfterARebuild() {
		TestCenter center = clients.newCenter();
		tenantId = TestChannels.tenantIdOf(center);
		for (Platform platform : List.of(Platform.TV, Platform.DOUYIN, Platform.WEBSITE)) {
			Channel channel = testChannels.create(center, platform.name(), platform, medium(platform));
			channelIds.add(channel.id());
		}
		String chiefId = center.as(Role.CHIEF_EDITOR).documentName("viewer").execute().path("viewer.id").entity(String.class).get();
		signInAs(GlobalId.decode(chiefId, "User").orElseThrow());
		StoryGenerator generator = new StoryGenerator(7, 400, Instant.now(), channelIds.size());

		for (int round = 0; round < 4; round++) {
			for (int op = 0; op < 90; op++) {
				randomOperation(generator);
			}
			assertReadPathsMatchFullScan("round " + round);
		}
		stories.rebuildIndex(tenantId);
		assertReadPathsMatchFullScan("after rebuild");
		assertThat(queuedSeen).as("stories waited in the review queues").isGreaterThan(20);
	}

	/**
	 * The audit log is derived data in the index too: random mutations over HTTP by several
	 * users (done, refused with user errors, refused by role), then every filter of
	 * {@code auditLog} (each user, each action, objects, time ranges), paged, against a scan of
	 * the stored entries, before and after a rebuild of the audit index.
	 */
	@Test
	void theAuditLogAgreesWithAFullScanOfItsEntriesAndAfterARebuild() {
		TestCenter center = clients.newCenter();
		tenantId = TestChannels.tenantIdOf(center);
		Instant start = Instant.now();
		List<String> ids = new ArrayList<>();
		List<Instant> marks = new ArrayList<>();
		Role[] writers = { Role.REPORTER, Role.EDITOR, Role.CHIEF_EDITOR };
		for (int op = 0; op < 60; op++) {
			Role role = writers[random.nextInt(writers.length)];
			if (ids.isEmpty() || random.nextInt(3) == 0) {
				ids.add(center.as(role).documentName("createStory")
					.variable("input", Map.of("title", "审计漂移 " + op, "language", "zh-Hans"))
					.execute()
					.path("createStory.story.id")
					.entity(String.class)
					.get());
				continue;
			}
			String id = ids.get(random.nextInt(ids.size()));
			switch (random.nextInt(3)) {
				case 0 -> center.as(role).documentName("updateStory")
					.variable("input", Map.of("id", id, "expectedRevision", 1 + random.nextInt(2), "title", "改 " + op))
					.execute();
				case 1 -> center.as(role).documentName("submitStory").variable("input", Map.of("id", id)).execute();
				default -> center.as(Role.REPORTER).documentName("reviewStory")
					.variable("input", Map.of("storyId", id, "revision", 1, "decision", "APPROVE"))
					.execute();
			}
			if (op % 20 == 0) {
				marks.add(Instant.now());
			}
		}
		HttpGraphQlTester admin = center.as(Role.ADMIN);
		assertAuditAgrees(admin, start, ids, marks, "after random mutations");
		IndexedKind<?> audit = indexedKinds.stream().filter(kind -> kind.name().equals("audit")).findFirst().orElseThrow();
		searchIndex.rebuild(audit, tenantId);
		assertAuditAgrees(admin, start, ids, marks, "after rebuild");
	}

	private void assertAuditAgrees(HttpGraphQlTester admin, Instant start, List<String> ids, List<Instant> marks,
			String when) {
		List<Document> entries = mongo.find(Query.query(Criteria.where("tenantId").is(tenantId)), Document.class,
				"audit_log");
		entries.removeIf(entry -> entry.getDate("at").toInstant().isBefore(start));
		entries.sort(Comparator.comparing((Document entry) -> entry.getDate("at").toInstant())
			.thenComparing(entry -> Long.parseUnsignedLong(entry.getObjectId("_id").toHexString().substring(8), 16))
			.reversed());
		assertThat(entries).as("mutations were recorded").hasSizeGreaterThanOrEqualTo(60);
		Map<String, Predicate<Document>> filters = new LinkedHashMap<>();
		Map<String, Map<String, Object>> arguments = new LinkedHashMap<>();
		filters.put("all", entry -> true);
		arguments.put("all", Map.of());
		entries.stream().map(entry -> entry.getString("userId")).distinct().forEach(user -> {
			filters.put("user " + user, entry -> entry.getString("userId").equals(user));
			arguments.put("user " + user, Map.of("userId", GlobalId.encode("User", user)));
		});
		for (String action : List.of("createStory", "updateStory", "submitStory", "reviewStory")) {
			filters.put(action, entry -> entry.getString("action").equals(action));
			arguments.put(action, Map.of("action", action));
		}
		for (String id : ids.subList(0, Math.min(5, ids.size()))) {
			filters.put("object " + id, entry -> entry.getList("objectIds", String.class).contains(id));
			arguments.put("object " + id, Map.of("objectId", id));
		}
		for (Instant mark : marks) {
			filters.put("before " + mark, entry -> entry.getDate("at").toInstant().isBefore(mark));
			arguments.put("before " + mark, Map.of("to", mark.toString()));
			filters.put("since " + mark, entry -> !entry.getDate("at").toInstant().isBefore(mark));
			arguments.put("since " + mark, Map.of("from", mark.toString()));
		}
		filters.forEach((name, filter) -> {
			List<String> expected = entries.stream().filter(filter).map(entry -> entry.getObjectId("_id").toHexString()).toList();
			Map<String, Object> given = new LinkedHashMap<>(arguments.get(name));
			given.putIfAbsent("from", start.toString());
			List<String> actual = new ArrayList<>();
			String after = null;
			boolean more;
			int total;
			do {
				var request = admin.documentName("auditLog").variable("first", 7).variable("filter", given);
				if (after != null) {
					request = request.variable("after", after);
				}
				var response = request.execute();
				actual.addAll(response.path("auditLog.nodes[*].id").entityList(String.class).get());
				more = response.path("auditLog.pageInfo.hasNextPage").entity(Boolean.class).get();
				after = response.path("auditLog.pageInfo.endCursor").entity(String.class).get();
				total = response.path("auditLog.totalCount").entity(Integer.class).get();
			}
			while (more);
			assertThat(actual).as(when + ", audit " + name).containsExactlyElementsOf(expected);
			assertThat(total).as(when + ", audit count " + name).isEqualTo(expected.size());
		});
	}

	private void randomOperation(StoryGenerator generator) {
		List<Story> all = scan();
		int choice = all.size() < 20 ? 0 : random.nextInt(10);
		if (choice <= 3) {
			create(generator.next());
			return;
		}
		Story story = all.get(random.nextInt(all.size()));
		switch (choice) {
			case 4, 5 -> retag(story);
			case 6 -> rewrite(story, generator.next());
			case 7 -> stories.changeStatus(story.id(), story.revision(), pick(StoryStatus.values()));
			case 8 -> reviewMove(story);
			default -> stories.delete(new StoryInputs.DeleteStoryInput(GlobalId.encode("Story", story.id()), story.revision()));
		}
	}

	/** Submits a draft, or decides on a story in review at its level (the review workflow's writes). */
	private void reviewMove(Story story) {
		if (story.status() == StoryStatus.IN_REVIEW) {
			ReviewDecision decision = random.nextInt(4) == 0 ? ReviewDecision.REJECT : ReviewDecision.APPROVE;
			stories.transition(story, story.decided(new ReviewMark(story.reviewLevel(), decision, story.revision(),
					"意见", Instant.now(), "reviewer", "reviewer")));
		}
		else {
			stories.transition(story, story.submitted(Instant.now()));
		}
	}

	/** Each level's review queue, paged, against the scan: oldest submission first. */
	private void assertQueuesMatchFullScan(String when, List<Story> all) {
		for (ReviewLevel level : ReviewLevel.values()) {
			List<String> expected = all.stream()
				.filter(story -> story.reviewLevel() == level)
				.sorted(Comparator.comparing((Story story) -> story.review().submittedAt().toEpochMilli())
					.thenComparing(Story::seq))
				.map(Story::id)
				.toList();
			List<String> actual = new ArrayList<>();
			String after = null;
			StoryConnection page;
			do {
				page = stories.waitingAt(level, PageRequest.of(7, after, null, null));
				page.nodes().forEach(story -> actual.add(story.id()));
				after = page.pageInfo().endCursor();
			}
			while (page.pageInfo().hasNextPage());
			assertThat(actual).as(when + ", queue " + level).containsExactlyElementsOf(expected);
			assertThat(page.totalCount()).as(when + ", queue count " + level).isEqualTo(expected.size());
			queuedSeen += expected.size();
		}
	}

	private void create(StoryGenerator.Generated g) {
		String text = random.nextInt(8) == 0 ? pick(TEXTS) + " " : random.nextInt(8) == 0 ? "abc " : "";
		var payload = stories.create(new CreateStoryInput(g.title(), text + g.summary(), g.body(), g.language(),
				List.of(pick(TAGS)), pick(REGIONS), List.of("记者 测试"), List.of(), versions()));
		assertThat(payload.userErrors()).isEmpty();
	}

	private void retag(Story story) {
		List<String> tags = random.nextBoolean() ? List.of(pick(TAGS), pick(TAGS)) : List.of();
		stories.update(new UpdateStoryInput(GlobalId.encode("Story", story.id()), story.revision(), null, null, null,
				random.nextBoolean() ? "bo" : null, tags, pick(REGIONS), null, null, random.nextBoolean() ? versions() : null));
	}

	private void rewrite(Story story, StoryGenerator.Generated g) {
		String text = random.nextBoolean() ? pick(TEXTS) : "";
		stories.update(new UpdateStoryInput(GlobalId.encode("Story", story.id()), story.revision(), g.title() + text,
				g.summary(), g.body(), null, null, null, null, null, null));
	}

	private List<StoryVersionInput> versions() {
		String channel = channelIds.get(random.nextInt(channelIds.size()));
		return List.of(new StoryVersionInput(GlobalId.encode("Channel", channel), null, StoryFormat.WEB_ARTICLE, "版本", "正文", null));
	}

	private void assertReadPathsMatchFullScan(String when) {
		List<Story> all = scan();
		StoryOracle.filters(all, channelIds, TAGS, REGIONS, TEXTS)
			.forEach((name, filter) -> StoryOracle.assertAgrees(when + ", " + name, filter, all,
					(order, page) -> stories.stories(filter, order, page)));
		assertQueuesMatchFullScan(when, all);
	}

	private List<Story> scan() {
		return mongo.find(Query.query(Criteria.where("tenantId").is(tenantId)), Story.class);
	}

	private void signInAs(String userId) {
		Jwt jwt = Jwt.withTokenValue("test")
			.header("alg", "none")
			.subject(userId)
			.claim("tenant", tenantId)
			.claim("roles", List.of(Role.CHIEF_EDITOR.name()))
			.claim("preferred_username", "chief-editor")
			.build();
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(Role.CHIEF_EDITOR.authority()),
					new SimpleGrantedAuthority(Role.SENIOR_EDITOR.authority()), new SimpleGrantedAuthority(Role.EDITOR.authority()),
					new SimpleGrantedAuthority(Role.REPORTER.authority()))));
	}

	private <T> T pick(T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static Medium medium(Platform platform) {
		return switch (platform) {
			case TV -> Medium.BROADCAST;
			case DOUYIN -> Medium.SHORT_VIDEO;
			default -> Medium.WEB;
		};
	}

}
