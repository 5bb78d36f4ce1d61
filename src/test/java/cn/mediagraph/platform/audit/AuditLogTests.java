package cn.mediagraph.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log over HTTP: every mutation of a signed-in user is on record with who, what,
 * which objects, when, the outcome and the request id, readable by the center's ADMIN only,
 * filtered and paged; no password reaches it.
 */
@IntegrationTest
class AuditLogTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	MongoTemplate mongo;

	TestCenter center;

	/** After the center was set up (its users made by the platform admin, which the log records too). */
	static Instant since;

	record UserView(String id, String username) {
	}

	record EntryView(String id, Instant at, UserView user, String action, List<String> objectIds, String outcome,
			List<String> errorCodes, @Nullable String requestId) {
	}

	record PageInfoView(boolean hasNextPage, @Nullable String endCursor) {
	}

	record LogView(int totalCount, PageInfoView pageInfo, List<EntryView> nodes) {
	}

	@BeforeEach
	void newCenter() throws InterruptedException {
		center = clients.newCenter();
		Thread.sleep(5);
		since = Instant.now();
	}

	@Test
	void everyMutationIsOnRecordWithWhoWhatWhichObjectOutcomeAndRequestId() {
		HttpGraphQlTester editor = center.as(Role.EDITOR).mutate().header("X-Request-Id", "audit-req-1").build();
		String id = editor.documentName("createStory")
			.variable("input", Map.of("title", "审计 记录", "language", "zh-Hans"))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
		center.as(Role.EDITOR).documentName("updateStory")
			.variable("input", Map.of("id", id, "expectedRevision", 7, "title", "过时"))
			.execute()
			.path("updateStory.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CONFLICT");
		center.as(Role.REPORTER).documentName("reviewStory")
			.variable("input", Map.of("storyId", id, "revision", 1, "decision", "APPROVE"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());

		LogView log = log(center.as(Role.ADMIN), Map.of(), 10, null);
		assertThat(log.nodes()).extracting(EntryView::action)
			.containsExactly("reviewStory", "updateStory", "createStory");
		assertThat(log.nodes()).extracting(EntryView::outcome).containsExactly("ERROR", "USER_ERRORS", "OK");
		assertThat(log.nodes().get(0).errorCodes()).containsExactly("FORBIDDEN");
		assertThat(log.nodes().get(1).errorCodes()).containsExactly("CONFLICT");
		assertThat(log.nodes()).allSatisfy(entry -> assertThat(entry.objectIds()).contains(id));
		assertThat(log.nodes()).extracting(entry -> entry.user().username())
			.containsExactly("reporter", "editor", "editor");
		EntryView created = log.nodes().get(2);
		assertThat(created.requestId()).isEqualTo("audit-req-1");
		assertThat(created.at()).isBeforeOrEqualTo(log.nodes().get(0).at());
	}

	@Test
	void theLogIsFilteredByUserObjectActionAndTimeAndPaged() {
		String first = draft(Role.REPORTER, "一");
		Instant between = Instant.now();
		String second = draft(Role.EDITOR, "二");
		center.as(Role.EDITOR).documentName("submitStory").variable("input", Map.of("id", second)).execute();
		HttpGraphQlTester admin = center.as(Role.ADMIN);
		String editorId = center.as(Role.EDITOR).documentName("viewer").execute().path("viewer.id").entity(String.class).get();

		assertThat(log(admin, Map.of("userId", editorId), 10, null).nodes()).extracting(EntryView::action)
			.containsExactly("submitStory", "createStory");
		assertThat(log(admin, Map.of("objectId", first), 10, null).nodes()).extracting(EntryView::action)
			.containsExactly("createStory");
		assertThat(log(admin, Map.of("action", "submitStory"), 10, null).nodes()).extracting(EntryView::objectIds)
			.containsExactly(List.of(second));
		assertThat(log(admin, Map.of("from", between.toString()), 10, null).totalCount()).isEqualTo(2);
		assertThat(log(admin, Map.of("to", between.toString()), 10, null).nodes()).extracting(EntryView::objectIds)
			.containsExactly(List.of(first));

		LogView page = log(admin, Map.of(), 2, null);
		assertThat(page.nodes()).hasSize(2);
		assertThat(page.pageInfo().hasNextPage()).isTrue();
		LogView rest = log(admin, Map.of(), 2, page.pageInfo().endCursor());
		assertThat(rest.nodes()).extracting(EntryView::action).containsExactly("createStory");
		assertThat(rest.pageInfo().hasNextPage()).isFalse();
	}

	@Test
	void onlyTheCentersAdminReadsItsLog() {
		draft(Role.REPORTER, "只给管理员看");
		for (Role role : List.of(Role.CHIEF_EDITOR, Role.EDITOR, Role.ANALYST)) {
			center.as(role).documentName("auditLog")
				.execute()
				.errors()
				.satisfy(errors -> assertThat(errors).singleElement()
					.satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN")));
		}
		TestCenter other = clients.newCenter();
		assertThat(log(other.as(Role.ADMIN), Map.of("action", "createStory"), 10, null).nodes()).isEmpty();
		assertThat(log(center.as(Role.ADMIN), Map.of("action", "createStory"), 10, null).nodes()).hasSize(1);
	}

	@Test
	void noPasswordReachesTheLogAndNoMutationChangesIt() {
		String password = "audit secret never logged 42";
		center.as(Role.ADMIN).documentName("createUser")
			.variable("input", Map.of("username", "newcomer", "displayName", "新同事", "password", password, "roles",
					List.of("REPORTER")))
			.execute()
			.path("createUser.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		LogView log = log(center.as(Role.ADMIN), Map.of("action", "createUser"), 10, null);
		assertThat(log.nodes()).singleElement().satisfies(entry -> {
			assertThat(entry.outcome()).isEqualTo("OK");
			assertThat(entry.objectIds()).isNotEmpty();
		});
		List<Document> stored = mongo.find(Query.query(Criteria.where("action").is("createUser")), Document.class,
				AuditEntry.COLLECTION);
		assertThat(stored).isNotEmpty().allSatisfy(entry -> assertThat(entry.toJson()).doesNotContain(password));
		center.as(Role.ADMIN).document("{ __schema { mutationType { fields { name } } } }")
			.execute()
			.path("__schema.mutationType.fields[*].name")
			.entityList(String.class)
			.satisfies(names -> assertThat(names).noneMatch(name -> name.toLowerCase().contains("audit")));
	}

	private String draft(Role role, String title) {
		return center.as(role).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans"))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	private static LogView log(HttpGraphQlTester admin, Map<String, Object> filter, int first, @Nullable String after) {
		Map<String, Object> bounded = new java.util.HashMap<>(filter);
		bounded.putIfAbsent("from", since.toString());
		var request = admin.documentName("auditLog").variable("filter", bounded).variable("first", first);
		if (after != null) {
			request = request.variable("after", after);
		}
		return request.execute().path("auditLog").entity(LogView.class).get();
	}

}
