package dev.resilience.spring.events;

/**
 * One entry of a breaker's event history, as plain values so that any JSON library writes it the
 * same way. Times are ISO-8601 instants read from the breaker's configured clock.
 *
 * @param type the kind of entry
 * @param time when the entry was recorded, or for an aggregated entry when its first occurrence was
 * @param lastTime when its last occurrence was; equal to {@code time} unless the entry is aggregated
 * @param count how many occurrences the entry stands for; 1 unless the entry is aggregated
 * @param fromState the state before a {@link BreakerEventType#STATE_TRANSITION}, otherwise
 * {@code null}
 * @param toState the state after a {@link BreakerEventType#STATE_TRANSITION}, otherwise {@code null}
 * @param rate the failure rate or slow-call rate in percent of an exceeded threshold, otherwise
 * {@code null}
 * @param exception the simple class name of the last exception of {@link BreakerEventType#FAILED_CALLS},
 * {@code null} when that failure was a result classified as a failure or for other kinds
 * @since 0.1.0
 */
public record BreakerEvent(BreakerEventType type, String time, String lastTime, long count, String fromState,
		String toState, Float rate, String exception) {

}
