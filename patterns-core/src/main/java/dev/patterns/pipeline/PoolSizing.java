package dev.patterns.pipeline;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;

/**
 * How many threads or workers a pool needs. Pure functions; thread-safe. The one sizing helper of
 * the library: worker pools, pipeline stages and {@code patterns-async}'s execution layers all use
 * it.
 *
 * <ul>
 * <li>CPU-bound work: one per core ({@link #forCpu()}).
 * <li>Work that blocks part of the time: {@code cores × utilization × (1 + wait / compute)}
 *     keeps every core busy while the other workers wait ({@link #forBlocking}; B. Goetz et al.,
 *     <i>Java Concurrency in Practice</i>, §8.2).
 * <li>A target throughput at a known latency needs {@code arrivals/s × latency} tasks in flight
 *     ({@link #littlesLaw}; Little's law, {@code L = λW}).
 * </ul>
 *
 * <pre>{@code
 * // each call spends ~45 ms waiting for a reply and ~5 ms computing: 2 cores × (1 + 9) = 20
 * int workers = PoolSizing.forBlocking(45, 5);
 * }</pre>
 */
public final class PoolSizing {

    private PoolSizing() {
    }

    /**
     * Returns the number of cores available to this JVM: the size for CPU-bound work.
     *
     * @return {@link Runtime#availableProcessors()}
     */
    public static int forCpu() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Returns {@code cores × (1 + waitTime / computeTime)} for this JVM's cores, rounded up.
     *
     * @param waitTime time each item spends waiting, in any unit
     * @param computeTime time each item spends computing, in the same unit
     * @return the worker count, at least 1
     * @throws IllegalArgumentException if {@code waitTime < 0} or {@code computeTime <= 0}
     */
    public static int forBlocking(double waitTime, double computeTime) {
        return forBlocking(forCpu(), waitTime, computeTime);
    }

    /**
     * Returns {@code cores × (1 + waitTime / computeTime)}, rounded up, capped at
     * {@link Integer#MAX_VALUE}.
     *
     * @param cores the cores to keep busy
     * @param waitTime time each item spends waiting, in any unit
     * @param computeTime time each item spends computing, in the same unit
     * @return the worker count, at least 1
     * @throws IllegalArgumentException if {@code cores < 1}, {@code waitTime < 0} or
     *     {@code computeTime <= 0}, or either time is not a number
     */
    public static int forBlocking(int cores, double waitTime, double computeTime) {
        if (!(waitTime >= 0)) {
            throw new IllegalArgumentException("waitTime: " + waitTime + " (expected: >= 0)");
        }
        if (!(computeTime > 0)) {
            throw new IllegalArgumentException("computeTime: " + computeTime + " (expected: > 0)");
        }
        return blocking(cores, 1.0, waitTime / computeTime);
    }

    /**
     * Returns {@code cores × utilization × (1 + wait / compute)}, rounded up, capped at
     * {@link Integer#MAX_VALUE}.
     *
     * @param cores processors to use, at least 1
     * @param utilization target CPU utilization, in (0, 1]
     * @param wait time a task spends blocked, not negative
     * @param compute time a task spends computing, positive
     * @return the thread count, at least 1
     * @throws IllegalArgumentException if an argument is out of range
     * @throws NullPointerException if {@code wait} or {@code compute} is null
     */
    public static int forBlocking(int cores, double utilization, Duration wait, Duration compute) {
        Objects.requireNonNull(wait, "wait");
        Objects.requireNonNull(compute, "compute");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: " + wait + " (expected: >= 0)");
        }
        if (compute.isNegative() || compute.isZero()) {
            throw new IllegalArgumentException("compute: " + compute + " (expected: > 0)");
        }
        return blocking(cores, utilization, (double) wait.toNanos() / compute.toNanos());
    }

    /**
     * Returns the concurrency needed to sustain {@code arrivalsPerSecond} when each task takes
     * {@code latency}: {@code ceil(arrivalsPerSecond × latency)}, at least 1.
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

    /** The Goetz formula, after the callers have checked their own time arguments. */
    private static int blocking(int cores, double utilization, double waitToCompute) {
        Checks.atLeast("cores", cores, 1);
        if (!(utilization > 0 && utilization <= 1)) {
            throw new IllegalArgumentException("utilization: " + utilization + " (expected: > 0 and <= 1)");
        }
        return clamp(Math.ceil(cores * utilization * (1.0 + waitToCompute)));
    }

    private static int clamp(double value) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, value));
    }
}
