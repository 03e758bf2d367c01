package dev.resilience.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Opens the live dashboard page of the sample application in headless Chromium and watches the
 * {@code pricing} breaker turn {@code OPEN} after chaos is switched on.
 * <p>
 * It uses Debian's {@code chromium} and {@code chromium-driver} packages at {@code /usr/bin}. Where
 * they are missing the test is skipped, except when {@code CI=true}: {@code .ci/run} installs both,
 * so there a missing browser fails the test. Chromium only talks to the application on 127.0.0.1;
 * the flags turn off its background connections. The screenshot of the open breaker is written to
 * {@code target/screenshots/dashboard.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "resilience.dashboard.enabled=true",
				"management.endpoints.web.exposure.include=breakers",
				"resilience.breakers.instances.pricing.wait-duration-in-open-state=60s" })
class DashboardPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration PAGE_WAIT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@TempDir
	private Path userDataDirectory;

	private LoopbackHttp http;

	private ChromeDriverService driverService;

	private ChromeDriver browser;

	@BeforeAll
	static void requireChromium() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String message = "Chromium or ChromeDriver is missing at " + CHROMIUM + " and " + CHROMEDRIVER
				+ "; install the Debian packages chromium and chromium-driver to run the dashboard page test";
		if ("true".equals(System.getenv("CI"))) {
			fail(message + ". .ci/run installs them, so CI must have them");
		}
		abort(message);
	}

	@BeforeEach
	void openBrowser() throws IOException {
		this.http = new LoopbackHttp(this.port);
		this.driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1000,720",
				"--user-data-dir=" + this.userDataDirectory.toAbsolutePath());
		this.browser = new ChromeDriver(this.driverService, options);
	}

	@AfterEach
	void closeBrowserAndStopChaos() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.driverService != null) {
			this.driverService.stop();
		}
		this.http.putJson("/chaos", "{\"failureRate\": 0, \"latency\": \"0ms\"}");
	}

	@Test
	void pageShowsPricingBreakerOpeningUnderChaos() throws IOException {
		this.browser.get("http://127.0.0.1:" + this.port + "/resilience/dashboard.html");
		WebDriverWait wait = new WebDriverWait(this.browser, PAGE_WAIT);
		By state = By.cssSelector("[data-breaker='pricing'] [data-field='state']");
		wait.until(ExpectedConditions.textToBe(state, "CLOSED"));
		assertThat(this.browser.getTitle()).isEqualTo("Circuit breakers");

		HttpResponse<String> chaos = this.http.putJson("/chaos", "{\"failureRate\": 1.0}");
		assertThat(chaos.statusCode()).isEqualTo(200);
		for (int quote = 0; quote < 2; quote++) {
			assertThat(this.http.getJson("/quotes/BOOK-42", 200).get("source").asString()).isEqualTo("fallback");
		}

		wait.until(ExpectedConditions.textToBe(state, "OPEN"));
		WebElement card = this.browser.findElement(By.cssSelector("[data-breaker='pricing']"));
		assertThat(card.getAttribute("data-state")).isEqualTo("OPEN");
		assertThat(card.findElement(By.cssSelector("[data-field='failureRate']")).getText()).isEqualTo("100.0 %");
		List<String> events = card.findElements(By.cssSelector("[data-field='events'] li"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(events).anySatisfy((event) -> assertThat(event).endsWith("CLOSED → OPEN"));
		assertThat(events).anySatisfy((event) -> assertThat(event).endsWith("4 failed calls (last: ServiceUnavailable)"));
		assertThat(this.browser.findElement(By.id("status")).getText()).startsWith("1 breaker, updated ");

		Path screenshot = Files.createDirectories(Path.of("target", "screenshots")).resolve("dashboard.png");
		Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isPositive();
	}

}
