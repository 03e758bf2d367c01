package dev.resilience.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for the counts a {@link Retry} keeps and the events its listeners receive.
 */
class RetryMetricsTests {

	private final ManualClock clock = new ManualClock();

	private final Retry retry = Retry.of("metrics", RetryConfig.custom()
		.maxAttempts(2)
		.waitDuration(Duration.ofMillis(10))
		.ignoreExceptions(List.of(IllegalArgumentException.class))
		.ticker(this.clock)
		.sleeper(this.clock)
		.build());

	private final Logger julLogger = Logger.getLogger(ListenerFailureLog.class.getName());

	private final List<LogRecord> logRecords = new ArrayList<>();

	private final Handler captureHandler = new Handler() {

		@Override
		public void publish(LogRecord record) {
			RetryMetricsTests.this.logRecords.add(record);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private Level previousLevel;

	@BeforeEach
	void captureLog() {
		this.previousLevel = this.julLogger.getLevel();
		this.julLogger.setLevel(Level.ALL);
		this.julLogger.addHandler(this.captureHandler);
	}

	@AfterEach
	void restoreLog() {
		this.julLogger.removeHandler(this.captureHandler);
		this.julLogger.setLevel(this.previousLevel);
	}

	@Test
	void eachOutcomeIsCounted() throws Throwable {
		this.retry.execute(ScriptedCall.of("first try"));
		this.retry.execute(ScriptedCall.of(new IOException(), "second try"));
		this.retry.execute(ScriptedCall.of("again"));
		catchThrowable(() -> this.retry.execute(ScriptedCall.of(new IOException())));
		catchThrowable(() -> this.retry.execute(ScriptedCall.of(new IllegalArgumentException())));

		RetryMetrics metrics = this.retry.getMetrics();

		assertThat(metrics.successWithoutRetry()).isEqualTo(2);
		assertThat(metrics.successWithRetry()).isEqualTo(1);
		assertThat(metrics.failureWithRetry()).isEqualTo(1);
		assertThat(metrics.failureWithoutRetry()).isEqualTo(1);
		assertThat(metrics.attempts()).isEqualTo(1 + 2 + 1 + 2 + 1);
		assertThat(metrics.count(RetryOutcome.SUCCESS_WITHOUT_RETRY)).isEqualTo(2);
		assertThat(metrics.count(RetryOutcome.FAILURE_WITHOUT_RETRY)).isEqualTo(1);
	}

	@Test
	void outcomeTagValues() {
		assertThat(RetryOutcome.SUCCESS_WITHOUT_RETRY.tagValue()).isEqualTo("success_without_retry");
		assertThat(RetryOutcome.SUCCESS_WITH_RETRY.tagValue()).isEqualTo("success_with_retry");
		assertThat(RetryOutcome.FAILURE_WITH_RETRY.tagValue()).isEqualTo("failure_with_retry");
		assertThat(RetryOutcome.FAILURE_WITHOUT_RETRY.tagValue()).isEqualTo("failure_without_retry");
	}

	@Test
	void listenerReceivesRetriesAndOutcome() {
		List<String> events = new ArrayList<>();
		this.retry.addListener(recordingListener(events));
		IOException failure = new IOException("down");

		catchThrowable(() -> this.retry.execute(ScriptedCall.of(failure)));

		assertThat(events).containsExactly("retry 1 after down, wait PT0.01S",
				"outcome FAILURE_WITH_RETRY after 2 attempts, error down");
	}

	@Test
	void removedListenerIsNotCalled() throws Throwable {
		List<String> events = new ArrayList<>();
		RetryListener listener = recordingListener(events);
		this.retry.addListener(listener);
		this.retry.removeListener(listener);
		this.retry.removeListener(listener);

		this.retry.execute(ScriptedCall.of("value"));

		assertThat(events).isEmpty();
	}

	@Test
	void throwingListenerDoesNotBreakCall() throws Throwable {
		List<String> events = new ArrayList<>();
		this.retry.addListener(new RetryListener() {

			@Override
			public void onRetry(Retry retry, int attempt, Throwable error, Duration wait) {
				throw new IllegalStateException("listener failed in onRetry");
			}

			@Override
			public void onOutcome(Retry retry, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
				throw new IllegalStateException("listener failed in onOutcome");
			}

		});
		this.retry.addListener(recordingListener(events));

		String result = this.retry.execute(ScriptedCall.of(new IOException("down"), "value"));

		assertThat(result).isEqualTo("value");
		assertThat(events).containsExactly("retry 1 after down, wait PT0.01S",
				"outcome SUCCESS_WITH_RETRY after 2 attempts, error none");
		assertThat(this.retry.getMetrics().successWithRetry()).isEqualTo(1);
		assertThat(this.logRecords).hasSize(2);
		assertThat(this.logRecords.get(0).getLevel()).isEqualTo(Level.WARNING);
		assertThat(this.logRecords.get(0).getThrown()).hasMessage("listener failed in onRetry");
		assertThat(this.logRecords.get(0).getMessage()).contains("onRetry", "retry 'metrics'", "was skipped");
		assertThat(this.logRecords.get(1).getLevel()).isEqualTo(Level.FINE);
		assertThat(this.logRecords.get(1).getThrown()).hasMessage("listener failed in onOutcome");
	}

	private static RetryListener recordingListener(List<String> events) {
		return new RetryListener() {

			@Override
			public void onRetry(Retry retry, int attempt, Throwable error, Duration wait) {
				events.add("retry " + attempt + " after " + error.getMessage() + ", wait " + wait);
			}

			@Override
			public void onOutcome(Retry retry, RetryOutcome outcome, int attempts, Throwable lastErrorOrNull) {
				String error = (lastErrorOrNull != null) ? lastErrorOrNull.getMessage() : "none";
				events.add("outcome " + outcome + " after " + attempts + " attempts, error " + error);
			}

		};
	}

}
