package dev.patterns.channel.redis;

/**
 * One message handed to a {@link RedisStreamConsumer}: it stays pending (owned by that consumer)
 * until it is {@linkplain #ack() acknowledged}; one not acknowledged within the visibility timeout
 * is delivered again, possibly to another consumer. Call {@link #ack()} or {@link #fail(Throwable)}
 * once, from any thread.
 *
 * @param <E> the message type
 */
public interface StreamDelivery<E> {

    /**
     * Returns the message.
     *
     * @return the decoded message
     */
    E value();

    /**
     * Returns the stream entry id, e.g. {@code "1733140000000-0"}; the same on every delivery.
     *
     * @return the id
     */
    String id();

    /**
     * Returns how many times the message has been delivered, this time included (1 the first time).
     *
     * @return the delivery count
     */
    long deliveryCount();

    /**
     * Acknowledges the message: it is removed from the stream and never delivered again
     * ({@code XACK} and {@code XDEL}, pipelined: one round trip).
     *
     * @throws IllegalStateException if Redis did not answer
     */
    void ack();

    /**
     * Reports that processing failed: the message is delivered again after the visibility timeout,
     * or, if this was its last allowed delivery, moved to the dead-letter stream with this error now.
     *
     * @param error what went wrong
     * @throws NullPointerException if {@code error} is null
     * @throws IllegalStateException if Redis did not answer
     */
    void fail(Throwable error);

    /**
     * Gives up on the message now, whatever its delivery count: it is copied with this error to the
     * dead-letter stream, then acknowledged and removed, in one script (never dead-lettered twice).
     *
     * @param error why the message is given up
     * @throws NullPointerException if {@code error} is null
     * @throws IllegalStateException if Redis did not answer
     */
    void deadLetter(Throwable error);
}
