package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.internal.Checks;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

/**
 * Configures a {@link TokenBucket}. Not thread-safe; {@link #build()} may be called more than once.
 *
 * <p>The refill interval is {@code period / tokens} rounded <em>up</em> to a whole nanosecond, so the
 * bucket never refills faster than asked.
 */
public final class TokenBucketBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String name;
    private long capacity = -1;
    private long tokens = -1;
    private long periodNanos;
    private boolean startFull = true;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper = Sleeper.system();

    TokenBucketBuilder() {
    }

    /**
     * Sets the name used in {@code toString}, JFR events and metric tags; {@code token-bucket-N}
     * by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public TokenBucketBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets the capacity: the most tokens the bucket holds, the largest burst.
     *
     * @param capacity the capacity, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public TokenBucketBuilder capacity(long capacity) {
        this.capacity = Checks.atLeast("capacity", capacity, 1L);
        return this;
    }

    /**
     * Sets the refill rate: {@code tokens} tokens every {@code period}, added continuously.
     *
     * @param tokens how many tokens per period, at least 1
     * @param period the period, positive and at least {@code tokens} nanoseconds
     * @return this builder
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public TokenBucketBuilder refill(long tokens, Duration period) {
        long nanos = Checks.nanos("period", period, false);
        Checks.atLeast("tokens", tokens, 1L);
        if (nanos < tokens) {
            throw new IllegalArgumentException("tokens: " + tokens + " (expected: <= " + nanos
                    + ", one token per nanosecond at most over period " + period + ")");
        }
        this.tokens = tokens;
        this.periodNanos = nanos;
        return this;
    }

    /**
     * Chooses whether the bucket starts full (the default) or empty.
     *
     * @param full true to start full
     * @return this builder
     */
    public TokenBucketBuilder startFull(boolean full) {
        this.startFull = full;
        return this;
    }

    /**
     * Sets the time source (a {@link dev.patterns.time.FakeTicker} in tests).
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public TokenBucketBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets how waiting callers wait (a {@link dev.patterns.time.FakeTicker} in tests, whose sleep
     * advances fake time).
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public TokenBucketBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * Builds the bucket.
     *
     * @return a new bucket
     * @throws IllegalStateException if the capacity or the refill rate was not set, or
     *     {@code capacity × interval} does not fit in 2^61 nanoseconds
     */
    public TokenBucket build() {
        if (capacity < 1) {
            throw Checks.notSet("capacity", "capacity(n) before build()");
        }
        if (tokens < 1) {
            throw Checks.notSet("refill", "refill(tokens, period) before build()");
        }
        long interval = -Math.floorDiv(-periodNanos, tokens); // ceiling division
        if (capacity > (Long.MAX_VALUE / 4) / interval) {
            throw new IllegalStateException("capacity: " + capacity + " (expected: <= " + (Long.MAX_VALUE / 4) / interval
                    + " at one token per " + interval + "ns)");
        }
        String bucketName = name != null ? name : "token-bucket-" + SEQUENCE.incrementAndGet();
        return new GcraTokenBucket(bucketName, capacity, interval, startFull, ticker, sleeper);
    }
}
