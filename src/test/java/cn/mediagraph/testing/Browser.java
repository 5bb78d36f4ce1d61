package cn.mediagraph.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromedriver}, or the ones
 * named by {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER}) driven over WebDriver, for the
 * newsroom front end's end-to-end tests. Where no Chromium is installed, the tests that ask for
 * one are skipped with a message saying so. Screenshots go to {@code target/browser-screenshots}.
 */
public final class Browser implements AutoCloseable {

	public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	private static final Path AXE = Path.of("frontend-stub", "node_modules", "axe-core", "axe.min.js");

	private final ChromeDriver driver;

	private final String base;

	private Browser(ChromeDriver driver, String base) {
		this.driver = driver;
		this.base = base;
	}

	/** A browser window of the given size on the app at {@code base}; skips the test without Chromium. */
	public static Browser open(String base, int width, int height) {
		Path binary = Path.of(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
		Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
		Assumptions.assumeTrue(Files.isExecutable(binary) && Files.isExecutable(chromedriver),
				"No Chromium here (" + binary + ", " + chromedriver + "): the browser tests are skipped. "
						+ "Install Debian's chromium and chromium-driver (.ci/run does) to run them.");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=zh-CN");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		Browser browser = new Browser(driver, base);
		browser.resize(width, height);
		if (width < 600) {
			// a phone: the page gets exactly this viewport, as on the device
			driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
		}
		return browser;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	public WebDriver driver() {
		return driver;
	}

	public void resize(int width, int height) {
		driver.manage().window().setSize(new Dimension(width, height));
	}

	public void go(String path) {
		driver.get(base + path);
	}

	public String path() {
		String url = driver.getCurrentUrl();
		return url.substring(base.length());
	}

	public WebElement find(String css) {
		return driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> all(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	/**
	 * Waits (up to 15 s) until the condition holds, and returns its value. An element the page
	 * re-rendered while the condition read it is looked up again on the next try.
	 */
	public <T> T until(Function<WebDriver, T> condition) {
		return new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Waits for an element that matches and is shown. */
	public WebElement visible(String css) {
		return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
	}

	public void type(String css, String text) {
		WebElement input = visible(css);
		input.clear();
		input.sendKeys(text);
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	/** Whether the element lies wholly inside the window as it is scrolled now. */
	public boolean inViewport(WebElement element) {
		return Boolean.TRUE.equals(script("const r = arguments[0].getBoundingClientRect();"
				+ " return r.top >= 0 && r.left >= 0 && r.top < window.innerHeight && r.bottom <= window.innerHeight + 1"
				+ " && r.right <= window.innerWidth + 1;", element));
	}

	/** Signs in through the page's form (the one in a dialog, when one is open). */
	public void signIn(String tenant, String username, String password) {
		String scope = Boolean.TRUE.equals(script("return document.getElementById('reauth').open")) ? "#reauth " : "main ";
		type(scope + "input[name=tenant]", tenant);
		type(scope + "input[name=username]", username);
		type(scope + "input[name=password]", password);
		find(scope + "button[type=submit]").click();
	}

	public void signOut() {
		script("sessionStorage.clear();");
		go("/stories");
		visible("main input[name=username]");
	}

	/** Saves a PNG of the window under target/browser-screenshots. */
	public Path screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Path file = SCREENSHOTS.resolve(name + ".png");
		Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
		return file;
	}

	/** The axe-core violations (WCAG 2.1 A and AA) of the page as it is now: rule id and its nodes. */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> accessibilityViolations() throws IOException {
		Assumptions.assumeTrue(Files.isReadable(AXE), "axe-core is not installed under frontend-stub/node_modules");
		script(Files.readString(AXE));
		Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
				+ " axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })"
				+ " .then(r => done(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.failureSummary) }))))"
				+ " .catch(e => done([{ id: 'axe-error', help: String(e), nodes: [] }]));");
		return (List<Map<String, Object>>) result;
	}

	@Override
	public void close() {
		driver.quit();
	}

}
