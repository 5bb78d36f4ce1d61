package cn.mediagraph.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /ingest/metrics} over HTTP with the caller's token: NDJSON and CSV, good rows kept
 * and bad ones reported by line, a re-sent file changing nothing, a file larger than a batch
 * streamed through, and the endpoint closed to anonymous callers and reporters.
 */
@IntegrationTest
class MetricBulkIngestTests {

	@Autowired
	GraphQlClients clients;

	@Autowired
	TestChannels channels;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private static final Map<String, String> AUG_10 = Map.of("from", "2026-08-10T00:00:00+08:00", "to",
			"2026-08-11T00:00:00+08:00");

	private record Answer(int status, JsonNode body) {
	}

	@Test
	void goodRowsAreKeptBadOnesReportedByLineAndAResentFileChangesNothing() throws Exception {
		TestCenter center = clients.newCenter();
		TestCenter other = clients.newCenter();
		String dy = TestChannels.globalId(channels.create(center, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO));
		String theirs = TestChannels.globalId(channels.create(other, "抖音号", Platform.DOUYIN, Medium.SHORT_VIDEO));
		String file = String.join("\n",
				row(dy, "v1", "PLAYS", "1000", "2026-08-10T09:00:00+08:00"),
				"{not json",
				row(dy, "v1", "PLAYS", "1500", "2026-08-10T12:00:00+08:00"),
				row(dy, "v1", "WATCH_TIME", "5", "2026-08-10T12:00:00+08:00"),
				"",
				row(dy, "v2", "PLAYS", "200", "2026-08-10 12:00"),
				row(theirs, "v3", "PLAYS", "7", "2026-08-10T12:00:00+08:00"),
				"{\"channelId\": \"" + dy + "\", \"metric\": \"LIKES\", \"value\": 30, \"observedAt\": \"2026-08-10T12:00:00+08:00\", \"colour\": 1}",
				"{\"channelId\": \"" + dy + "\", \"metric\": \"FOLLOWERS\", \"value\": 52000, \"observedAt\": \"2026-08-10T12:00:00+08:00\"}");
		Answer first = ingest(center.token(Role.EDITOR), "application/x-ndjson", file);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body().path("accepted").asLong()).isEqualTo(3);
		assertThat(first.body().path("rejected").asLong()).isEqualTo(5);
		assertThat(lines(first.body())).containsExactly(2L, 4L, 6L, 7L, 8L);
		assertThat(first.body().path("errors").get(1).path("field").asString()).isEqualTo("metric");
		assertThat(first.body().path("errors").get(3).path("code").asString()).isEqualTo("NOT_FOUND");

