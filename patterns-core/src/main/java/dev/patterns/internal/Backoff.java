package dev.patterns.internal;

/**
 * The exponential backoff formula, written once: {@code initial × multiplier^step}, capped.
 * Used by the pipeline's retry policy, {@code Retry}, and the circuit breaker's open duration.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * Returns {@code min(cap, initialNanos × multiplier^step)}, without overflow.
     *
     * @param initialNanos the first bound, at least 0
     * @param multiplier the growth factor, at least 1 and finite (see {@link Checks#multiplier})
     * @param step how many times the bound has grown: 0 for the first wait
     * @param capNanos the largest bound, at least 0
     * @return the bound in nanoseconds
     */
    public static long nanos(long initialNanos, double multiplier, int step, long capNanos) {
        if (step <= 0 || multiplier == 1.0) {
            return Math.min(initialNanos, capNanos); // exact: no round trip through double
        }
        double grown = initialNanos * Math.pow(multiplier, step);
        return grown >= capNanos ? capNanos : (long) grown;
    }
}
