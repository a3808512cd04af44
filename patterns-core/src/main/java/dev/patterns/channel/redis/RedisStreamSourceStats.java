package dev.patterns.channel.redis;

import java.util.Objects;

/**
 * A snapshot of a {@link RedisStreamSource}'s counters, cumulative since it was made. Every item
 * fed is, once settled, counted exactly once as acknowledged (delivered or filtered out) or
 * dead-lettered; {@code fed - acked - deadLettered} items are in the pipeline or were abandoned by
 * a stop (they stay pending in Redis and come back after the visibility timeout).
 *
 * @param name the source's name
 * @param fed deliveries handed to the pipeline
 * @param acked deliveries acknowledged at the end of the pipeline, filtered ones included
 * @param filtered of those acknowledged, the ones a stage filtered out
 * @param deadLettered deliveries moved to the dead-letter stream because a stage gave up on them
 */
public record RedisStreamSourceStats(String name, long fed, long acked, long filtered, long deadLettered) {

    /**
     * Checks.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public RedisStreamSourceStats {
        Objects.requireNonNull(name, "name");
    }
}
