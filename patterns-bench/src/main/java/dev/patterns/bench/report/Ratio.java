package dev.patterns.bench.report;

import static java.util.Objects.requireNonNull;

/**
 * How many times as fast ours is as another row, with the range its error intervals allow.
 *
 * <p>For a throughput score (higher is better) the ratio is {@code ours / other}; for a time score
 * (lower is better) it is {@code other / ours}; above 1 ours is faster either way. The range divides
 * the ends of the two 99.9% intervals, the pessimistic end by the optimistic one: for throughput
 * {@code low = (ours - e_ours) / (other + e_other)} and {@code high = (ours + e_ours) / (other - e_other)}.
 * It contains every ratio the two intervals allow, so it is wider than a 99.9% interval of the
 * ratio itself. A lower end below zero is clamped to 0; when the divisor's interval reaches zero
 * the upper end is infinite; when JMH gave no error (one iteration) the range is unknown
 * ({@code NaN}).
 *
 * @param value the ratio of the means
 * @param low the pessimistic end
 * @param high the optimistic end
 */
record Ratio(double value, double low, double high) {

    /** The speed of {@code ours} relative to {@code other}. */
    static Ratio speed(Metric ours, Metric other, boolean higherIsBetter) {
        requireNonNull(ours, "ours");
        requireNonNull(other, "other");
        Metric top = higherIsBetter ? ours : other;
        Metric bottom = higherIsBetter ? other : ours;
        double value = top.score() / bottom.score();
        if (Double.isNaN(top.error()) || Double.isNaN(bottom.error())) {
            return new Ratio(value, Double.NaN, Double.NaN);
        }
        double low = Math.max(0, top.low()) / bottom.high();
        double high = bottom.low() > 0 ? top.high() / bottom.low() : Double.POSITIVE_INFINITY;
        return new Ratio(value, low, high);
    }

    /** A ratio of two single numbers (percentiles have no interval in JMH's output). */
    static Ratio of(double top, double bottom) {
        return new Ratio(top / bottom, Double.NaN, Double.NaN);
    }

    /** True when the range is known. */
    boolean hasRange() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
