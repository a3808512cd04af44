package dev.patterns.resilience;

import java.util.concurrent.Callable;

/**
 * A snapshot of the retry's counters.
 *
 * @param calls calls made through {@link Retry#call(Callable)}
 * @param retries retries made (attempts after the first)
 * @param budgetDenied retries the budget refused
 * @param exhausted calls that failed after retrying stopped, for any reason
 */
public record RetryStats(long calls, long retries, long budgetDenied, long exhausted) {
}
