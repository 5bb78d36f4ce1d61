package cn.mediagraph.platform.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL works on a newsroom intranet with no internet: the page and every script and
 * style it loads come from the app itself.
 */
@IntegrationTest
class GraphiQlOfflineTests {

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void thePageAndAllItsAssetsAreServedLocally() throws Exception {
		HttpResponse<String> page = get("/graphiql");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("graphiql").doesNotContain("esm.sh").doesNotContain("unpkg").doesNotContain("cdn");
		Matcher assets = ASSET.matcher(page.body());
		List<String> paths = assets.results().map(match -> match.group(1)).toList();
		assertThat(paths).isNotEmpty().allMatch(path -> path.startsWith("/"), "a path on this server");
		for (String path : paths) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void theNewsroomPageIsServedToo() throws Exception {
		HttpResponse<String> page = get("/app/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("graph.js", "app.js");
		assertThat(get("/app/app.js").body()).contains("stories(");
		assertThat(get("/app").body()).isEqualTo(page.body());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
