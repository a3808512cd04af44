package dev.patterns.resilience;

/**
 * A snapshot of the timeout's counters.
 *
 * @param timedOut calls that passed the limit
 * @param abandoned timed-out calls still running after the grace period
 */
public record TimeoutStats(long timedOut, long abandoned) {
}
