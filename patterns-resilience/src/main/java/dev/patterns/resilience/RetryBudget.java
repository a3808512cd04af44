package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.time.Ticker;

/**
 * A retry budget: retries allowed as a fraction of the recent calls, plus a small floor, so that a
 * failing dependency sees at most {@code (1 + ratio)} times its normal load instead of
 * {@code maxAttempts} times (a retry storm).
 *
 * <p>Over the sliding window, {@link #tryAcquireRetry()} grants a retry while
 * {@code retries < ratio × calls + minRetries}. One budget is shared by every {@link Retry} that
 * calls the same dependency. Thread-safe and lock-free; under concurrent grants the bound may be
 * passed by at most one retry per racing caller.
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.of(0.1, 10, Duration.ofSeconds(10)); // 10% + 10 per 10 s
 * }</pre>
 */
public interface RetryBudget {

    /**
     * Returns a budget over a window of {@code window} (in ten buckets), reading the system ticker.
     *
     * @param ratio retries allowed per call, in [0, 1000]
     * @param minRetries retries always allowed per window, zero or more
     * @param window the window length, at least 10 ns
     * @return a new budget
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static RetryBudget of(double ratio, int minRetries, Duration window) {
        return of(ratio, minRetries, window, Ticker.system());
    }

    /**
     * Returns a budget over a window of {@code window} (in ten buckets), reading {@code ticker}.
     *
     * @param ratio retries allowed per call, in [0, 1000]
     * @param minRetries retries always allowed per window, zero or more
     * @param window the window length, at least 10 ns
     * @param ticker the time source
     * @return a new budget
     * @throws NullPointerException if {@code window} or {@code ticker} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static RetryBudget of(double ratio, int minRetries, Duration window, Ticker ticker) {
        return new WindowedRetryBudget("retry-budget-" + WindowedRetryBudget.SEQUENCE.incrementAndGet(), ratio,
                minRetries, window, ticker);
    }

    /**
     * Like {@link #of(double, int, Duration, Ticker)}, with a name for {@code toString}, JFR
     * events and metric tags (the factories without one name the budget {@code retry-budget-N}).
     *
     * @param name the budget's name
     * @param ratio retries allowed per call, in [0, 1000]
     * @param minRetries retries always allowed per window, zero or more
     * @param window the window length, at least 10 ns
     * @param ticker the time source
     * @return a new budget
     * @throws NullPointerException if {@code name}, {@code window} or {@code ticker} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static RetryBudget of(String name, double ratio, int minRetries, Duration window, Ticker ticker) {
        return new WindowedRetryBudget(Objects.requireNonNull(name, "name"), ratio, minRetries, window, ticker);
    }

    /**
     * Returns the budget's name.
     *
     * @return the name
     */
    String name();

    /** Records a call (a first attempt); each call earns {@code ratio} retries for the window. */
    void recordCall();

    /**
     * Takes one retry from the budget if there is one; never blocks.
     *
     * @return whether the retry may be made
     */
    boolean tryAcquireRetry();

    /**
     * Returns a snapshot of the window.
     *
     * @return the stats
     */
    RetryBudgetStats stats();
}
