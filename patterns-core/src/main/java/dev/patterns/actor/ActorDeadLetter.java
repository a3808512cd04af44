package dev.patterns.actor;

import java.util.Objects;

/**
 * A message that reached an actor which had stopped (or was stopping), or a reply that arrived
 * after its ask had completed. Handed to the system's dead-letter handler and counted.
 *
 * @param recipient where the message was sent
 * @param message the message
 */
public record ActorDeadLetter(ActorRef<?> recipient, Object message) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if an argument is null
     */
    public ActorDeadLetter {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
    }
}
