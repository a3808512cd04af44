package dev.patterns.channel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.patterns.internal.Checks;

/**
 * Configures and creates {@link Channel}s. Not thread-safe; {@link #build()} may be called again
 * to create further, independent channels with the same settings.
 *
 * <pre>{@code
 * Channel<Reading> latest = Channel.<Reading>builder(256)
 *         .overflow(Overflow.DROP_OLDEST)
 *         .onDrop(stale -> staleReadings.increment())
 *         .build();
 * }</pre>
 *
 * @param <E> the type of elements
 */
public final class ChannelBuilder<E> {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final int capacity;
    private String name;
    private Overflow overflow = Overflow.BLOCK;
    private Consumer<? super E> dropHandler = dropped -> { };

    ChannelBuilder(int capacity) {
        Checks.atLeast("capacity", capacity, 1);
        this.capacity = capacity;
    }

    /**
     * Sets the name used in {@code toString}, JFR events and metric tags; {@code channel-N} by
     * default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public ChannelBuilder<E> name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets what a send does when the channel is full; {@link Overflow#BLOCK} by default.
     *
     * @param overflow the policy
     * @return this builder
     * @throws NullPointerException if {@code overflow} is null
     */
    public ChannelBuilder<E> overflow(Overflow overflow) {
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        return this;
    }

    /**
     * Sets where elements dropped under {@link Overflow#DROP_NEWEST} or
     * {@link Overflow#DROP_OLDEST} go. The handler runs in the sending thread, after the element
     * left the buffer; an exception it throws propagates to that sender (the element still counts
     * as dropped). By default dropped elements are only counted.
     *
     * @param dropHandler receives each dropped element
     * @return this builder
     * @throws NullPointerException if {@code dropHandler} is null
     */
    public ChannelBuilder<E> onDrop(Consumer<? super E> dropHandler) {
        this.dropHandler = Objects.requireNonNull(dropHandler, "dropHandler");
        return this;
    }

    /**
     * Creates a new, open, empty channel with these settings.
     *
     * @return the channel
     */
    public Channel<E> build() {
        String channelName = name != null ? name : "channel-" + SEQUENCE.incrementAndGet();
        return new ArrayChannel<>(channelName, capacity, overflow, dropHandler);
    }
}
