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
	void theNewsroomFrontEndIsServedAtTheRootWithAllItsAssets() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"zh-Hans\">").doesNotContain("unpkg").doesNotContain("cdn");
		List<String> paths = ASSET.matcher(page.body()).results().map(match -> match.group(1)).filter(path -> path.startsWith("/assets/")).toList();
		assertThat(paths).hasSizeGreaterThanOrEqualTo(2);
		assertThat(ASSET.matcher(page.body()).results().map(match -> match.group(1)))
			.allMatch(path -> path.startsWith("/") || path.startsWith("#") || path.equals("data:,"), "on this server");
		for (String path : paths) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(200);
		}
		// the front end's own addresses answer with the same page (deep links, reloads), the old one leads there
		for (String deepLink : List.of("/stories", "/stories/U3Rvcnk6eA", "/stories/U3Rvcnk6eA/edit", "/review", "/admin")) {
			assertThat(get(deepLink).body()).as(deepLink).isEqualTo(page.body());
		}
		assertThat(get("/app/").body()).isEqualTo(page.body());
		// and nothing else is taken over
		assertThat(get("/no-such-page").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/health/liveness").body()).contains("UP");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
