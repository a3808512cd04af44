package dev.patterns.async;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.patterns.internal.Checks;
import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

/** Builds a {@link LatencyTracker}. Not thread-safe; {@link #build()} may be called repeatedly. */
public final class LatencyTrackerBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String name;
    private Duration window = Duration.ofSeconds(10);
    private int minSamples = 100;
    private Ticker ticker = Ticker.system();

    LatencyTrackerBuilder() {
    }

    /**
     * Sets the length of one window of history: samples count for between one and two
     * windows.
     *
     * @param window at least one millisecond
     * @return this builder
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if {@code window} is shorter than one millisecond
     */
    public LatencyTrackerBuilder window(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= PT0.001S)");
        }
        this.window = window;
        return this;
    }

    /**
     * Sets how many recent samples a percentile needs; with fewer,
     * {@link LatencyTracker#percentileNanos} answers empty. For the p-th percentile to mean
     * something, give it at least {@code 100 / (100 - p)} samples (20 for p95, 100 for p99).
     *
     * @param minSamples at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code minSamples < 1}
     */
    public LatencyTrackerBuilder minSamples(int minSamples) {
        this.minSamples = Checks.atLeast("minSamples", minSamples, 1);
        return this;
    }

    /**
     * Cuts windows on {@code ticker} (a {@link dev.patterns.time.FakeTicker} in tests).
     *
     * @param ticker the time source
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public LatencyTrackerBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets the name used in {@code toString}, stats and metric tags; {@code latency-N} by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public LatencyTrackerBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Returns a new, empty tracker with this builder's settings.
     *
     * @return the tracker
     */
    public LatencyTracker build() {
        String n = name != null ? name : "latency-" + SEQUENCE.incrementAndGet();
        return new LogLinearLatencyTracker(n, Deadline.saturatedNanos(window), minSamples, ticker);
    }
}
