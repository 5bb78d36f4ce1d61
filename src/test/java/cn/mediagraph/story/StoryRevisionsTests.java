package cn.mediagraph.story;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions and corrections over HTTP: every saved edit keeps the content it replaced, listed
 * newest first with a field-by-field difference; a published story is not edited in place but
 * corrected, through review again, and ends CORRECTED with the published text on record.
 */
@IntegrationTest
class StoryRevisionsTests {

	@Autowired
	GraphQlClients clients;

	TestCenter center;

	record Err(List<String> field, String code, String message) {
	}

	record Author(String id, String username) {
	}

	record Content(String title, String summary, String body, List<String> tags) {
	}

	record Segment(String change, String text) {
	}

	record Change(String field, @Nullable String before, @Nullable String after, List<Segment> segments) {
	}

	record Revision(long revision, String kind, @Nullable Long publishedRevision, Author author, String at,
			List<String> changedFields, Content content, Content previous, List<Change> changes) {
	}

	record PageInfo(boolean hasNextPage, @Nullable String endCursor) {
	}

	record Revisions(int totalCount, PageInfo pageInfo, List<Revision> nodes) {
	}

	record StoryView(String id, String status, @Nullable String reviewLevel, long revision, @Nullable String title,
			@Nullable String body) {
	}

	record Payload(@Nullable StoryView story, List<Err> userErrors) {

		StoryView ok() {
			assertThat(userErrors).isEmpty();
			return story;
		}

		String code() {
			assertThat(userErrors).hasSize(1);
			return userErrors.get(0).code();
		}

	}

	@BeforeEach
	void newCenter() {
		center = clients.newCenter();
	}

	@Test
	void everySavedEditKeepsThePreviousContentNewestFirstWithItsDifference() {
		String id = create("修订 初稿", "第一段\n第二段\n第三段");
		StoryView s = update(Role.REPORTER, id, 1, Map.of("title", "修订 二稿")).ok();
		s = update(Role.EDITOR, id, s.revision(), Map.of("body", "第一段\n第二段 改\n第三段\n第四段", "tags", List.of("民生"))).ok();

		Revisions all = revisions(id, 10, null);
		assertThat(all.totalCount()).isEqualTo(2);
		assertThat(all.nodes()).extracting(Revision::revision).containsExactly(3L, 2L);
		Revision newest = all.nodes().get(0);
		assertThat(newest.kind()).isEqualTo("EDIT");
		assertThat(newest.author().username()).isEqualTo("editor");
		assertThat(newest.changedFields()).containsExactly("body", "tags");
		assertThat(newest.previous().body()).isEqualTo("第一段\n第二段\n第三段");
		assertThat(newest.content().body()).isEqualTo("第一段\n第二段 改\n第三段\n第四段");
		Change body = newest.changes().get(0);
		assertThat(body.field()).isEqualTo("body");
		assertThat(body.segments()).containsExactly(new Segment("SAME", "第一段"), new Segment("ADDED", "第二段 改"),
				new Segment("REMOVED", "第二段"), new Segment("SAME", "第三段"), new Segment("ADDED", "第四段"));
		assertThat(newest.changes().get(1)).isEqualTo(new Change("tags", "", "民生", List.of()));

		Revision oldest = all.nodes().get(1);
		assertThat(oldest.author().username()).isEqualTo("reporter");
		assertThat(oldest.changedFields()).containsExactly("title");
		assertThat(oldest.changes()).containsExactly(new Change("title", "修订 初稿", "修订 二稿", List.of()));
		assertThat(oldest.content().title()).isEqualTo("修订 二稿");
		assertThat(oldest.content().body()).as("what this edit made, before the next one").isEqualTo("第一段\n第二段\n第三段");

		Revisions first = revisions(id, 1, null);
		assertThat(first.nodes()).extracting(Revision::revision).containsExactly(3L);
		assertThat(first.pageInfo().hasNextPage()).isTrue();
		Revisions rest = revisions(id, 1, first.pageInfo().endCursor());
		assertThat(rest.nodes()).extracting(Revision::revision).containsExactly(2L);
		assertThat(rest.pageInfo().hasNextPage()).isFalse();

		// a refused edit keeps nothing
		assertThat(update(Role.EDITOR, id, 1, Map.of("title", "过时")).code()).isEqualTo("CONFLICT");
		assertThat(revisions(id, 10, null).totalCount()).isEqualTo(2);
	}

