package dev.patterns.channel.redis;

import java.time.Duration;

/**
 * The sending side of a Redis stream. Each send is one command and one round trip (an
 * {@code EVALSHA} that checks the bound and the end-of-stream mark, then {@code XADD}s); concurrent
 * senders share one connection, so their commands are pipelined.
 *
 * <p>The stream is bounded by {@code capacity} entries that are not yet acknowledged (acknowledged
 * entries are deleted, so that is the stream's length): a send that finds it full waits, polling
 * with a back-off from 1 to 50 ms ({@link #send(Object)}), up to a timeout
 * ({@link #send(Object, Duration)}), or answers {@code false} at once ({@link #trySend(Object)}).
 * A send that returned normally is in Redis (as durable as the server's persistence settings make
 * it) and will be delivered at least once.
 *
 * <p>{@link #close()} marks the end of the stream: further sends from any producer fail, and
 * consumers see the end once every entry has been acknowledged. Thread-safe.
 *
 * @param <E> the message type
 */
public interface RedisStreamProducer<E> extends AutoCloseable {

    /**
     * Sends {@code message}, blocking while the stream is full.
     *
     * @param message the message
     * @throws InterruptedException if interrupted while waiting for room
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalStateException if the stream was closed, or Redis did not answer in time
     */
    void send(E message) throws InterruptedException;

    /**
     * Sends {@code message}, waiting at most {@code timeout} for room.
     *
     * @param message the message
     * @param timeout the longest wait; zero or negative means do not wait
     * @return whether it was sent
     * @throws InterruptedException if interrupted while waiting for room
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the stream was closed, or Redis did not answer in time
     */
    boolean send(E message, Duration timeout) throws InterruptedException;

    /**
     * Sends {@code message} if the stream has room; never waits for room.
     *
     * @param message the message
     * @return whether it was sent
     * @throws NullPointerException if {@code message} is null
     * @throws IllegalStateException if the stream was closed, or Redis did not answer in time
     */
    boolean trySend(E message);

    /**
     * Returns the counters.
     *
     * @return the stats
     */
    RedisStreamStats stats();

    /**
     * Marks the end of the stream (consumers see it once everything sent was acknowledged) and
     * closes the connection if the builder opened it.
     *
     * @throws IllegalStateException if Redis did not answer (the mark may be missing)
     */
    @Override
    void close();
}
