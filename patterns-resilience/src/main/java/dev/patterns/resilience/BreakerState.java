package dev.patterns.resilience;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The immutable states of a {@link DefaultCircuitBreaker}. A transition replaces the whole state by
 * compare-and-set and increments the generation; the only mutable parts are the closed state's
 * counters, which belong to that one closed period and are dropped with it.
 *
 * <p>Every transition is a pure function here: it computes the next state from this state, the
 * time and the configuration, and has no side effect but allocating that state, so a CAS loop may
 * call it any number of times. The breaker applies the result by CAS and publishes the winner.
 * Legal transitions:
 * <pre>
 *   CLOSED    --trip------> OPEN          a threshold was crossed
 *   OPEN      --halfOpen--> HALF_OPEN     the open duration elapsed (admits the first probe)
 *   HALF_OPEN --reopen----> OPEN          a probe failed, was slow, or never reported (backoff grows)
 *   HALF_OPEN --close-----> CLOSED        every probe succeeded
 *   any       --forceOpen / disable / reset--> FORCED_OPEN / DISABLED / CLOSED   (manual)
 * </pre>
 */
sealed interface BreakerState {

    /** A fresh closed period: new counters, a new window. */
    static Closed closed(long generation, long now, BreakerConfig config) {
        return new Closed(generation, now, config.newWindow(), new AtomicInteger());
    }

    /** Increases by one per transition; the permit a state issues. */
    long generation();

    /** Ticker reading when this state was entered. */
    long sinceNanos();

    CircuitBreaker.State kind();

    /** Manual: reject every call until the next manual transition. */
    default ForcedOpen forceOpen(long now) {
        return new ForcedOpen(generation() + 1, now);
    }

    /** Manual: let every call pass uncounted until the next manual transition. */
    default Disabled disable(long now) {
        return new Disabled(generation() + 1, now);
    }

    /** Manual: a fresh closed period, whatever the state. */
    default Closed reset(long now, BreakerConfig config) {
        return closed(generation() + 1, now, config);
    }

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

        /** A threshold was crossed: open for the first open duration. */
        Open trip(long now, BreakerConfig config) {
            return new Open(generation + 1, now, now + config.openNanosFor(1), 1);
        }
    }

    /** Calls are rejected until {@code untilNanos}; {@code opens} counts openings in a row (backoff). */
    record Open(long generation, long sinceNanos, long untilNanos, int opens) implements BreakerState {
        @Override
        public CircuitBreaker.State kind() {
            return CircuitBreaker.State.OPEN;
        }

        /** Whether the open duration has elapsed at {@code now}. */
        boolean elapsed(long now) {
            return now - untilNanos >= 0;
        }

        /** The open duration elapsed: half-open, with the caller's call admitted as the first probe. */
        HalfOpen halfOpen(long now) {
            return new HalfOpen(generation + 1, now, 1, 0, now, opens);
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

        /** Whether a probe is in flight and nothing was admitted or reported for the probe timeout. */
        boolean probeExpired(long now, BreakerConfig config) {
            return probesInFlight() && now - progressNanos >= config.probeTimeoutNanos();
        }

        /** A probe failed, was slow or never reported: open again, for a longer duration (backoff). */
        Open reopen(long now, BreakerConfig config) {
            return new Open(generation + 1, now, now + config.openNanosFor(opens + 1), opens + 1);
        }

        /** Every probe succeeded: a fresh closed period. */
        Closed close(long now, BreakerConfig config) {
            return closed(generation + 1, now, config);
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
