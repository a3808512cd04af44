package dev.patterns.resilience;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import dev.patterns.internal.Backoff;
import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/** The immutable configuration of a breaker; {@code 0} means "threshold not set". */
record BreakerConfig(
        String name,
        Ticker ticker,
        int consecutiveFailures,
        double failureRate,
        double slowCallRate,
        long slowCallNanos,
        int countWindow,
        long timeWindowNanos,
        int timeWindowBuckets,
        int minimumCalls,
        long openNanos,
        long maxOpenNanos,
        double openMultiplier,
        int halfOpenProbes,
        long probeTimeoutNanos,
        Predicate<? super Throwable> recordFailure,
        Predicate<? super Throwable> ignoreFailure,
        Predicate<Object> failureResult,
        List<CircuitBreaker.Listener> listeners,
        BiConsumer<CircuitBreaker.Transition, Throwable> listenerErrorHandler,
        boolean callMetrics) {

    BreakerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ticker, "ticker");
        Checks.atLeast("halfOpenProbes", halfOpenProbes, 1);
        Checks.atLeast("openNanos", openNanos, 1);
        Checks.atLeast("probeTimeoutNanos", probeTimeoutNanos, 1);
        Objects.requireNonNull(recordFailure, "recordFailure");
        Objects.requireNonNull(ignoreFailure, "ignoreFailure");
        Objects.requireNonNull(listeners, "listeners");
        Objects.requireNonNull(listenerErrorHandler, "listenerErrorHandler");
    }

    boolean usesWindow() {
        return failureRate > 0 || slowCallRate > 0;
    }

    OutcomeWindow newWindow() {
        if (!usesWindow()) {
            return null;
        }
        return timeWindowNanos > 0 ? new TimeWindow(ticker, timeWindowNanos, timeWindowBuckets)
                : new CountWindow(countWindow);
    }

    /** The open duration after {@code opens} consecutive openings (1 for the first). */
    long openNanosFor(int opens) {
        return Backoff.nanos(openNanos, openMultiplier, opens - 1, maxOpenNanos);
    }
}
