package cn.mediagraph.platform.web;

import java.net.http.HttpResponse;

import cn.mediagraph.testing.HttpProbe;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** With no origin listed (the default), no web page on another origin may call the API. */
@IntegrationTest
class CrossOriginTests {

	@LocalServerPort
	int port;

	@Test
	void noOriginIsAllowedByDefault() {
		HttpProbe http = new HttpProbe(port);
		for (String path : new String[] { "/graphql", "/import/stories" }) {
			HttpResponse<String> preflight = http.send("OPTIONS", path, "Origin", "https://newsroom.example.cn",
					"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
		}
		HttpResponse<String> call = http.graphql("{ __typename }", "Origin", "https://newsroom.example.cn");
		assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

}
