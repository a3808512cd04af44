package dev.patterns.pipeline;

/**
 * How many workers a pool needs. For work that blocks, the classic estimate
 * {@code cores × (1 + wait / compute)} keeps every core busy while the other workers wait
 * (B. Goetz et al., <i>Java Concurrency in Practice</i>, §8.2); for CPU work, one per core.
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
     * Returns the number of cores available to this JVM.
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
        if (cores < 1) {
            throw new IllegalArgumentException("cores: " + cores + " (expected: >= 1)");
        }
        if (!(waitTime >= 0)) {
            throw new IllegalArgumentException("waitTime: " + waitTime + " (expected: >= 0)");
        }
        if (!(computeTime > 0)) {
            throw new IllegalArgumentException("computeTime: " + computeTime + " (expected: > 0)");
        }
        double n = Math.ceil(cores * (1.0 + waitTime / computeTime));
        return n >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, (int) n);
    }
}
