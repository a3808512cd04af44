package dev.patterns.resilience;

import java.util.Objects;

/**
 * Thrown by a wrapped call when a policy refused to run it: the circuit breaker is open, the
 * bulkhead is full, or the token bucket is empty ({@link #reason()} says which).
 *
 * <p>A spent {@link RetryBudget} does not reject a call: the call has already run, so
 * {@link Retry} stops retrying and hands back the last attempt's outcome (its exception, or its
 * result), and counts the denial in {@link RetryStats#budgetDenied()}.
 *
 * <p>Rejection is an expected outcome, so this exception carries no stack trace (it is cheap to
 * create). Code that cannot afford even that uses the permit forms, which answer with a value:
 * {@link CircuitBreaker#tryAcquirePermit()}, {@link Bulkhead#tryEnter()},
 * {@link TokenBucket#tryAcquire(long)}.
 */
public final class CallRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a call was rejected. */
    public enum Reason {
        /** The circuit breaker is open, forced open, or out of half-open probes. */
        CIRCUIT_OPEN,
        /** The bulkhead had no free permit within the wait allowed. */
        BULKHEAD_FULL,
        /** The token bucket had no token. */
        RATE_LIMITED
    }

    /** The reason; never null. */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the call was rejected
     * @param message the detail message, naming the policy and its state
     * @throws NullPointerException if an argument is null
     */
    public CallRejectedException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns why the call was rejected.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
