package dev.patterns.resilience;

import java.util.concurrent.Callable;

/**
 * Retries a failed call with exponential backoff and full jitter, within a number of attempts, a
 * total duration, and optionally a {@link RetryBudget} shared by every caller of a dependency.
 *
 * <p>Attempt {@code k} (from 1) that fails is followed, if it may be retried, by a wait drawn
 * uniformly from {@code [0, min(maxBackoff, initialBackoff × multiplier^(k-1))]} ("full jitter"),
 * or exactly that bound if jitter is off. A retry is made only if all of these hold: the failure
 * matches the retry-on predicate (by default any {@link Exception} except
 * {@link CallRejectedException}; never {@link InterruptedException}), attempts remain, the wait
 * would end within the maximum duration counted from the first attempt, and the budget grants it.
 * When retrying stops, the last failure is thrown as it was (or the last result returned, for a
 * result the retry-on-result predicate matched).
 *
 * <p>Thread-safe; one instance serves concurrent callers. Waits go through the configured
 * {@link dev.patterns.time.Sleeper} (parking, interruptible: an interrupt during a wait ends the
 * call with {@link InterruptedException}).
 *
 * <pre>{@code
 * Retry retry = Retry.builder().maxAttempts(4).backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
 *         .budget(RetryBudget.of(0.1, 10, Duration.ofSeconds(10))).build();
 * Quote quote = retry.call(() -> pricing.quote(sku));
 * }</pre>
 */
public interface Retry extends Policy {

    /**
     * Returns a builder; by default 3 attempts, backoff from 100 ms doubling up to 10 s, full jitter.
     *
     * @return a new builder
     */
    static RetryBuilder builder() {
        return new RetryBuilder();
    }

    /**
     * Calls {@code callable}, retrying as configured.
     *
     * @param callable the call
     * @param <T> the result type
     * @return the first accepted result, or the last result if retrying stopped on a result
     * @throws InterruptedException if interrupted during a backoff wait (or the call threw it)
     * @throws Exception the last failure, if retrying stopped on a failure
     * @throws NullPointerException if {@code callable} is null
     */
    @Override
    <T> T call(Callable<T> callable) throws Exception;

    /**
     * Returns a snapshot of the counters.
     *
     * @return the stats
     */
    RetryStats stats();

    /**
     * Returns the name given to the builder, or {@code retry-N}.
     *
     * @return the name
     */
    String name();
}
