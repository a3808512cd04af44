package dev.patterns.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * What {@code shutdownNow} found: the items that never ran, and the workers that did not stop
 * within the grace period.
 *
 * @param unprocessed items no worker finished, handed back to the caller (each counted as
 *     returned); for a pipeline, each item is of the type of the stage it was waiting at
 * @param stuckWorkers one line per worker thread still alive when the grace period ended (it
 *     ignored its interrupt), naming the thread and the item it holds; empty if all stopped
 * @param terminated whether every thread ended within the grace period
 * @param <T> the type of the unprocessed items
 */
public record ShutdownReport<T>(List<T> unprocessed, List<String> stuckWorkers, boolean terminated) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list is null
     */
    public ShutdownReport {
        unprocessed = List.copyOf(Objects.requireNonNull(unprocessed, "unprocessed"));
        stuckWorkers = List.copyOf(Objects.requireNonNull(stuckWorkers, "stuckWorkers"));
    }
}
