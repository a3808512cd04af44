package dev.patterns.actor;

import dev.patterns.channel.Overflow;
import dev.patterns.internal.Checks;
import java.util.Objects;

/**
 * The settings of one actor's mailbox: how many messages may wait, and what a send to a full
 * mailbox does. Immutable. The mailbox allocates its buffer as messages arrive, not up front, so
 * a large capacity costs nothing while the actor is idle.
 *
 * @param capacity how many messages may wait; at least 1
 * @param overflow what a send to a full mailbox does
 */
public record Mailbox(int capacity, Overflow overflow) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if {@code capacity < 1}
     * @throws NullPointerException if {@code overflow} is null
     */
    public Mailbox {
        Checks.atLeast("capacity", capacity, 1);
        Objects.requireNonNull(overflow, "overflow");
    }

    /**
     * Returns a mailbox of {@code capacity} whose senders wait for space (backpressure).
     *
     * @param capacity how many messages may wait
     * @return the settings
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static Mailbox bounded(int capacity) {
        return new Mailbox(capacity, Overflow.BLOCK);
    }

    /**
     * Returns a mailbox of {@code capacity} with an overflow policy.
     *
     * @param capacity how many messages may wait
     * @param overflow what a send to a full mailbox does
     * @return the settings
     * @throws IllegalArgumentException if {@code capacity < 1}
     * @throws NullPointerException if {@code overflow} is null
     */
    public static Mailbox bounded(int capacity, Overflow overflow) {
        return new Mailbox(capacity, overflow);
    }
}
