/**
 * Auto-configuration of the registries and the advice, and the general resilience properties.
 */
package dev.resilience.spring.autoconfigure;
