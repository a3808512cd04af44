package dev.patterns.actor;

/**
 * Thrown by {@link ActorRef#tell(Object)} when the mailbox is full and its overflow is
 * {@code FAIL}; the message was not sent.
 */
public final class MailboxFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @throws NullPointerException if {@code message} is null
     * @param message names the actor and the capacity
     */
    public MailboxFullException(String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
    }
}
