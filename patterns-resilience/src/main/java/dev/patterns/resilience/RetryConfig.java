package dev.patterns.resilience;

import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import dev.patterns.internal.Checks;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * The immutable configuration of a {@link Retry}, snapshotted by {@link RetryBuilder#build()}.
 *
 * @param name the retry's name, in {@code toString}, JFR events and metric tags
 * @param maxAttempts the most attempts, the first included
 * @param maxDurationNanos no retry whose wait ends later than this after the first attempt;
 *     {@code Long.MAX_VALUE}: no limit
 * @param initialNanos the first backoff bound
 * @param maxBackoffNanos the largest backoff bound
 * @param multiplier the backoff growth factor
 * @param jitter whether waits are drawn uniformly below the bound (full jitter)
 * @param random the jitter's source; null means {@code ThreadLocalRandom}
 * @param retryOn which exceptions are retried
 * @param retryOnResult which results are retried; null means none
 * @param budget asked before each retry; null means no budget
 * @param ticker the time source of the maximum duration
 * @param sleeper how backoff waits are made
 */
record RetryConfig(
        String name,
        int maxAttempts,
        long maxDurationNanos,
        long initialNanos,
        long maxBackoffNanos,
        double multiplier,
        boolean jitter,
        Random random,
        Predicate<? super Exception> retryOn,
        Predicate<Object> retryOnResult,
        RetryBudget budget,
        Ticker ticker,
        Sleeper sleeper) {

    RetryConfig {
        Objects.requireNonNull(name, "name");
        Checks.atLeast("maxAttempts", maxAttempts, 1);
        Checks.atLeast("maxDurationNanos", maxDurationNanos, 1L);
        Checks.atLeast("initialNanos", initialNanos, 0L);
        Checks.atLeast("maxBackoffNanos", maxBackoffNanos, initialNanos);
        Checks.multiplier("multiplier", multiplier);
        Objects.requireNonNull(retryOn, "retryOn");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(sleeper, "sleeper");
    }
}
