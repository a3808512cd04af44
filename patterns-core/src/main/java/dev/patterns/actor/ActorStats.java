package dev.patterns.actor;

import java.util.Objects;

/**
 * A snapshot of one actor's counters. Counters are cumulative; {@code mailboxDepth} is a gauge.
 * {@code mailboxNanos} and {@code handlingNanos} are totals over handled messages, measured only
 * when the system was built with {@code timing(true)} (zero otherwise).
 *
 * @param name the actor's name
 * @param mailboxDepth messages waiting now
 * @param capacity the mailbox capacity
 * @param handled messages handled without failure
 * @param failed messages and signals whose handler threw
 * @param restarts restarts by the supervisor
 * @param dropped messages dropped by the overflow policy
 * @param deadLetters messages that arrived after the actor began to stop, or were left when it stopped
 * @param mailboxNanos total time handled messages waited in the mailbox
 * @param handlingNanos total time spent in handlers
 */
public record ActorStats(
        String name,
        int mailboxDepth,
        int capacity,
        long handled,
        long failed,
        long restarts,
        long dropped,
        long deadLetters,
        long mailboxNanos,
        long handlingNanos) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public ActorStats {
        Objects.requireNonNull(name, "name");
    }
}
