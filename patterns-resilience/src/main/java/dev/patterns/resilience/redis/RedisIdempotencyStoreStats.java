package dev.patterns.resilience.redis;

import java.util.Objects;

/**
 * A snapshot of a {@link RedisIdempotencyStore}'s counters, cumulative since it was built.
 *
 * @param name the store's name
 * @param claimed keys this process claimed (its operation ran here)
 * @param replayed lookups answered with a recorded outcome
 * @param waited lookups that found another process running the operation and waited for it
 * @param takenOver waits that ended because the running process's claim expired (it died)
 * @param recorded outcomes this process stored
 * @param lostClaims outcomes not stored because the claim had expired and was taken by another
 * @param redisFailures commands Redis did not answer in time or answered with an error
 * @param inFlight this process's claims whose operation is still running (a gauge)
 */
public record RedisIdempotencyStoreStats(String name, long claimed, long replayed, long waited, long takenOver,
        long recorded, long lostClaims, long redisFailures, int inFlight) {

    /** Checks. */
    public RedisIdempotencyStoreStats {
        Objects.requireNonNull(name, "name");
    }
}
