package dev.patterns.resilience;

import java.util.Objects;

/**
 * An immutable snapshot of an {@link IdempotencyGuard}'s counters since it was built, cheap enough
 * to take every second. Every call of {@code execute} ends in exactly one of: it ran the operation
 * ({@code executions}), it got the outcome recorded earlier ({@code replayed}), it waited for a
 * running duplicate and got its outcome ({@code joined}), or it timed out waiting
 * ({@code timedOut}); a call that was interrupted while waiting is in none of them.
 *
 * @param name the guard's name
 * @param executions operations run (the first call of a key, or of a key whose first execution
 *     left no outcome)
 * @param failed of the executions, those that threw an exception (recorded and replayed like a
 *     result)
 * @param abandoned of the executions, those that ended with an interrupt or an {@link Error}:
 *     nothing recorded, the key free again
 * @param replayed calls answered with an outcome that was already recorded
 * @param joined calls that waited for a running duplicate and got its outcome
 * @param timedOut calls that gave up waiting for a running duplicate
 */
public record IdempotencyGuardStats(String name, long executions, long failed, long abandoned, long replayed,
        long joined, long timedOut) {

    /**
     * Checks the name.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public IdempotencyGuardStats {
        Objects.requireNonNull(name, "name");
    }
}
