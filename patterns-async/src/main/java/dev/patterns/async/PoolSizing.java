package dev.patterns.async;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizing rules for thread pools. Pure functions; thread-safe.
 *
 * <ul>
 * <li>CPU-bound work: one thread per available processor ({@link #cpuBound()}).
 * <li>Work that blocks part of the time: {@code threads = cores * utilization * (1 + wait/compute)}
 * ({@link #forBlocking}) — the rule in Goetz et al., <i>Java Concurrency in Practice</i>, §8.2.
 * <li>A target throughput at a known latency needs {@code concurrency = arrivals/s * latency}
 * tasks in flight ({@link #littlesLaw}) — Little's law, {@code L = λW}.
 * </ul>
 */
public final class PoolSizing {

    private PoolSizing() {}

    /**
     * Returns the thread count for CPU-bound work: the available processors.
     *
     * @return at least 1
     */
    public static int cpuBound() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Returns {@code ceil(cores * utilization * (1 + wait / compute))}, at least 1.
     *
     * @param cores processors to use, at least 1
     * @param utilization target CPU utilization, in (0, 1]
     * @param wait time a task spends blocked, not negative
     * @param compute time a task spends computing, positive
     * @return the thread count, capped at {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if an argument is out of range
     * @throws NullPointerException if {@code wait} or {@code compute} is null
     */
    public static int forBlocking(int cores, double utilization, Duration wait, Duration compute) {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(compute, "compute");
        if (cores < 1) {
            throw new IllegalArgumentException("cores: " + cores + " (expected: >= 1)");
        }
        if (!(utilization > 0 && utilization <= 1)) {
            throw new IllegalArgumentException("utilization: " + utilization + " (expected: > 0 and <= 1)");
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: " + wait + " (expected: >= 0)");
        }
        if (compute.isNegative() || compute.isZero()) {
            throw new IllegalArgumentException("compute: " + compute + " (expected: > 0)");
        }
        double ratio = (double) wait.toNanos() / compute.toNanos();
        return clamp(Math.ceil(cores * utilization * (1 + ratio)));
    }

    /**
     * Returns the concurrency needed to sustain {@code arrivalsPerSecond} when each task takes
     * {@code latency}: {@code ceil(arrivalsPerSecond * latency)}, at least 1.
     *
     * @param arrivalsPerSecond tasks per second, positive
     * @param latency time per task, not negative
     * @return the concurrency, capped at {@link Integer#MAX_VALUE}
     * @throws IllegalArgumentException if an argument is out of range
     * @throws NullPointerException if {@code latency} is null
     */
    public static int littlesLaw(double arrivalsPerSecond, Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (!(arrivalsPerSecond > 0) || Double.isInfinite(arrivalsPerSecond)) {
            throw new IllegalArgumentException("arrivalsPerSecond: " + arrivalsPerSecond + " (expected: > 0)");
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency: " + latency + " (expected: >= 0)");
        }
        return clamp(Math.ceil(arrivalsPerSecond * latency.toNanos() / 1e9));
    }

    private static int clamp(double value) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
    }
}
