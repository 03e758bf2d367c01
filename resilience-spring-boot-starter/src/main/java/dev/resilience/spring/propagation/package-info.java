/**
 * Thread-local context captured when a protected call starts and restored around the attempts and
 * the fallback that run later on other threads, through Micrometer's context-propagation library
 * when it is on the classpath.
 */
package dev.resilience.spring.propagation;
