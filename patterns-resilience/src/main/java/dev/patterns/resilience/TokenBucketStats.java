package dev.patterns.resilience;

import java.util.Objects;

/**
 * An immutable snapshot of a {@link TokenBucket}, cheap enough to take every second.
 *
 * @param name the bucket's name
 * @param capacity the most tokens the bucket holds (the largest burst)
 * @param available tokens available now (an estimate: other callers may take them at any moment), or
 *        {@code -1} where the bucket cannot tell without a round trip (a Redis-backed bucket)
 * @param rejected requests refused so far, by every form (cumulative)
 */
public record TokenBucketStats(String name, long capacity, long available, long rejected) {

    /**
     * Checks the name.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public TokenBucketStats {
        Objects.requireNonNull(name, "name");
    }
}
