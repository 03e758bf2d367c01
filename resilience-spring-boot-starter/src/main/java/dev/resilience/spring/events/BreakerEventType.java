package dev.resilience.spring.events;

/**
 * The kinds of entries in a breaker's event history.
 * <p>
 * Transitions, exceeded thresholds and resets are recorded one entry each. Failed and rejected
 * calls can come thousands per second, so each kind is aggregated: consecutive ones between two
 * other entries share one entry with a count.
 *
 * @since 0.1.0
 */
public enum BreakerEventType {

	/** The breaker moved from one state to another. */
	STATE_TRANSITION,

	/** The failure rate reached its threshold, just before the breaker opened. */
	FAILURE_RATE_EXCEEDED,

	/** The slow-call rate reached its threshold, just before the breaker opened. */
	SLOW_CALL_RATE_EXCEEDED,

	/** The breaker was reset to a fresh closed state. */
	RESET,

	/** Calls recorded as failures, aggregated into one entry until the next other entry. */
	FAILED_CALLS,

	/** Calls rejected by the breaker, aggregated into one entry until the next other entry. */
	NOT_PERMITTED_CALLS

}
