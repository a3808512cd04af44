package dev.patterns.actor;

/**
 * Delivered to the failed behaviour before its supervisor restarts the actor from its initial
 * behaviour; whatever the handler returns is ignored.
 *
 * @param failure what the handler threw
 */
public record PreRestart(Throwable failure) implements Signal {

    /**
     * Validates the signal.
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public PreRestart {
        java.util.Objects.requireNonNull(failure, "failure");
    }
}
