package dev.patterns.actor;

import java.util.Objects;

/**
 * A snapshot of a system's counters, summed over all its actors (including stopped ones); cheap
 * to poll whatever the number of actors. {@code actors} is a gauge; the rest are cumulative.
 * Nothing is lost silently: every message sent to an actor is, once the system is quiescent,
 * counted in {@code handled}, {@code failed}, {@code dropped} or {@code deadLetters}, returned by
 * {@code stopNow()}/{@code shutdownNow()}, or refused to its sender ({@code false} or an exception).
 *
 * @param name the system's name
 * @param actors actors alive now
 * @param spawned actors spawned so far
 * @param stopped actors that have stopped
 * @param handled messages handled without failure
 * @param failed messages and signals whose handler threw
 * @param restarts restarts by supervisors
 * @param dropped messages dropped by overflow policies
 * @param deadLetters dead letters
 * @param mailboxNanos total time handled messages waited in mailboxes ({@code timing(true)} only)
 * @param handlingNanos total time spent in handlers ({@code timing(true)} only)
 */
public record ActorSystemStats(
        String name,
        long actors,
        long spawned,
        long stopped,
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
    public ActorSystemStats {
        Objects.requireNonNull(name, "name");
    }
}
