package dev.patterns.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable states of a {@link DefaultCircuitBreaker}. A transition replaces the whole state by
 * compare-and-set and increments the generation; the only mutable parts are the closed state's
 * counters, which belong to that one closed period and are dropped with it.
 */
sealed interface BreakerState {

    /** Increases by one per transition; the permit a state issues. */
    long generation();

    /** Ticker reading when this state was entered. */
    long sinceNanos();

    CircuitBreaker.State kind();

    /**
     * Calls pass and are counted in {@code window} (null if no rate threshold is configured) and
     * {@code consecutiveFailures}.
     */
    record Closed(long generation, long sinceNanos, OutcomeWindow window, AtomicInteger consecutiveFailures)
            implements BreakerState {
        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.CLOSED;
        }
    }

    /** Calls are rejected until {@code untilNanos}; {@code opens} counts openings in a row (backoff). */
    record Open(long generation, long sinceNanos, long untilNanos, int opens) implements BreakerState {
        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.OPEN;
        }
    }

    /**
     * Up to {@code halfOpenProbes} probes are admitted; {@code admitted} were (minus released ones),
     * {@code succeeded} reported success; {@code progressNanos} is the last admission or report,
     * from which the probe timeout runs.
     */
    record HalfOpen(long generation, long sinceNanos, int admitted, int succeeded, long progressNanos, int opens)
            implements BreakerState {

        public HalfOpen {
            assert 0 <= succeeded && succeeded <= admitted : "succeeded " + succeeded + " admitted " + admitted;
        }

        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.HALF_OPEN;
        }

        HalfOpen admit(long now) {
            return new HalfOpen(generation, sinceNanos, admitted + 1, succeeded, now, opens);
        }

        HalfOpen release(long now) {
            return new HalfOpen(generation, sinceNanos, admitted - 1, succeeded, now, opens);
        }

        HalfOpen succeed(long now) {
            return new HalfOpen(generation, sinceNanos, admitted, succeeded + 1, now, opens);
        }

        boolean probesInFlight() {
            return admitted > succeeded;
        }
    }

    /** Calls are rejected until a manual transition. */
    record ForcedOpen(long generation, long sinceNanos) implements BreakerState {
        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.FORCED_OPEN;
        }
    }

    /** Calls pass uncounted until a manual transition. */
    record Disabled(long generation, long sinceNanos) implements BreakerState {
        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.DISABLED;
        }
    }
}
