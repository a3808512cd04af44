package dev.patterns.channel.redis;

import java.util.Objects;

/**
 * A snapshot of one producer's or consumer's counters, cumulative since it was built; the side
 * that does not apply stays zero.
 *
 * @param name the producer's or consumer's name
 * @param sent messages the stream accepted from this producer
 * @param refusedFull sends that answered {@code false} because the stream stayed full
 * @param received deliveries handed to this consumer, reclaimed ones included
 * @param reclaimed deliveries this consumer took over from others after the visibility timeout
 * @param acked deliveries this consumer acknowledged
 * @param failed deliveries this consumer reported as failed
 * @param deadLettered messages this consumer moved to the dead-letter stream
 */
public record RedisStreamStats(String name, long sent, long refusedFull, long received, long reclaimed, long acked,
        long failed, long deadLettered) {

    /** Checks. */
    public RedisStreamStats {
        Objects.requireNonNull(name, "name");
    }
}
