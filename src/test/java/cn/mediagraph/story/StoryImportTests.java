package cn.mediagraph.story;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import cn.mediagraph.channel.Channel;
import cn.mediagraph.channel.Medium;
import cn.mediagraph.channel.Platform;
import cn.mediagraph.platform.security.Role;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import cn.mediagraph.testing.TestChannels;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /import/stories}: an archive as NDJSON, over HTTP with the caller's token. Good
 * lines are kept and found at once by list and search, bad ones reported by line and field, a
 * second import of the same file changes nothing, and a center imports only into itself.
 */
@IntegrationTest
class StoryImportTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void goodLinesAreImportedBadOnesReportedAndASecondImportChangesNothing() throws Exception {
		TestCenter center = clients.newCenter();
		Channel web = channels.create(center, "共和县融媒网", Platform.WEBSITE, Medium.WEB);
		String archive = String.join("\n",
				line("gh-2019-001", "青海湖畔的县城迎来首届越野赛", "2019-03-01T08:00:00+08:00",
						", \"versions\": [{\"channelId\": \"" + TestChannels.globalId(web)
								+ "\", \"format\": \"WEB_ARTICLE\", \"title\": \"网页版\", \"body\": \"正文\"}]"),
				"{not json",
				line("gh-2019-002", "", "2019-03-02T08:00:00+08:00", ""),
				line("gh-2019-003", "夜间集市开张", "2019-03-03T20:30:00+08:00", ", \"tags\": [\"民生\"], \"status\": \"ARCHIVED\""),
				"",
				line("gh-2019-004", "未注明时间的稿件", null, ""),
				line("gh-2019-001", "同一编号再出现", "2019-03-04T08:00:00+08:00", ""),
				"{\"externalId\": \"gh-2019-005\", \"title\": \"拼错的字段\", \"language\": \"zh-Hans\", "
						+ "\"createdAt\": \"2019-03-05T08:00:00+08:00\", \"tittle\": \"x\"}");

		JsonNode first = importAs(center.token(Role.EDITOR), archive).body();
		assertThat(first.path("accepted").asLong()).isEqualTo(2);
		assertThat(first.path("duplicates").asLong()).isEqualTo(1);
		assertThat(first.path("rejectedLines").asLong()).isEqualTo(4);
		assertThat(rejections(first)).containsExactly("2::INVALID", "3:title:REQUIRED", "6:createdAt:REQUIRED",
				"8:tittle:INVALID");

		GraphQlTester reader = center.as(Role.ANALYST);
		StoryApi.Page page = StoryApi.page(reader, Map.of("first", 10));
		assertThat(page.titles()).containsExactly("夜间集市开张", "青海湖畔的县城迎来首届越野赛");
		assertThat(StoryApi.page(reader, Map.of("filter", Map.of("text", "越野赛"))).titles())
			.containsExactly("青海湖畔的县城迎来首届越野赛");
		StoryApi.StoryView race = StoryApi.read(reader, page.ids().get(1)).path("story").entity(StoryApi.StoryView.class).get();
		assertThat(race.createdAt()).isEqualTo("2019-03-01T00:00:00Z");
		assertThat(race.status()).isEqualTo("PUBLISHED");
		assertThat(race.externalId()).isEqualTo("gh-2019-001");
		assertThat(race.versions()).singleElement()
			.satisfies(version -> assertThat(version.channel().name()).isEqualTo("共和县融媒网"));
		assertThat(StoryApi.read(reader, page.ids().get(0)).path("story.status").entity(String.class).get())
			.isEqualTo("ARCHIVED");

		JsonNode again = importAs(center.token(Role.EDITOR), archive).body();
		assertThat(again.path("accepted").asLong()).isZero();
		assertThat(again.path("duplicates").asLong()).isEqualTo(3);
		assertThat(StoryApi.page(reader, Map.of("first", 10)).totalCount()).isEqualTo(2);
	}

	@Test
	void aCenterImportsOnlyIntoItselfAndOnlyEditorsImport() throws Exception {
		TestCenter ours = clients.newCenter();
		TestCenter theirs = clients.newCenter();
		Channel theirChannel = channels.create(theirs, "乙县电视台", Platform.TV, Medium.BROADCAST);
		String archive = line("x-1", "借用别家频道的稿件", "2020-01-01T08:00:00+08:00",
				", \"versions\": [{\"channelId\": \"" + TestChannels.globalId(theirChannel)
						+ "\", \"format\": \"TV_SEGMENT\", \"title\": \"电视稿\"}]")
				+ "\n" + line("x-2", "本中心的稿件", "2020-01-02T08:00:00+08:00", "");

		JsonNode summary = importAs(ours.token(Role.EDITOR), archive).body();
		assertThat(rejections(summary)).containsExactly("1:versions.0.channelId:NOT_FOUND");
		assertThat(summary.path("accepted").asLong()).isEqualTo(1);
		assertThat(StoryApi.page(theirs.as(Role.ANALYST), Map.of("first", 10)).totalCount()).isZero();
		assertThat(StoryApi.page(ours.as(Role.ANALYST), Map.of("first", 10)).titles()).containsExactly("本中心的稿件");

		assertThat(importAs(ours.token(Role.REPORTER), line("x-3", "记者导入", "2020-01-03T08:00:00+08:00", "")).status())
			.isEqualTo(403);
		assertThat(importAs(null, line("x-4", "匿名导入", "2020-01-03T08:00:00+08:00", "")).status()).isEqualTo(401);
		assertThat(StoryApi.page(ours.as(Role.ANALYST), Map.of("first", 10)).totalCount()).isEqualTo(1);
	}

	private static String line(String externalId, String title, @Nullable String createdAt, String more) {
		return "{\"externalId\": \"" + externalId + "\", \"title\": \"" + title + "\", \"language\": \"zh-Hans\""
				+ (createdAt == null ? "" : ", \"createdAt\": \"" + createdAt + "\"") + more + "}";
	}

	private static List<String> rejections(JsonNode summary) {
		return summary.path("rejected")
			.valueStream()
			.map(r -> r.path("line").asLong() + ":" + (r.path("field").isNull() ? "" : r.path("field").asString()) + ":"
					+ r.path("code").asString())
			.toList();
	}

	private record Answer(int status, JsonNode body) {
	}

	private Answer importAs(@Nullable String token, String ndjson) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/import/stories"))
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(ndjson));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode body = response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
		return new Answer(response.statusCode(), body);
	}

}
