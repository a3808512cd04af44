package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/**
 * A retry budget over a {@link TimeWindow}: calls are counted in its call field, retries in its
 * failure field (a retry record carries no call), so both slide with ticker time.
 */
final class WindowedRetryBudget implements RetryBudget {

    private static final int BUCKETS = 10;

    private final double ratio;
    private final int minRetries;
    private final TimeWindow window;

    static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    private final String name;

    WindowedRetryBudget(String name, double ratio, int minRetries, Duration window, Ticker ticker) {
        this.name = name;
        if (!(ratio >= 0.0 && ratio <= 1000.0)) {
            throw new IllegalArgumentException("ratio: " + ratio + " (expected: in [0, 1000])");
        }
        this.ratio = ratio;
        this.minRetries = Checks.atLeast("minRetries", minRetries, 0);
        long nanos = Checks.nanos("window", window, false);
        if (nanos < BUCKETS) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= " + BUCKETS + "ns)");
        }
        this.window = new TimeWindow(Objects.requireNonNull(ticker, "ticker"), nanos, BUCKETS);
    }

    @Override
    public void recordCall() {
        window.record(OutcomeWindow.CALL);
    }

    @Override
    public boolean tryAcquireRetry() {
        if (available(window.snapshot()) <= 0) {
            return false;
        }
        window.record(OutcomeWindow.FAILURE);
        return true;
    }

    private long available(long snapshot) {
        long allowed = (long) (ratio * OutcomeWindow.calls(snapshot)) + minRetries;
        return Math.max(0L, allowed - OutcomeWindow.failures(snapshot));
    }

    @Override
    public RetryBudgetStats stats() {
        long snapshot = window.snapshot();
        return new RetryBudgetStats(OutcomeWindow.calls(snapshot), OutcomeWindow.failures(snapshot), available(snapshot));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "RetryBudget[" + name + ", ratio=" + ratio + ", minRetries=" + minRetries + ", " + stats() + "]";
    }
}
