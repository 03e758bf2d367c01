package dev.resilience.spring.config;

import org.junit.jupiter.api.Test;

import dev.resilience.spring.autoconfigure.ResilienceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScratchTests {

	@Test
	void scratch() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withPropertyValues("resilience.retries.instances.x.retry-exceptions=com.example.Missing,java.io.IOException",
					"resilience.breakers.instances.y.ignore-exceptions=java.lang.String")
			.run((context) -> {
				Throwable t = context.getStartupFailure();
				while (t != null) { System.out.println("CHAIN: " + t.getClass().getName() + ": " + t.getMessage()); t = t.getCause(); }
				if (context.getStartupFailure() == null) System.out.println("BREAKER " + context.getBean(BreakerProperties.class).getInstances().get("y").getIgnoreExceptions());
			});
	}

}
