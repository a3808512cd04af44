package dev.patterns.channel;

/**
 * Thrown by {@link Channel#send(Object)} (and {@code add}) when the buffer is full and the policy
 * does not block: {@link Overflow#FAIL}, or {@code add} under {@link Overflow#BLOCK}. The element
 * was not accepted; the caller still owns it.
 */
public final class ChannelFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, naming the capacity
     * @throws NullPointerException if {@code message} is null
     */
    public ChannelFullException(String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
    }
}
