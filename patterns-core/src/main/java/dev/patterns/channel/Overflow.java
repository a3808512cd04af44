package dev.patterns.channel;

/**
 * What a {@link Channel} does with a send when its buffer is full.
 *
 * <p>Whatever the policy, no element is lost silently: an element the channel does not keep is
 * either refused (the caller still owns it) or handed to the channel's drop handler and counted in
 * {@link ChannelStats#dropped()}.
 */
public enum Overflow {
    /** The sender waits for space: backpressure. {@code trySend} answers {@code false}. The default. */
    BLOCK,
    /**
     * The element being sent is handed to the drop handler instead of being buffered; the send
     * succeeds at once. For telemetry where the newest sample is the least valuable.
     */
    DROP_NEWEST,
    /**
     * The oldest buffered element is evicted to the drop handler to make room for the one being
     * sent; the send succeeds at once. For "latest state wins" feeds.
     */
    DROP_OLDEST,
    /**
     * The send is refused at once: {@code send} throws {@link ChannelFullException},
     * {@code trySend} answers {@code false}. For callers that must shed load themselves.
     */
    FAIL
}
