package dev.patterns.resilience.redis;

/**
 * What a Redis-backed component does while Redis does not answer (unreachable, too slow for the
 * configured timeout, or guarded off by its circuit breaker). Stated in the builder; there is no
 * silent default in between.
 */
public enum RedisOutage {
    /** Reject: {@code tryAcquire} answers {@code false}, {@code acquire} and {@code call} throw. */
    FAIL_CLOSED,
    /** Admit every call while Redis is away (no limit at all during the outage). */
    FAIL_OPEN,
    /**
     * Ask a local, per-process bucket instead (the builder's {@code fallback}, by default one of the
     * same capacity and rate): each instance limits itself, so a fleet of {@code n} admits up to
     * {@code n} times the shared limit during the outage.
     */
    LOCAL_FALLBACK
}