	@Test
	void aPublishedStoryIsCorrectedThroughReviewAgainAndEndsCorrected() {
		String id = create("更正 原稿", "原文 错误数字 300 万");
		StoryView s = published(id, 1);
		long publishedAt = s.revision();

		Payload refused = update(Role.EDITOR, id, s.revision(), Map.of("body", "直接改"));
		assertThat(refused.code()).isEqualTo("NOT_EDITABLE");
		assertThat(refused.userErrors().get(0).field()).containsExactly("input", "id");
		assertThat(refused.userErrors().get(0).message()).contains("correctStory");
		assertThat(correct(Role.EDITOR, id, s.revision() - 1, "更正").code()).isEqualTo("CONFLICT");
		center.as(Role.REPORTER).documentName("correctStory")
			.variable("input", Map.of("id", id, "expectedRevision", s.revision(), "body", "记者更正"))
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).anySatisfy(
					error -> assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN")));

		s = correct(Role.EDITOR, id, s.revision(), "原文 更正数字 30 万").ok();
		assertThat(s.status()).isEqualTo("IN_REVIEW");
		assertThat(s.reviewLevel()).isEqualTo("FIRST");
		assertThat(s.body()).isEqualTo("原文 更正数字 30 万");
		Revision correction = revisions(id, 1, null).nodes().get(0);
		assertThat(correction.kind()).isEqualTo("CORRECTION");
		assertThat(correction.publishedRevision()).isEqualTo(publishedAt);
		assertThat(correction.previous().body()).as("the published text, on record").isEqualTo("原文 错误数字 300 万");
		assertThat(correction.changedFields()).containsExactly("body");

		s = throughReview(id, s.revision());
		assertThat(s.status()).isEqualTo("APPROVED");
		s = move("publishStory", id, s.revision());
		assertThat(s.status()).isEqualTo("CORRECTED");
		assertThat(update(Role.CHIEF_EDITOR, id, s.revision(), Map.of("title", "再改")).code()).isEqualTo("NOT_EDITABLE");
		s = correct(Role.CHIEF_EDITOR, id, s.revision(), "二次更正").ok();
		assertThat(s.status()).isEqualTo("IN_REVIEW");

		String draft = create("草稿不更正", "正文");
		assertThat(correct(Role.EDITOR, draft, 1, "x").code()).isEqualTo("WRONG_STATUS");
	}

	@Test
	void aWithdrawnOrArchivedStoryIsNotEdited() {
		String id = create("撤稿", "正文");
		StoryView s = published(id, 1);
		s = move("withdrawStory", id, s.revision());
		assertThat(update(Role.CHIEF_EDITOR, id, s.revision(), Map.of("title", "改")).code()).isEqualTo("NOT_EDITABLE");
		assertThat(correct(Role.CHIEF_EDITOR, id, s.revision(), "改").code()).isEqualTo("WRONG_STATUS");
		s = move("archiveStory", id, s.revision());
		assertThat(update(Role.CHIEF_EDITOR, id, s.revision(), Map.of("title", "改")).code()).isEqualTo("NOT_EDITABLE");
	}

	private StoryView published(String id, long revision) {
		StoryView s = payload("submitStory", Role.REPORTER, Map.of("id", id)).ok();
		s = throughReview(id, s.revision());
		return move("publishStory", id, s.revision());
	}

	private StoryView throughReview(String id, long revision) {
		StoryView s = null;
		long at = revision;
		for (Role role : List.of(Role.EDITOR, Role.SENIOR_EDITOR, Role.CHIEF_EDITOR)) {
			s = payload("reviewStory", role, Map.of("storyId", id, "revision", at, "decision", "APPROVE")).ok();
			at = s.revision();
		}
		return s;
	}

	private StoryView move(String mutation, String id, long revision) {
		return payload(mutation, Role.CHIEF_EDITOR, Map.of("id", id, "revision", revision)).ok();
	}

	private Payload payload(String mutation, Role role, Map<String, Object> input) {
		return center.as(role).documentName(mutation).variable("input", input).execute().path(mutation).entity(Payload.class).get();
	}

	private String create(String title, String body) {
		return center.as(Role.REPORTER).documentName("createStory")
			.variable("input", Map.of("title", title, "language", "zh-Hans", "body", body))
			.execute()
			.path("createStory.story.id")
			.entity(String.class)
			.get();
	}

	private Payload update(Role role, String id, long revision, Map<String, Object> fields) {
		Map<String, Object> input = new HashMap<>(fields);
		input.put("id", id);
		input.put("expectedRevision", revision);
		return payload("updateStory", role, input);
	}

	private Payload correct(Role role, String id, long revision, String body) {
		return payload("correctStory", role, Map.of("id", id, "expectedRevision", revision, "body", body));
	}

	private Revisions revisions(String id, int first, @Nullable String after) {
		var request = center.as(Role.ANALYST).documentName("storyRevisions").variable("id", id).variable("first", first);
		if (after != null) {
			request = request.variable("after", after);
		}
		return request.execute().path("node.revisions").entity(Revisions.class).get();
	}

}
