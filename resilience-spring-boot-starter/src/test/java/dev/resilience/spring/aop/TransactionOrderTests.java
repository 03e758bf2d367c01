package dev.resilience.spring.aop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.resilience.spring.annotation.Retryable;
import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests how the resilience advice and {@code @Transactional} nest, on an embedded H2 database. A
 * retried method inserts a row on each attempt and fails on the first two.
 */
class TransactionOrderTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void defaultOrderGivesEachAttemptItsOwnTransaction() {
		this.contextRunner.withUserConfiguration(DefaultOrderTransactions.class).run((context) -> {
			QuoteWriter writer = context.getBean(QuoteWriter.class);
			writer.write("ACME");
			QuoteWriter target = AopTestUtils.getTargetObject(writer);

			assertThat(attemptsInTable(context)).containsExactly(3);
			assertThat(target.attempts).hasValue(3);
			assertThat(target.activeTransactions).containsExactly(true, true, true);
			assertThat(distinct(target.connections)).isEqualTo(3);
		});
	}

	@Test
	void orderOutsideTransactionRollsBackEachFailedAttempt() {
		this.contextRunner.withUserConfiguration(OrderedTransactions.class)
			.withPropertyValues("resilience.aspect.order=" + (OrderedTransactions.TRANSACTION_ORDER - 1))
			.run((context) -> {
				QuoteWriter writer = context.getBean(QuoteWriter.class);
				writer.write("ACME");
				QuoteWriter target = AopTestUtils.getTargetObject(writer);

				assertThat(attemptsInTable(context)).containsExactly(3);
				assertThat(distinct(target.connections)).isEqualTo(3);
			});
	}

	@Test
	void orderInsideTransactionKeepsFailedAttemptsRows() {
		this.contextRunner.withUserConfiguration(OrderedTransactions.class)
			.withPropertyValues("resilience.aspect.order=" + (OrderedTransactions.TRANSACTION_ORDER + 1))
			.run((context) -> {
				QuoteWriter writer = context.getBean(QuoteWriter.class);
				writer.write("ACME");
				QuoteWriter target = AopTestUtils.getTargetObject(writer);

				assertThat(attemptsInTable(context)).containsExactly(1, 2, 3);
				assertThat(target.activeTransactions).containsExactly(true, true, true);
				assertThat(distinct(target.connections)).isEqualTo(1);
			});
	}

	private static List<Integer> attemptsInTable(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForList("select attempt from quotes order by attempt", Integer.class);
	}

	private static int distinct(List<Object> objects) {
		Set<Object> identities = Collections.newSetFromMap(new IdentityHashMap<>());
		identities.addAll(objects);
		return identities.size();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class DefaultOrderTransactions extends Database {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement(order = OrderedTransactions.TRANSACTION_ORDER)
	static class OrderedTransactions extends Database {

		static final int TRANSACTION_ORDER = 1000;

	}

	abstract static class Database {

		@Bean
		DataSource dataSource() {
			DataSource dataSource = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.build();
			new JdbcTemplate(dataSource).execute("create table quotes (symbol varchar(10), attempt int)");
			return dataSource;
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		QuoteWriter quoteWriter(JdbcTemplate jdbcTemplate, DataSource dataSource) {
			return new QuoteWriter(jdbcTemplate, dataSource);
		}

	}

	static class QuoteWriter {

		final AtomicInteger attempts = new AtomicInteger();

		final List<Boolean> activeTransactions = Collections.synchronizedList(new ArrayList<>());

		final List<Object> connections = Collections.synchronizedList(new ArrayList<>());

		private final JdbcTemplate jdbcTemplate;

		private final DataSource dataSource;

		QuoteWriter(JdbcTemplate jdbcTemplate, DataSource dataSource) {
			this.jdbcTemplate = jdbcTemplate;
			this.dataSource = dataSource;
		}

		@Transactional
		@Retryable(maxAttempts = 3, waitDuration = "0ms")
		public void write(String symbol) {
			int attempt = this.attempts.incrementAndGet();
			this.activeTransactions.add(TransactionSynchronizationManager.isActualTransactionActive());
			this.connections.add(TransactionSynchronizationManager.getResource(this.dataSource));
			this.jdbcTemplate.update("insert into quotes (symbol, attempt) values (?, ?)", symbol, attempt);
			if (attempt < 3) {
				throw new IllegalStateException("attempt " + attempt + " failed");
			}
		}

	}

}