		Answer again = ingest(center.token(Role.EDITOR), "application/x-ndjson", file);
		assertThat(again.body().path("accepted").asLong()).isZero();
		assertThat(again.body().path("duplicates").asLong()).isEqualTo(3);
		center.as(Role.ANALYST).documentName("tenantReach").variable("range", AUG_10).variable("metric", "FOLLOWERS")
			.variable("granularity", "DAY").execute()
			.path("tenantReach.totals[?(@.metric == 'FOLLOWERS')].value").entityList(Double.class).containsExactly(52000.0);
		clients.withToken(other.token(Role.ANALYST)).documentName("tenantReach").variable("range", AUG_10)
			.variable("metric", "PLAYS").variable("granularity", "DAY").execute()
			.path("tenantReach.totals").entityList(Object.class).hasSize(0);
	}

	@Test
	void csvExportsWithAHeaderAndQuotedFields() throws Exception {
		TestCenter center = clients.newCenter();
		Channel screen = channels.create(center, "人民广场大屏", Platform.OUTDOOR_SCREEN, Medium.OUTDOOR);
		String id = TestChannels.globalId(screen);
		String csv = String.join("\r\n", "observedAt,channelId,externalId,metric,value,mode,source",
				"2026-08-10T08:00:00+08:00," + id + ",\"spot, 七夕\",AIRINGS,120,DELTA,MANUAL",
				"2026-08-10T20:00:00+08:00," + id + ",\"spot, 七夕\",AIRINGS,80,DELTA,MANUAL",
				"2026-08-10T21:00:00+08:00," + id + ",,AIRINGS,many,DELTA,MANUAL",
				"2026-08-10T22:00:00+08:00," + id + ",,AIRINGS,5,SOMETIMES,MANUAL",
				"2026-08-10T22:00:00+08:00," + id + ",,AIRINGS");
		Answer answer = ingest(center.token(Role.ADMIN), "text/csv; charset=utf-8", csv);
		assertThat(answer.body().path("accepted").asLong()).isEqualTo(2);
		assertThat(lines(answer.body())).containsExactly(4L, 5L, 6L);

		String header = "channelId,metric,value,observedAt,mode\r\n";
		String own = header + id + ",AIRINGS,7,2026-08-10T09:00:00+08:00,DELTA\r\n";
		assertThat(ingest(center.token(Role.ADMIN), "text/csv", own).body().path("accepted").asLong()).isEqualTo(1);
		center.as(Role.ANALYST).documentName("tenantReach").variable("range", AUG_10).variable("metric", "AIRINGS")
			.variable("granularity", "DAY").execute()
			// the spot's airings (under a platform id) count once linked; the screen's own at once
			.path("tenantReach.totals[?(@.metric == 'AIRINGS')].value").entityList(Double.class).containsExactly(7.0);
	}

	@Test
	void aFileLargerThanABatchStreamsThrough() throws Exception {
		TestCenter center = clients.newCenter();
		String id = TestChannels.globalId(channels.create(center, "客户端", Platform.APP, Medium.WEB));
		int rows = MetricIngestion.BATCH * 2 + 17;
		StringBuilder file = new StringBuilder();
		for (int i = 0; i < rows; i++) {
			// one delta a minute, each of value 1, over the local day
			String at = java.time.Instant.parse("2026-08-09T16:00:00Z").plusSeconds(60L * (i % 1440) + (i / 1440))
				.toString();
			file.append("{\"channelId\":\"").append(id).append("\",\"metric\":\"CLICKS\",\"value\":1,\"mode\":\"DELTA\",\"observedAt\":\"")
				.append(at).append("\"}\n");
		}
		Answer answer = ingest(center.token(Role.EDITOR), "application/x-ndjson", file.toString());
		assertThat(answer.body().path("accepted").asLong()).isEqualTo(rows);
		center.as(Role.ANALYST).documentName("tenantReach").variable("range", AUG_10).variable("metric", "CLICKS")
			.variable("granularity", "DAY").execute()
			.path("tenantReach.totals[?(@.metric == 'CLICKS')].value").entityList(Double.class)
			.containsExactly((double) rows);
	}

	@Test
	void anonymousCallersAndReportersAreRefused() throws Exception {
		TestCenter center = clients.newCenter();
		assertThat(ingest(null, "application/x-ndjson", "{}").status()).isEqualTo(401);
		assertThat(ingest(center.token(Role.REPORTER), "application/x-ndjson", "{}").status()).isEqualTo(403);
	}

	private static List<Long> lines(JsonNode body) {
		List<Long> lines = new java.util.ArrayList<>();
		body.path("errors").forEach(error -> lines.add(error.path("line").asLong()));
		return lines;
	}

	private static String row(String channelId, String externalId, String metric, String value, String at) {
		return "{\"channelId\": \"" + channelId + "\", \"externalId\": \"" + externalId + "\", \"metric\": \"" + metric
				+ "\", \"value\": " + value + ", \"observedAt\": \"" + at + "\"}";
	}

	private Answer ingest(@Nullable String token, String contentType, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest/metrics"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> stream(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode answer = response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
		return new Answer(response.statusCode(), answer);
	}

	private static InputStream stream(String body) {
		return new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
	}

}
