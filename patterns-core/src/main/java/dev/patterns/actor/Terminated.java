package dev.patterns.actor;

import java.util.Objects;
import java.util.Optional;

/**
 * An actor this actor watched, or a child of this actor, has stopped.
 *
 * @param actor the actor that stopped
 * @param failure the failure that stopped it, if a failure did
 */
public record Terminated(ActorRef<?> actor, Optional<Throwable> failure) implements Signal {

    /**
     * Validates the signal.
     *
     * @throws NullPointerException if an argument is null
     */
    public Terminated {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(failure, "failure");
    }
}
