package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;

import dev.patterns.internal.Checks;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Configures a {@link Retry}. Not thread-safe; {@link #build()} snapshots the configuration.
 */
public final class RetryBuilder {

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
            new java.util.concurrent.atomic.AtomicInteger();

    private String name;
    private int maxAttempts = 3;
    private long maxDurationNanos = Long.MAX_VALUE;
    private long initialNanos = Duration.ofMillis(100).toNanos();
    private long maxBackoffNanos = Duration.ofSeconds(10).toNanos();
    private double multiplier = 2.0;
    private boolean jitter = true;
    private Random random;
    private Predicate<? super Exception> retryOn = e -> !(e instanceof CallRejectedException);
    private Predicate<Object> retryOnResult;
    private RetryBudget budget;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper = Sleeper.system();

    RetryBuilder() {
    }

    /**
     * Sets the most attempts, the first included (default: 3).
     *
     * @param attempts the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code attempts < 1}
     */
    public RetryBuilder maxAttempts(int attempts) {
        this.maxAttempts = Checks.atLeast("maxAttempts", attempts, 1);
        return this;
    }

    /**
     * Limits the total time: no retry whose wait would end later than {@code duration} after the
     * first attempt started (default: no limit).
     *
     * @param duration the limit, positive
     * @return this builder
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    public RetryBuilder maxDuration(Duration duration) {
        this.maxDurationNanos = Checks.nanos("maxDuration", duration, false);
        return this;
    }

    /**
     * Sets the backoff bounds: the first wait is at most {@code initial}, waits grow by the
     * multiplier and never exceed {@code max}.
     *
     * @param initial the first bound, zero or more
     * @param max the cap, at least {@code initial}
     * @return this builder
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a duration is negative or {@code max < initial}
     */
    public RetryBuilder backoff(Duration initial, Duration max) {
        long first = Checks.nanos("initial", initial, true);
        long cap = Checks.nanos("max", max, true);
        if (cap < first) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        this.initialNanos = first;
        this.maxBackoffNanos = cap;
        return this;
    }

    /**
     * Sets the backoff growth factor (default: 2).
     *
     * @param multiplier the factor, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code multiplier < 1} or not finite
     */
    public RetryBuilder multiplier(double multiplier) {
        this.multiplier = Checks.multiplier("multiplier", multiplier);
        return this;
    }

    /**
     * Turns full jitter on (default) or off (waits are then exactly the backoff bound).
     *
     * @param on whether to jitter
     * @return this builder
     */
    public RetryBuilder jitter(boolean on) {
        this.jitter = on;
        return this;
    }

    /**
     * Sets the random source of the jitter, for reproducible schedules in tests (default:
     * {@link java.util.concurrent.ThreadLocalRandom}).
     *
     * @param random the source; shared by concurrent callers, so a seeded {@link Random} is fine
     * @return this builder
     * @throws NullPointerException if {@code random} is null
     */
    public RetryBuilder random(Random random) {
        this.random = Objects.requireNonNull(random, "random");
        return this;
    }

    /**
     * Chooses which exceptions are retried (default: all but {@link CallRejectedException});
     * {@link InterruptedException} never is.
     *
     * @param predicate true for an exception worth retrying
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public RetryBuilder retryOn(Predicate<? super Exception> predicate) {
        this.retryOn = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Chooses results that are retried (default: none), for calls that report errors as values.
     *
     * @param predicate true for a result worth retrying; called with null results too
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public RetryBuilder retryOnResult(Predicate<Object> predicate) {
        this.retryOnResult = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Makes every retry ask {@code budget} first; every call deposits into it.
     *
     * @param budget the budget, usually shared by all callers of one dependency
     * @return this builder
     * @throws NullPointerException if {@code budget} is null
     */
    public RetryBuilder budget(RetryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        return this;
    }

    /**
     * Sets the time source for the maximum duration.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public RetryBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets how backoff waits are made (a {@link dev.patterns.time.FakeTicker} in tests).
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public RetryBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * Sets the name used in {@code toString} and metric tags; {@code retry-N} by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public RetryBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Builds the retry.
     *
     * @return a new retry
     */
    public Retry build() {
        String n = name != null ? name : "retry-" + SEQUENCE.incrementAndGet();
        return new BackoffRetry(new RetryConfig(n, maxAttempts, maxDurationNanos, initialNanos, maxBackoffNanos,
                multiplier, jitter, random, retryOn, retryOnResult, budget, ticker, sleeper));
    }
}
