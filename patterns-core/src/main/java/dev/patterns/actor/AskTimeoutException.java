package dev.patterns.actor;

import java.util.concurrent.TimeoutException;

/**
 * An {@link ActorRef#ask ask} got no reply in time; the message names the actor and the request,
 * e.g. {@code "actor 'account-42' did not answer GetBalance within 100 ms"}.
 */
public final class AskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @throws NullPointerException if {@code message} is null
     * @param message names the actor, the request type and the timeout
     */
    public AskTimeoutException(String message) {
        super(java.util.Objects.requireNonNull(message, "message"));
    }
}
