package dev.patterns.channel.redis;

import java.util.Objects;

/**
 * A snapshot of a {@link RedisStreamSource}'s counters, cumulative since it was made. Every item
 * fed is, once its way through the pipeline ended, counted exactly once as acknowledged (delivered
 * or filtered out), dead-lettered, or {@code ackFailed}; {@code fed - acked - deadLettered - ackFailed}
 * items are in the pipeline or were abandoned unsettled (they stay pending in Redis and come back
 * after the visibility timeout).
 *
 * @param name the source's name
 * @param fed deliveries handed to the pipeline
 * @param acked deliveries acknowledged at the end of the pipeline, filtered ones included
 * @param filtered of those acknowledged, the ones a stage filtered out
 * @param deadLettered deliveries moved to the dead-letter stream because a stage gave up on them
 * @param ackFailed deliveries whose acknowledgement (or move to the dead-letter stream) Redis did
 *     not confirm, or that was interrupted: the stage's work was done and is not repeated here; the
 *     message stays pending and is delivered again after the visibility timeout
 * @param extended times the consumer's reclaim returned a message this source still had in the
 *     pipeline (held longer than the visibility timeout): not fed again, not dead-lettered; the
 *     claim only restarted its visibility timeout. Above zero, the visibility timeout is shorter
 *     than the time items spend in the pipeline, and another consumer may take them over meanwhile
 */
public record RedisStreamSourceStats(String name, long fed, long acked, long filtered, long deadLettered,
        long ackFailed, long extended) {

    /**
     * Checks.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public RedisStreamSourceStats {
        Objects.requireNonNull(name, "name");
    }
}
