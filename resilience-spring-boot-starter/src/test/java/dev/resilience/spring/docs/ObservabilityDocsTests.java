package dev.resilience.spring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilience.core.breaker.CircuitBreaker;
import dev.resilience.core.breaker.CircuitBreakerRegistry;
import dev.resilience.core.retry.Retry;
import dev.resilience.core.retry.RetryConfig;
import dev.resilience.core.retry.RetryRegistry;
import dev.resilience.core.time.ManualClock;
import dev.resilience.spring.metrics.CircuitBreakerMeterBinder;
import dev.resilience.spring.metrics.RetryMeterBinder;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the Grafana dashboard and the Prometheus alert rules under {@code docs/} use the
 * series names that the meter binders really produce in Prometheus format, and that the
 * dashboard is well formed.
 */
class ObservabilityDocsTests {

	private static final Path DOCS = Path.of("..", "docs");

	private static final Path DASHBOARD = DOCS.resolve("grafana/resilience-dashboard.json");

	private static final Path ALERTS = DOCS.resolve("prometheus/resilience-alerts.yml");

	private static final Pattern SERIES_NAME = Pattern.compile("\\bresilience_[a-z_]+");

	@Test
	void dashboardAndAlertsUseScrapedNames() throws Throwable {
		Set<String> scraped = scrapedSeriesNames();
		Set<String> used = new TreeSet<>();
		dashboardExpressions().values().forEach((expr) -> used.addAll(seriesNames(expr)));
		templateQueries().forEach((query) -> used.addAll(seriesNames(query)));
		alertExpressions().values().forEach((expr) -> used.addAll(seriesNames(expr)));
		assertThat(used).contains("resilience_breaker_state", "resilience_breaker_calls_seconds_bucket",
				"resilience_retry_calls_total", "resilience_retry_attempts_total");
		assertThat(scraped).containsAll(used);
	}

	@Test
	void scrapeHasEveryDocumentedSeries() throws Throwable {
		assertThat(scrapedSeriesNames()).contains("resilience_breaker_calls_seconds_count",
				"resilience_breaker_calls_seconds_sum", "resilience_breaker_calls_seconds_max",
				"resilience_breaker_calls_seconds_bucket", "resilience_breaker_not_permitted_calls_total",
				"resilience_breaker_state", "resilience_breaker_failure_rate_percent",
				"resilience_breaker_slow_call_rate_percent", "resilience_breaker_buffered_calls",
				"resilience_breaker_transitions_total", "resilience_retry_calls_total", "resilience_retry_attempts_total");
	}

	@Test
	void dashboardWellFormed() throws IOException {
		DocumentContext dashboard = JsonPath.parse(Files.readString(DASHBOARD));
		assertThat(dashboard.read("$.uid", String.class)).isEqualTo("resilience-overview");
		List<Integer> ids = dashboard.read("$.panels[*].id");
		assertThat(ids).doesNotHaveDuplicates();
		List<Map<String, Object>> panels = dashboard.read("$.panels[*]");
		for (Map<String, Object> panel : panels) {
			String title = (String) panel.get("title");
			assertThat(panel).as(title).containsKeys("type", "gridPos");
			if (!"row".equals(panel.get("type"))) {
				assertThat(panel).as(title).containsKeys("datasource", "targets", "description");
				List<?> targets = (List<?>) panel.get("targets");
				assertThat(targets).as(title).isNotEmpty();
			}
		}
		List<String> variables = dashboard.read("$.templating.list[*].name");
		assertThat(variables).containsExactly("datasource", "job", "instance", "name");
		for (String expr : dashboardExpressions().values()) {
			Matcher variable = Pattern.compile("\\$(\\w+)").matcher(expr);
			while (variable.find()) {
				assertThat(variable.group(1)).as(expr).isIn("job", "instance", "name", "__rate_interval");
			}
		}
	}

