package dev.resilience.spring.dashboard;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceDashboardAutoConfiguration}.
 */
class ResilienceDashboardAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceDashboardAutoConfiguration.class));

	@Test
	void runByDefaultShouldNotServePage() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcConfigurer.class));
	}

	@Test
	void runWhenEnabledShouldServePage() {
		this.contextRunner.withPropertyValues("resilience.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(WebMvcConfigurer.class)
				.hasBean("resilienceDashboardResources"));
	}

	@Test
	void nonServletApplicationGetsNoPage() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceDashboardAutoConfiguration.class))
			.withPropertyValues("resilience.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcConfigurer.class));
	}

	@Test
	void missingSpringMvcGetsNoPage() {
		this.contextRunner.withPropertyValues("resilience.dashboard.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebMvcConfigurer.class));
	}

	@Test
	void pageFilesOnClassPath() {
		ClassLoader classLoader = getClass().getClassLoader();
		for (String file : new String[] { "dashboard.html", "dashboard.js", "dashboard.css" }) {
			assertThat(classLoader.getResource("resilience-dashboard/" + file)).as(file).isNotNull();
		}
	}

}
