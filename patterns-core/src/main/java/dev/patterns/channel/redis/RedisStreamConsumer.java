package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * One named consumer of a Redis stream's consumer group: at-least-once delivery. Each call of
 * {@link #receive(int, Duration)} first takes over deliveries left unacknowledged longer than the
 * visibility timeout by any consumer of the group, this one included ({@code XAUTOCLAIM}; those
 * past their last allowed delivery go to the dead-letter stream instead, with their last recorded
 * error): a delivery still being processed past the timeout is delivered again
 * ({@link RedisStreamSource} keeps track of its own). Then it reads new messages in a batch
 * ({@code XREADGROUP ... COUNT n BLOCK ms}) on a connection of its own, so blocking reads never
 * hold up acknowledgements.
 *
 * <p>Thread-safe; receiving threads take turns (one blocking read at a time), acknowledgements
 * may come from any thread. Give each process its own consumer name: a name owns its pending
 * deliveries; after a crash they come back (to any consumer of the group, this name included) once
 * the visibility timeout has passed.
 *
 * @param <E> the message type
 */
public interface RedisStreamConsumer<E> extends AutoCloseable {

    /**
     * Receives up to {@code max} deliveries, waiting at most {@code timeout} for the first.
     *
     * @param max the most deliveries returned, at least 1
     * @param timeout the longest wait; zero or negative means do not wait
     * @return the deliveries, empty if none came in time or the stream {@linkplain #isEndOfStream() ended}
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code max < 1}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if Redis did not answer in time
     */
    List<StreamDelivery<E>> receive(int max, Duration timeout) throws InterruptedException;

    /**
     * Acknowledges several deliveries in one round trip.
     *
     * @param deliveries deliveries received from this consumer
     * @throws NullPointerException if {@code deliveries} is null
     * @throws IllegalStateException if Redis did not answer
     */
    void ack(Collection<? extends StreamDelivery<E>> deliveries);

    /**
     * Answers whether the producers closed the stream and every entry was acknowledged; once
     * true, stays true.
     *
     * @return whether the stream ended
     */
    boolean isEndOfStream();

    /**
     * Returns the counters.
     *
     * @return the stats
     */
    RedisStreamStats stats();

    /**
     * Closes the connections if the builder opened them; deliveries not acknowledged stay pending
     * and are reclaimed by another consumer after the visibility timeout.
     */
    @Override
    void close();
}
