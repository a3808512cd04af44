package dev.patterns.pipeline;

import java.util.Objects;

/**
 * An immutable snapshot of one stage's (or one {@link WorkerPool}'s) counters, cheap enough to
 * take every second: a few volatile reads per worker, no lock.
 *
 * <p>Counters are read one after another while items move, so a snapshot of a running stage is
 * approximate. Once the stage has terminated it is exact, and every item the stage accepted is
 * in exactly one bucket: {@code taken + returnedQueued == done + filtered + deadLettered + failed
 * + returned}, where {@code returnedQueued} are the returned items no worker took.
 *
 * @param name the stage's name
 * @param kind the kind of threads it runs on
 * @param workers how many workers it started
 * @param liveWorkers how many worker threads have not exited yet
 * @param busyWorkers how many workers hold an item now (the rest are idle or gone)
 * @param queueDepth items waiting in the stage's input channel
 * @param queueCapacity the capacity of that channel
 * @param taken items workers took from the input
 * @param inFlight items taken and not yet finished (being processed, retried, waiting to be
 *     passed on, or held for ordering)
 * @param done items processed successfully (for a terminal stage: delivered)
 * @param emitted results passed to the next stage (a one-to-many stage may emit several per item)
 * @param filtered items that produced no result (a filter said no, a map returned null, a
 *     one-to-many step returned nothing)
 * @param retried retries made (not items: an item retried twice counts two)
 * @param failed items whose error failed the stage under the fail-fast policy
 * @param deadLettered items handed to the dead-letter sink
 * @param returned items handed back by {@code shutdownNow} or after a failure
 * @param throughput {@code done} per second since the stage started (until it terminated)
 */
public record StageStats(String name, WorkKind kind, int workers, int liveWorkers, int busyWorkers,
                         int queueDepth, int queueCapacity, long taken, long inFlight, long done,
                         long emitted, long filtered, long retried, long failed, long deadLettered,
                         long returned, double throughput) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code name} or {@code kind} is null
     */
    public StageStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Returns the workers alive and waiting for an item.
     *
     * @return {@code liveWorkers - busyWorkers}, never negative
     */
    public int idleWorkers() {
        return Math.max(0, liveWorkers - busyWorkers);
    }

    /**
     * Returns items finished in any way: done, filtered, dead-lettered, failed or returned.
     *
     * @return the sum of the final buckets
     */
    public long finished() {
        return done + filtered + deadLettered + failed + returned;
    }
}
