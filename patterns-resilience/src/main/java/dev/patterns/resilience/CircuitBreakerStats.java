package dev.patterns.resilience;

import java.util.Objects;

// NOTE: successes are counted only on request: a LongAdder on the success path halved
// BreakerBench (144 -> 73-80 calls/us, one run); failures and ignored failures are off the hot
// path and always counted.
/**
 * A snapshot of the breaker, cheap enough to poll every second.
 *
 * @param state the current state
 * @param generation the current state's generation
 * @param windowCalls calls in the sliding window (closed state; 0 otherwise)
 * @param windowFailures failed calls in the window
 * @param windowSlowCalls slow calls in the window
 * @param failureRate percentage of failed calls in the window, or {@code -1} below the
 *     minimum number of calls
 * @param slowCallRate percentage of slow calls in the window, or {@code -1} below the minimum
 * @param consecutiveFailures failures since the last success (closed state)
 * @param notPermittedCalls calls rejected since the breaker was built
 * @param failedCalls outcomes reported as failures since the breaker was built
 * @param ignoredCalls failures ignored by {@code ignoreFailure} since the breaker was built
 * @param successfulCalls calls that succeeded since the breaker was built; counted only when
 *     it was built with {@link CircuitBreakerBuilder#callMetrics(boolean) callMetrics(true)},
 *     else zero
 * @param successfulNanos the summed duration of the successful calls (only with call metrics)
 * @param failedNanos the summed duration of the failed calls (only with call metrics)
 * @param ignoredNanos the summed duration of the ignored failures (only with call metrics)
 */
public record CircuitBreakerStats(CircuitBreaker.State state, long generation, int windowCalls, int windowFailures, int windowSlowCalls,
        double failureRate, double slowCallRate, int consecutiveFailures, long notPermittedCalls,
        long failedCalls, long ignoredCalls, long successfulCalls, long successfulNanos, long failedNanos,
        long ignoredNanos) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code state} is null
     */
    public CircuitBreakerStats {
        Objects.requireNonNull(state, "state");
    }
}
