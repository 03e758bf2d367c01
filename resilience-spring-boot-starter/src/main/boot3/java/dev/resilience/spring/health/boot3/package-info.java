/**
 * The {@code breakers} health indicator for Spring Boot 3.5, compiled against that line's health
 * types in {@code org.springframework.boot.actuate.health}.
 * <p>
 * These sources are compiled in a separate step of the build, with the Spring Boot 3.5 actuator
 * jar on the class path, and packed into the same jar as the rest of the starter.
 */
package dev.resilience.spring.health.boot3;
