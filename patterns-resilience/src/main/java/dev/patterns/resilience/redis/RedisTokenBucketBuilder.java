package dev.patterns.resilience.redis;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Configures a {@link RedisTokenBucket}. Not thread-safe; {@link #build()} may be called more than
 * once (each bucket built from a {@linkplain #uri URI} opens its own connection).
 *
 * <p>Required: a {@linkplain #uri URI} or a {@linkplain #connection connection}, a {@linkplain #key
 * key}, a {@linkplain #capacity capacity} and a {@linkplain #refill refill rate}. Defaults: timeout
 * 100 ms, {@link RedisOutage#FAIL_CLOSED}, local over-limit cache on, a breaker that opens after 3
 * consecutive failures for 1 s.
 */
public final class RedisTokenBucketBuilder {

    private static final long MAX_MICROS = 1L << 50; // exact in a Lua double, with room to add

    private String name;
    private String uri;
    private StatefulRedisConnection<String, String> connection;
    private String key;
    private long capacity = -1;
    private long intervalMicros = -1;
    private long tokens;
    private Duration period;
    private Duration timeout = Duration.ofMillis(100);
    private RedisOutage outage = RedisOutage.FAIL_CLOSED;
    private TokenBucket fallback;
    private boolean localCache = true;
    private CircuitBreaker breaker;
    private Ticker ticker = Ticker.system();
    private Sleeper sleeper = Sleeper.system();

    RedisTokenBucketBuilder() {
    }

    /**
     * Names the bucket in messages and stats; by default {@code "redis-token-bucket:" + key}.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public RedisTokenBucketBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Connects to this Redis; the bucket owns the connection and closes it in {@code close()}.
     *
     * @param uri a Redis URI such as {@code redis://host:6379}
     * @return this builder
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if {@code uri} is not a Redis URI
     */
    public RedisTokenBucketBuilder uri(String uri) {
        RedisConnector.parse(uri);
        this.uri = uri;
        this.connection = null;
        return this;
    }

    /**
     * Uses this connection (shared, thread-safe; the caller keeps ownership). Its own timeout and
     * disconnected behavior apply besides this builder's timeout.
     *
     * @param connection a Lettuce connection with string keys and values
     * @return this builder
     * @throws NullPointerException if {@code connection} is null
     */
    public RedisTokenBucketBuilder connection(StatefulRedisConnection<String, String> connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.uri = null;
        return this;
    }

    /**
     * Sets the Redis key holding the bucket's state; every instance with this key shares the limit.
     *
     * @param key the key, not empty
     * @return this builder
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public RedisTokenBucketBuilder key(String key) {
        this.key = Checks.nonEmpty("key", key);
        return this;
    }

    /**
     * Sets the capacity: the largest burst.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public RedisTokenBucketBuilder capacity(long capacity) {
        this.capacity = Checks.atLeast("capacity", capacity, 1);
        return this;
    }

    /**
     * Sets the refill rate: {@code tokens} every {@code period}, continuously; the interval per token
     * is rounded up to a whole microsecond.
     *
     * @param tokens at least 1
     * @param period positive, at least {@code tokens} microseconds
     * @return this builder
     * @throws NullPointerException if {@code period} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public RedisTokenBucketBuilder refill(long tokens, Duration period) {
        Objects.requireNonNull(period, "period");
        Checks.atLeast("tokens", tokens, 1);
        Checks.duration("period", period, false);
        long nanos = Deadline.saturatedNanos(period);
        long perTokenNanos = -Math.floorDiv(-nanos, tokens); // ceiling divisions: never faster than asked
        long micros = -Math.floorDiv(-perTokenNanos, 1_000L);
        if (nanos / tokens < 1_000L) {
            throw new IllegalArgumentException("tokens: " + tokens + " (expected: <= " + nanos / 1_000L
                    + ", one token per microsecond at most over period " + period + ")");
        }
        this.tokens = tokens;
        this.period = period;
        this.intervalMicros = micros;
        return this;
    }

    /**
     * Bounds each round trip to Redis; a call not answered in time counts as Redis being unavailable.
     * On a connection the bucket opens (from a {@linkplain #uri URI}) Lettuce times the command
     * out, on its timer that ticks every 100 ms, so a call gives up between the timeout and 100 ms
     * later (a closed or refused connection fails at once); the caller waits untimed, which spares
     * a virtual thread a timer per call. On a {@linkplain #connection connection} given here the
     * caller's wait is timed.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public RedisTokenBucketBuilder timeout(Duration timeout) {
        this.timeout = Checks.duration("timeout", timeout, false);
        return this;
    }

    /**
     * Chooses what happens while Redis does not answer.
     *
     * @param outage the policy
     * @return this builder
     * @throws NullPointerException if {@code outage} is null
     */
    public RedisTokenBucketBuilder whenUnavailable(RedisOutage outage) {
        this.outage = Objects.requireNonNull(outage, "outage");
        return this;
    }

    /**
     * Asks {@code local} while Redis does not answer (sets {@link RedisOutage#LOCAL_FALLBACK}).
     *
     * @param local the per-process bucket
     * @return this builder
     * @throws NullPointerException if {@code local} is null
     */
    public RedisTokenBucketBuilder fallback(TokenBucket local) {
        this.fallback = Objects.requireNonNull(local, "local");
        this.outage = RedisOutage.LOCAL_FALLBACK;
        return this;
    }

    /**
     * Turns the local over-limit cache on (the default) or off.
     *
     * @param enabled whether a known-exhausted key is rejected with no round trip
     * @return this builder
     */
    public RedisTokenBucketBuilder localRejectionCache(boolean enabled) {
        this.localCache = enabled;
        return this;
    }

    /**
     * Guards the connection with this breaker (its ticker should be the builder's).
     *
     * @param breaker the breaker
     * @return this builder
     * @throws NullPointerException if {@code breaker} is null
     */
    public RedisTokenBucketBuilder breaker(CircuitBreaker breaker) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        return this;
    }

    /**
     * Sets the local time source (the cache, the breaker's timing, timed waits).
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public RedisTokenBucketBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets how reserved waits wait.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws NullPointerException if {@code sleeper} is null
     */
    public RedisTokenBucketBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * Builds the bucket: connects (from a URI) and loads the script, so a missing server fails here.
     *
     * @return a new bucket
     * @throws IllegalStateException naming what is missing (URI or connection, key, capacity, rate),
     *     a capacity whose burst does not fit, or a server that can not be reached (then nothing is
     *     left open)
     */
    public RedisTokenBucket build() {
        if (uri == null && connection == null) {
            throw Checks.notSet("uri", "uri(uri) or connection(connection) before build()");
        }
        if (key == null) {
            throw Checks.notSet("key", "key(key) before build()");
        }
        if (capacity < 1) {
            throw Checks.notSet("capacity", "capacity(n) before build()");
        }
        if (intervalMicros < 1) {
            throw Checks.notSet("refill", "refill(tokens, period) before build()");
        }
        if (capacity > MAX_MICROS / intervalMicros) {
            throw new IllegalStateException("capacity: " + capacity + " (expected: <= " + MAX_MICROS / intervalMicros
                    + " at one token per " + intervalMicros + "µs)");
        }
        String bucketName = name != null ? name : "redis-token-bucket:" + key;
        CircuitBreaker guard = breaker != null ? breaker
                : CircuitBreaker.builder().name(bucketName + "-redis").consecutiveFailures(3)
                        .openDuration(Duration.ofSeconds(1)).ticker(ticker).build();
        TokenBucket local = outage != RedisOutage.LOCAL_FALLBACK ? null
                : fallback != null ? fallback
                : TokenBucket.builder().capacity(capacity).refill(tokens, period).ticker(ticker).sleeper(sleeper).build();
        RedisConnector.Owned owned = uri != null ? RedisConnector.connect(uri, "token bucket '" + bucketName + "'", timeout) : null;
        try {
            return new ScriptedTokenBucket(bucketName, key, capacity, intervalMicros, Deadline.saturatedNanos(timeout),
                    outage, local, localCache, guard, ticker, sleeper, owned,
                    owned != null ? owned.connection() : connection);
        } catch (RuntimeException failed) {
            if (owned != null) {
                owned.close();
            }
            throw failed;
        }
    }
}
