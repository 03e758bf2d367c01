package dev.resilience.spring.dashboard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Auto-configuration of the live dashboard page. With {@code resilience.dashboard.enabled=true} in
 * a servlet web application, it serves the page's files from the class path location
 * {@value #RESOURCE_LOCATION} under {@value #PATH_PATTERN}. That location is not one of Spring Boot's
 * static resource locations, so the files are not reachable while the property is off.
 * <p>
 * The page reads {@code ../actuator/breakers} relative to itself, or the URL given in its
 * {@code endpoint} query parameter, so the {@code breakers} endpoint must be exposed too.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "resilience.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
@EnableConfigurationProperties(ResilienceDashboardProperties.class)
public final class ResilienceDashboardAutoConfiguration {

	/**
	 * The URL path pattern of the page's files.
	 */
	public static final String PATH_PATTERN = "/resilience/**";

	/**
	 * The class path location of the page's files.
	 */
	public static final String RESOURCE_LOCATION = "classpath:/resilience-dashboard/";

	@Bean
	WebMvcConfigurer resilienceDashboardResources() {
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(PATH_PATTERN).addResourceLocations(RESOURCE_LOCATION);
			}

		};
	}

}
