package dev.patterns.actor;

import java.util.Objects;

/**
 * A message a full mailbox dropped under {@code DROP_NEWEST} or {@code DROP_OLDEST}. Handed to the
 * system's drop handler, in the sending thread, and counted.
 *
 * @param recipient the actor whose mailbox dropped it
 * @param message the message
 */
public record DroppedMessage(ActorRef<?> recipient, Object message) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if an argument is null
     */
    public DroppedMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
    }
}
