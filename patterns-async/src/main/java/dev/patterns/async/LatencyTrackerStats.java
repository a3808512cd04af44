package dev.patterns.async;

import java.util.Objects;

/**
 * An immutable snapshot of a {@link LatencyTracker}, cheap enough to take every second.
 *
 * @param name the tracker's name
 * @param samples samples in the recent windows
 * @param p50Nanos the median of the recent samples, or {@code -1} below the minimum samples
 * @param p99Nanos the 99th percentile, or {@code -1} below the minimum samples
 * @param p999Nanos the 99.9th percentile, or {@code -1} below the minimum samples
 */
public record LatencyTrackerStats(String name, long samples, long p50Nanos, long p99Nanos, long p999Nanos) {

    /**
     * Checks the name.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public LatencyTrackerStats {
        Objects.requireNonNull(name, "name");
    }
}
