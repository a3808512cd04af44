package dev.patterns.pipeline;

import java.util.Objects;

import dev.patterns.internal.Checks;

/**
 * An item a stage gave up on, with the error, handed to the stage's dead-letter sink under
 * {@link ErrorPolicy#deadLetter(String, java.util.function.Consumer)}.
 *
 * @param stage the name of the stage (or pool) that gave up
 * @param sink the name of the dead-letter sink it was sent to
 * @param item the input item, as the stage received it
 * @param error what the last attempt threw
 * @param attempts how many times the function was tried
 */
public record DeadLetter(String stage, String sink, Object item, Throwable error, int attempts) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a reference component is null
     * @throws IllegalArgumentException if {@code attempts < 1}
     */
    public DeadLetter {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(error, "error");
        Checks.atLeast("attempts", attempts, 1);
    }
}
