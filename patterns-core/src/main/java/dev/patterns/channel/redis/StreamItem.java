package dev.patterns.channel.redis;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An item of a pipeline fed by a {@link RedisStreamSource}: a value together with the stream
 * delivery it came from. The delivery is settled exactly once, at the end of the item's way
 * through the pipeline: acknowledged when the terminal consumer returned or a stage filtered it
 * out, moved to the dead-letter stream when a stage gave up on it. Until then it stays pending in
 * Redis, so a process that dies between stages loses nothing: another consumer of the group takes
 * the message over after the visibility timeout.
 *
 * <p>Stages pass the delivery along with {@link #withValue(Object)}; the adapters of
 * {@link RedisStreamSource} ({@code map}, {@code filter}, {@code consume}, {@code deadLetter}) do
 * it and settle the delivery for you.
 *
 * <p>Immutable and thread-safe; {@link #withValue(Object)} results share one delivery, and the
 * first settlement Redis confirms wins (later ones do nothing). A settlement that fails (Redis did
 * not answer, the worker was interrupted) leaves the delivery unsettled and pending in Redis, so a
 * later settlement still works; while one is under way, others do nothing.
 *
 * @param <V> the type of the value
 */
public final class StreamItem<V> {

    private static final int OPEN = 0;
    private static final int SETTLING = 1;
    private static final int SETTLED = 2;

    private final Receipt receipt;
    private final V value;

    private StreamItem(Receipt receipt, V value) {
        this.receipt = receipt;
        this.value = value;
    }

    static <E> StreamItem<E> of(StreamDelivery<E> delivery) {
        return new StreamItem<>(new Receipt(delivery), delivery.value());
    }

    /**
     * Returns the value, as the last stage made it.
     *
     * @return the value
     */
    public V value() {
        return value;
    }

    /**
     * Returns the id of the stream entry this item came from.
     *
     * @return the entry id
     */
    public String id() {
        return receipt.delivery.id();
    }

    /**
     * Returns how many times the stream entry has been delivered, this time included.
     *
     * @return the delivery count, 1 the first time
     */
    public long deliveryCount() {
        return receipt.delivery.deliveryCount();
    }

    /**
     * Returns an item with another value and the same delivery.
     *
     * @param value the new value
     * @param <R> the type of the new value
     * @return the new item
     * @throws NullPointerException if {@code value} is null
     */
    public <R> StreamItem<R> withValue(R value) {
        return new StreamItem<>(receipt, Objects.requireNonNull(value, "value"));
    }

    /**
     * Answers whether the delivery was settled: Redis confirmed its acknowledgement or its move to
     * the dead-letter stream.
     *
     * @return whether settled
     */
    public boolean isSettled() {
        return receipt.state.get() == SETTLED;
    }

    /**
     * Acknowledges the delivery unless it is settled or being settled; answers whether this call
     * did. If Redis does not confirm, the delivery stays unsettled and the error is thrown.
     */
    boolean ack() {
        return settle(receipt.delivery::ack);
    }

    /**
     * Dead-letters the delivery unless it is settled or being settled; answers whether this call
     * did. If Redis does not confirm, the delivery stays unsettled and the error is thrown.
     */
    boolean deadLetter(Throwable error) {
        return settle(() -> receipt.delivery.deadLetter(error));
    }

    private boolean settle(Runnable call) {
        if (!receipt.state.compareAndSet(OPEN, SETTLING)) {
            return false;
        }
        boolean confirmed = false;
        try {
            call.run();
            confirmed = true;
        } finally {
            // NOTE: open again on failure: the message is still pending, a later settlement must work
            receipt.state.set(confirmed ? SETTLED : OPEN);
        }
        return true;
    }

    @Override
    public String toString() {
        return "StreamItem[" + id() + ", delivery " + deliveryCount() + ": " + value + "]";
    }

    /** The delivery shared by an item and the items made from it. */
    private static final class Receipt {
        final StreamDelivery<?> delivery;
        /** OPEN, then SETTLING while a call to Redis is under way, then SETTLED, or OPEN again if it failed. */
        final AtomicInteger state = new AtomicInteger(OPEN);

        Receipt(StreamDelivery<?> delivery) {
            this.delivery = delivery;
        }
    }
}
