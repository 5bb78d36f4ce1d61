package cn.mediagraph.platform.web;

import cn.mediagraph.testing.Browser;
import cn.mediagraph.testing.GraphQlClients;
import cn.mediagraph.testing.GraphQlClients.TestCenter;
import cn.mediagraph.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that runs out in the browser: the page warns first, then asks for sign-in over the
 * page the user was on, which is still there afterwards with what they had typed. Tokens live
 * 12 seconds here (and are refused 1 s after), so the wait is real but short.
 */
@IntegrationTest
@TestPropertySource(properties = { "mediagraph.security.token-ttl=12s", "mediagraph.security.clock-skew=1s" })
class SessionExpiryBrowserTests {

	@Autowired
	GraphQlClients clients;

	@LocalServerPort
	int port;

	@Test
	void anExpiredSessionAsksForSignInAndKeepsThePage() throws Exception {
		TestCenter center = clients.newCenter();
		try (Browser browser = Browser.open("http://127.0.0.1:" + port, 1280, 900)) {
			browser.go("/stories/new");
			browser.signIn(center.slug(), "reporter", GraphQlClients.PASSWORD);
			browser.visible("form.story-form input[name=title]").sendKeys("未保存的标题");
			WebElement warning = browser.visible("#banner p");
			assertThat(warning.getText()).matches("登录将在 \\d+ 秒后过期，请先保存正在编辑的内容。");
			browser.screenshot("desktop-session-expiring");
			browser.until(d -> Boolean.TRUE.equals(browser.script("return document.getElementById('reauth').open")));
			assertThat(browser.find("#reauth input[name=username]").getAttribute("value")).isEqualTo("reporter");
			browser.screenshot("desktop-session-expired");
			assertThat(browser.accessibilityViolations()).isEmpty();
			assertThat(browser.path()).isEqualTo("/stories/new");

			browser.signIn(center.slug(), "reporter", GraphQlClients.PASSWORD);
			browser.until(d -> Boolean.FALSE.equals(browser.script("return document.getElementById('reauth').open")));
			assertThat(browser.find("input[name=title]").getAttribute("value")).isEqualTo("未保存的标题");
			assertThat(browser.path()).isEqualTo("/stories/new");

			// a token the server refuses (here: it ran out while the tab was closed) leads to sign-in too
			browser.script("const s = JSON.parse(sessionStorage.getItem('mediagraph.session'));"
					+ " s.token = s.token.slice(0, -4) + 'AAAA'; sessionStorage.setItem('mediagraph.session', JSON.stringify(s));");
			browser.go("/stories");
			browser.until(d -> Boolean.TRUE.equals(browser.script("return document.getElementById('reauth').open")));
			browser.signIn(center.slug(), "reporter", GraphQlClients.PASSWORD);
			browser.until(d -> browser.find(".count").getText().equals("共 0 篇"));
		}
	}

}
