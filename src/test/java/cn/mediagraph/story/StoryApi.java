package cn.mediagraph.story;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.graphql.test.tester.GraphQlTester;

/** The story fields as a client reads them, and the calls the story tests make. */
final class StoryApi {

	private StoryApi() {
	}

	record Err(List<String> field, String code, String message) {

		String path() {
			return String.join(".", field);
		}

	}

	record ChannelView(String id, String name, String platform) {
	}

	record AssetView(String kind, String url, Integer durationSeconds, String caption) {
	}

	record VersionView(String format, String medium, String title, String body, Integer durationSeconds,
			ChannelView channel) {
	}

	record StoryView(String id, String title, String summary, String body, String language, List<String> tags,
			String region, List<String> bylines, String status, Long revision, Instant createdAt, Instant updatedAt,
			List<AssetView> assets, List<VersionView> versions, String externalId) {
	}

	record Payload(StoryView story, List<Err> userErrors) {

		List<String> errorPaths() {
			return userErrors.stream().map(Err::path).toList();
		}

	}

	record DeletePayload(String deletedStoryId, List<Err> userErrors) {
	}

	record PageInfoView(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	record EdgeView(String cursor, StoryView node) {
	}

	record Page(long totalCount, PageInfoView pageInfo, List<EdgeView> edges) {

		List<String> ids() {
			return edges.stream().map(edge -> edge.node().id()).toList();
		}

		List<String> titles() {
			return edges.stream().map(edge -> edge.node().title()).toList();
		}

	}

	static Payload create(GraphQlTester tester, Map<String, ?> input) {
		return tester.documentName("createStory")
			.variable("input", input)
			.execute()
			.path("createStory")
			.entity(Payload.class)
			.get();
	}

	static Payload update(GraphQlTester tester, Map<String, ?> input) {
		return tester.documentName("updateStory")
			.variable("input", input)
			.execute()
			.path("updateStory")
			.entity(Payload.class)
			.get();
	}

	static DeletePayload delete(GraphQlTester tester, String id, long expectedRevision) {
		return tester.documentName("deleteStory")
			.variable("input", Map.of("id", id, "expectedRevision", expectedRevision))
			.execute()
			.path("deleteStory")
			.entity(DeletePayload.class)
			.get();
	}

	static GraphQlTester.Response read(GraphQlTester tester, String id) {
		return tester.documentName("story").variable("id", id).execute();
	}

	static Page page(GraphQlTester tester, Map<String, Object> arguments) {
		return tester.documentName("stories")
			.variables(arguments)
			.execute()
			.path("stories")
			.entity(Page.class)
			.get();
	}

	/** A valid minimal input with this title, to which tests add what they check. */
	static Map<String, Object> minimal(String title) {
		return new java.util.HashMap<>(Map.of("title", title, "language", "zh-Hans"));
	}

}
