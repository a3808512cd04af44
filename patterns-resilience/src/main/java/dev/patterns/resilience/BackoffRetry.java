package dev.patterns.resilience;

import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.internal.Backoff;

/** The retry loop: an immutable {@link RetryConfig} plus counters. */
final class BackoffRetry implements Retry {

    private final RetryConfig config;
    private final LongAdder calls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder budgetDenied = new LongAdder();
    private final LongAdder exhausted = new LongAdder();

    BackoffRetry(RetryConfig config) {
        this.config = config;
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        RetryConfig c = config;
        RetryBudget budget = c.budget();
        calls.increment();
        if (budget != null) {
            budget.recordCall();
        }
        long start = c.ticker().read();
        for (int attempt = 1; ; attempt++) {
            T result = null;
            Exception failure = null;
            try {
                result = callable.call();
                if (c.retryOnResult() == null || !c.retryOnResult().test(result)) {
                    return result;
                }
            } catch (InterruptedException interrupted) {
                throw interrupted;
            } catch (Exception e) {
                if (!c.retryOn().test(e)) {
                    throw e;
                }
                failure = e;
            }
            long wait = backoffNanos(attempt);
            long maxDuration = c.maxDurationNanos();
            boolean retry = attempt < c.maxAttempts()
                    && (maxDuration == Long.MAX_VALUE || c.ticker().read() + wait - start <= maxDuration);
            if (retry && budget != null && !budget.tryAcquireRetry()) {
                budgetDenied.increment();
                RetryBudgetExhaustedEvent.emit(config.name(), attempt, failure, budget);
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
            c.sleeper().sleepNanos(wait);
        }
    }

    /** The wait after failed attempt {@code attempt} (from 1). */
    long backoffNanos(int attempt) {
        RetryConfig c = config;
        long cap = Backoff.nanos(c.initialNanos(), c.multiplier(), attempt - 1, c.maxBackoffNanos());
        if (!c.jitter() || cap == 0) {
            return cap;
        }
        Random random = c.random() == null ? ThreadLocalRandom.current() : c.random();
        return cap == Long.MAX_VALUE ? random.nextLong(cap) : random.nextLong(cap + 1);
    }

    @Override
    public RetryStats stats() {
        return new RetryStats(calls.sum(), retries.sum(), budgetDenied.sum(), exhausted.sum());
    }

    @Override
    public String toString() {
        return "Retry[" + config.name() + ", maxAttempts=" + config.maxAttempts() + ", " + stats() + "]";
    }

    @Override
    public String name() {
        return config.name();
    }
}
