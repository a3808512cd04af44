package dev.patterns.resilience.redis;

import java.util.Objects;

import dev.patterns.resilience.CircuitBreaker;

/**
 * A snapshot of a {@link RedisTokenBucket}'s counters; each is cumulative since it was built.
 *
 * @param name the bucket's name
 * @param key the Redis key holding its state
 * @param admitted acquisitions Redis granted
 * @param rejected acquisitions Redis refused
 * @param rejectedLocally acquisitions refused by the local over-limit cache, with no round trip
 * @param redisCalls script calls answered by Redis (one command each)
 * @param scriptReloads times the script was reloaded after {@code NOSCRIPT}
 * @param redisFailures calls Redis did not answer in time or answered with an error
 * @param degradedAdmitted acquisitions admitted by the outage policy (fail open or the local fallback)
 * @param degradedRejected acquisitions refused by the outage policy (fail closed or the local fallback)
 * @param breaker the state of the breaker guarding the connection
 */
public record RedisTokenBucketStats(String name, String key, long admitted, long rejected, long rejectedLocally,
        long redisCalls, long scriptReloads, long redisFailures, long degradedAdmitted, long degradedRejected,
        CircuitBreaker.State breaker) {

    /** Checks. */
    public RedisTokenBucketStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(breaker, "breaker");
    }
}
