package dev.patterns.resilience;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/** The retry loop; immutable configuration plus counters. */
final class BackoffRetry implements Retry {

    private final int maxAttempts;
    private final long maxDurationNanos;
    private final long initialNanos;
    private final long maxBackoffNanos;
    private final double multiplier;
    private final boolean jitter;
    /** Null means ThreadLocalRandom. */
    private final Random random;
    private final Predicate<? super Exception> retryOn;
    private final Predicate<Object> retryOnResult;
    private final RetryBudget budget;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final LongAdder calls = new LongAdder();
    private final String name;
    private final LongAdder retries = new LongAdder();
    private final LongAdder budgetDenied = new LongAdder();
    private final LongAdder exhausted = new LongAdder();

    BackoffRetry(String name, int maxAttempts, long maxDurationNanos, long initialNanos, long maxBackoffNanos, double multiplier,
            boolean jitter, Random random, Predicate<? super Exception> retryOn, Predicate<Object> retryOnResult,
            RetryBudget budget, Ticker ticker, Sleeper sleeper) {
        this.name = name;
        this.maxAttempts = maxAttempts;
        this.maxDurationNanos = maxDurationNanos;
        this.initialNanos = initialNanos;
        this.maxBackoffNanos = maxBackoffNanos;
        this.multiplier = multiplier;
        this.jitter = jitter;
        this.random = random;
        this.retryOn = retryOn;
        this.retryOnResult = retryOnResult;
        this.budget = budget;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        calls.increment();
        if (budget != null) {
            budget.recordCall();
        }
        long start = ticker.read();
        for (int attempt = 1; ; attempt++) {
            T result = null;
            Exception failure = null;
            try {
                result = callable.call();
                if (retryOnResult == null || !retryOnResult.test(result)) {
                    return result;
                }
            } catch (InterruptedException interrupted) {
                throw interrupted;
            } catch (Exception e) {
                if (!retryOn.test(e)) {
                    throw e;
                }
                failure = e;
            }
            long wait = backoffNanos(attempt);
            boolean retry = attempt < maxAttempts
                    && (maxDurationNanos == Long.MAX_VALUE || ticker.read() + wait - start <= maxDurationNanos);
            if (retry && budget != null && !budget.tryAcquireRetry()) {
                budgetDenied.increment();
                RetryBudgetExhaustedEvent.emit(name, attempt, failure, budget);
                retry = false;
            }
            if (!retry) {
                exhausted.increment();
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
            retries.increment();
            sleeper.sleepNanos(wait);
        }
    }

    /** The wait after failed attempt {@code attempt} (from 1). */
    long backoffNanos(int attempt) {
        double bound = initialNanos * Math.pow(multiplier, attempt - 1);
        long cap = bound >= maxBackoffNanos ? maxBackoffNanos : (long) bound;
        if (!jitter || cap == 0) {
            return cap;
        }
        return cap == Long.MAX_VALUE ? (random == null ? ThreadLocalRandom.current() : random).nextLong(cap)
                : (random == null ? ThreadLocalRandom.current() : random).nextLong(cap + 1);
    }

    @Override
    public Stats stats() {
        return new Stats(calls.sum(), retries.sum(), budgetDenied.sum(), exhausted.sum());
    }

    @Override
    public String toString() {
        return "Retry[" + name + ", maxAttempts=" + maxAttempts + ", " + stats() + "]";
    }

    @Override
    public String name() {
        return name;
    }
}
