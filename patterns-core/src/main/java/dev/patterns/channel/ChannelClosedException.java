package dev.patterns.channel;

/**
 * Thrown by a send to a closed {@link Channel}, and by a receive once a closed channel has been
 * drained (end-of-stream). When the channel was ended by {@link Channel#fail(Throwable)}, the
 * failure is this exception's {@linkplain #getCause() cause}.
 */
public final class ChannelClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused, and why
     * @param cause the failure the channel was ended with, or {@code null} if it was closed normally
     * @throws NullPointerException if {@code message} is null
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(java.util.Objects.requireNonNull(message, "message"), cause);
    }
}
