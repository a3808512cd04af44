package dev.patterns.channel;

/**
 * An immutable snapshot of a {@link Channel}'s counters, cheap enough to take every second.
 *
 * <p>The counters are read one after another without stopping the channel, so a snapshot taken
 * while elements move is approximate; at any quiescent point (no send or receive in progress) it is
 * exact and {@code sent == received + dropped + size}.
 *
 * @param capacity the bound on buffered elements
 * @param size elements buffered now
 * @param sent elements the channel took responsibility for (buffered, or dropped under a drop policy)
 * @param received elements handed to receivers (including by {@code drainTo})
 * @param dropped elements handed to the drop handler under {@link Overflow#DROP_NEWEST} or
 *     {@link Overflow#DROP_OLDEST}
 * @param closed whether the channel accepts no more sends
 * @param failure the cause given to {@link Channel#fail(Throwable)}, or {@code null}
 * @param blockedSenders senders parked waiting for space now (overflow {@code BLOCK}); an
 *     estimate, read without the waiters' lock
 */
public record ChannelStats(
        int capacity, int size, long sent, long received, long dropped, boolean closed, Throwable failure,
        int blockedSenders) {

    /**
     * A snapshot with no blocked sender.
     *
     * @param capacity the bound on buffered elements
     * @param size elements buffered now
     * @param sent elements the channel took responsibility for
     * @param received elements handed to receivers
     * @param dropped elements handed to the drop handler
     * @param closed whether the channel accepts no more sends
     * @param failure the cause given to {@link Channel#fail(Throwable)}, or {@code null}
     */
    public ChannelStats(int capacity, int size, long sent, long received, long dropped, boolean closed,
            Throwable failure) {
        this(capacity, size, sent, received, dropped, closed, failure, 0);
    }
}
