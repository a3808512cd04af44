package dev.patterns.async;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Recent call latencies, shared by the calls to one backend, answering percentiles: the source of
 * the backup delay of {@link GatherPolicy#hedged(LatencyTracker, double, Duration, int) percentile
 * hedging}.
 *
 * <pre>{@code
 * LatencyTracker latencies = LatencyTracker.create();          // one per backend, shared
 * GatherPolicy hedge = GatherPolicy.hedged(latencies, 95, Duration.ofMillis(50), 2);
 * fanOut.gather(hedge, List.of(replicaA, replicaB));          // feeds latencies as it goes
 * }</pre>
 *
 * <p><b>Precision.</b> Latencies are counted in log-linear buckets: exact below 32 ns, then 32
 * buckets per power of two. A percentile is reported as the midpoint of the bucket holding the
 * nearest-rank sample (the smallest recorded latency with at least {@code percentile}% of the
 * samples at or below it), so it is within 1/64 (about 1.6%) of that sample. Latencies longer
 * than 2<sup>40</sup> ns (about 18 minutes) are counted as 2<sup>40</sup> ns; a bucket counts at
 * most 2<sup>32</sup>-1 samples per window (more are dropped).
 *
 * <p><b>History.</b> Time is cut into windows of {@link LatencyTrackerBuilder#window(Duration)} on the tracker's
 * ticker; {@link #percentileNanos} and {@link #count} see the samples of the current window and
 * the one before, so a sample counts for between one and two windows and then ages out, and the
 * tracker follows a backend whose latency changes. With fewer than {@link #minSamples()} recent
 * samples a percentile is not answered (empty), so that a cold tracker does not set a delay from
 * a handful of calls.
 *
 * <p>Thread-safe and lock-free. {@link #record} allocates nothing and costs a ticker read and two
 * compare-and-set operations (a third while the longest latency ever recorded grows); {@link #percentileNanos} reads two counters per bucket, from the bucket of
 * the longest latency ever recorded down to the answer, and allocates nothing but its result. Memory consistency effects: a {@code record} that returned
 * before a {@code percentileNanos} or {@code count} started (in the same window or the one after)
 * is counted by it; records running at the same time may or may not be.
 */
public sealed interface LatencyTracker permits LogLinearLatencyTracker {

    /**
     * Records one latency.
     *
     * @param latencyNanos the latency in nanoseconds, not negative
     * @throws IllegalArgumentException if {@code latencyNanos} is negative
     */
    void record(long latencyNanos);

    /**
     * Returns the {@code percentile}-th percentile of the recent latencies (nearest rank, within
     * the precision stated above).
     *
     * @param percentile in percent, greater than 0 and at most 100 (95 is the 95th percentile,
     *     99.9 the 99.9th, 100 the maximum)
     * @return the percentile in nanoseconds, or empty if fewer than {@link #minSamples()} recent
     *     samples
     * @throws IllegalArgumentException if {@code percentile} is not in {@code (0, 100]}
     */
    OptionalLong percentileNanos(double percentile);

    /**
     * Returns the name given to the builder, or {@code latency-N}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns a snapshot: the samples of the recent windows and the median, 99th and 99.9th
     * percentiles ({@code -1} below the minimum samples). Reads the buckets three times, so the
     * percentiles of one snapshot may come from a few samples apart while calls record.
     *
     * @return the snapshot
     */
    default LatencyTrackerStats stats() {
        return new LatencyTrackerStats(name(), count(), percentileNanos(50).orElse(-1),
                percentileNanos(99).orElse(-1), percentileNanos(99.9).orElse(-1));
    }

    /**
     * Returns how many samples are recent (in the current window and the one before).
     *
     * @return the number of recent samples
     */
    long count();

    /**
     * Returns how many recent samples a percentile needs.
     *
     * @return the minimum, at least 1
     */
    int minSamples();

    /**
     * Returns the length of one window of history.
     *
     * @return the window
     */
    Duration window();

    /**
     * Returns a tracker with the defaults: windows of 10 seconds (so percentiles describe the
     * last 10 to 20 seconds), at least 100 recent samples for a percentile, the system ticker.
     *
     * @return a new tracker
     */
    static LatencyTracker create() {
        return builder().build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    static LatencyTrackerBuilder builder() {
        return new LatencyTrackerBuilder();
    }
}
