package dev.patterns.resilience;

/**
 * A snapshot of the window.
 *
 * @param calls calls recorded in the window
 * @param retries retries granted in the window
 * @param available retries that would be granted now
 */
public record RetryBudgetStats(long calls, long retries, long available) {
}