	@Test
	void dashboardQueriesParseAsPromQl() throws Exception {
		Path promtool = Path.of("/usr/bin/promtool");
		if (!Files.isExecutable(promtool)) {
			assertThat(System.getenv("CI")).as("promtool is installed by .ci/run, so CI must have it").isNotEqualTo("true");
			Assumptions.abort("promtool is not installed; install the Debian package prometheus to check the queries");
		}
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
		int index = 0;
		for (String expr : dashboardExpressions().values()) {
			String concrete = expr.replace("$__rate_interval", "1m").replaceAll("\\$\\w+", ".*");
			rules.append("      - record: dashboard:query_").append(index++).append('\n');
			rules.append("        expr: '").append(concrete.replace("'", "''").replace("\n", " ")).append("'\n");
		}
		Path file = Files.createDirectories(Path.of("target")).resolve("dashboard-queries.rules.yml");
		Files.writeString(file, rules, StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("SUCCESS: " + index + " rules found");
	}

	private static Map<String, String> dashboardExpressions() throws IOException {
		DocumentContext dashboard = JsonPath.parse(Files.readString(DASHBOARD));
		Map<String, String> expressions = new LinkedHashMap<>();
		List<Map<String, Object>> panels = dashboard.read("$.panels[?(@.targets)]");
		for (Map<String, Object> panel : panels) {
			List<?> targets = (List<?>) panel.get("targets");
			for (Object target : targets) {
				Map<?, ?> query = (Map<?, ?>) target;
				expressions.put(panel.get("title") + " " + query.get("refId"), (String) query.get("expr"));
			}
		}
		assertThat(expressions).hasSizeGreaterThan(10);
		return expressions;
	}

	private static List<String> templateQueries() throws IOException {
		return JsonPath.parse(Files.readString(DASHBOARD)).read("$.templating.list[?(@.definition)].definition");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> alertExpressions() throws IOException {
		Map<String, Object> document = new Yaml().load(Files.readString(ALERTS));
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				expressions.put((String) rule.get("alert"), (String) rule.get("expr"));
			}
		}
		assertThat(expressions).containsKeys("CircuitBreakerOpen", "CircuitBreakerFailureRateHigh", "RetriesExhausting");
		return expressions;
	}

	private static Set<String> seriesNames(String text) {
		Set<String> names = new HashSet<>();
		Matcher matcher = SERIES_NAME.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/**
	 * Binds both meter binders to a Prometheus registry with the call histogram on, runs calls
	 * through a breaker and a retry instance so that meters registered on first use exist too,
	 * and returns the series names of the scrape.
	 */
	private static Set<String> scrapedSeriesNames() throws Throwable {
		PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		meterRegistry.config().meterFilter(new MeterFilter() {

			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				if (id.getName().equals("resilience.breaker.calls")) {
					return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
				}
				return config;
			}

		});
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		ManualClock clock = new ManualClock();
		RetryRegistry retries = new RetryRegistry(
				RetryConfig.custom().waitDuration(Duration.ofMillis(10)).sleeper(clock).ticker(clock).scheduler(clock).build());
		new CircuitBreakerMeterBinder(breakers).bindTo(meterRegistry);
		new RetryMeterBinder(retries).bindTo(meterRegistry);
		CircuitBreaker breaker = breakers.circuitBreaker("pricing");
		breaker.onSuccess(breaker.acquirePermission(), 1_000_000);
		breaker.onError(breaker.acquirePermission(), 1_000_000, new IOException("down"));
		breaker.transitionToOpen();
		breaker.tryAcquirePermission();
		Retry retry = retries.retry("pricing");
		retry.execute(() -> "ok");
		String scrape = meterRegistry.scrape();
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (!line.startsWith("#") && !line.isBlank()) {
				int end = line.indexOf('{');
				names.add((end > 0) ? line.substring(0, end) : line.substring(0, line.indexOf(' ')));
			}
		}
		List<String> resilience = new ArrayList<>(names);
		resilience.removeIf((name) -> !name.startsWith("resilience_"));
		return new TreeSet<>(resilience);
	}

}
