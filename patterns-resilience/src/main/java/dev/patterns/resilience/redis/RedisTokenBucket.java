package dev.patterns.resilience.redis;

import dev.patterns.resilience.TokenBucket;
import dev.patterns.resilience.TokenBucketStats;

/**
 * A {@link TokenBucket} shared by every process that builds one on the same Redis key: a fleet of
 * instances shares one limit. Each acquisition is exactly one command and one round trip, an
 * {@code EVALSHA} of a GCRA script that reads the server's clock ({@code TIME}, so the callers'
 * clock skew does not matter) and keeps the whole state in one value with a TTL (an idle limiter's
 * key vanishes once its bucket is full again). There is no compare-and-set and so no retry under
 * contention: Redis runs each script call alone.
 *
 * <p>Over any interval of length {@code t}, all instances together admit at most
 * {@code capacity + rate × t} tokens while Redis is up. The refill interval has a resolution of one
 * microsecond (the server clock's), rounded up: the bucket never refills faster than asked.
 * With {@linkplain RedisTokenBucketBuilder#localRejectionCache(boolean) the local over-limit cache}
 * on, a rejection also tells the instance when the next token can exist at the earliest; until then
 * it rejects with no round trip, which can only admit less. While Redis does not answer within the
 * {@linkplain RedisTokenBucketBuilder#timeout timeout}, the builder's {@link RedisOutage} decides;
 * a circuit breaker guards the connection, so once it opened a dead Redis costs nothing per call.
 *
 * <p>Thread-safe; callers share one pipelined Lettuce connection. {@code tryAcquire} blocks only
 * for the round trip (bounded by the timeout); the waiting forms reserve their tokens in Redis,
 * then park through the {@link dev.patterns.time.Sleeper} (virtual-thread friendly); an interrupted
 * waiter does not give its reservation back. In the {@link RedisOutage#FAIL_CLOSED} outage mode,
 * {@link #acquire(long)} throws {@link dev.patterns.resilience.CallRejectedException} rather than
 * wait for Redis to come back. Redis starts an unknown (or expired) key full.
 *
 * <pre>{@code
 * try (RedisTokenBucket limiter = RedisTokenBucket.builder()
 *         .uri("redis://cache:6379").key("partner-42")
 *         .capacity(100).refill(1_000, Duration.ofSeconds(1))
 *         .timeout(Duration.ofMillis(50)).whenUnavailable(RedisOutage.LOCAL_FALLBACK)
 *         .build()) {
 *     if (limiter.tryAcquire()) {
 *         send(request);
 *     }
 * }
 * }</pre>
 */
public interface RedisTokenBucket extends TokenBucket, AutoCloseable {

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    static RedisTokenBucketBuilder builder() {
        return new RedisTokenBucketBuilder();
    }

    /**
     * Returns the bucket's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the Redis key holding the state.
     *
     * @return the key
     */
    String key();

    /**
     * Returns the Redis-specific counters (round trips, reloads, failures, the outage policy's
     * answers, the breaker's state); cheap, never touches Redis.
     *
     * @return the stats
     */
    RedisTokenBucketStats redisStats();

    /**
     * Returns the name, capacity and refusals every token bucket reports; cheap, never touches
     * Redis, so {@code available} is {@code -1} (the state lives on the server). Refusals count
     * Redis's, the local over-limit cache's and the outage policy's.
     *
     * @return the stats
     */
    @Override
    TokenBucketStats stats();

    /** Closes the connection if the builder opened it (a connection given to the builder stays open). */
    @Override
    void close();
}
