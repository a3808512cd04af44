package dev.patterns.async;

/**
 * Counters of a {@link SingleFlight}, since it was built. Immutable.
 *
 * <p>Every call either started an execution or shared one:
 * {@code calls == executions + sharedCalls}. Every execution ends in exactly one of: its
 * value, a failure ({@code failures}), cancellation because every waiter left
 * ({@code abandoned}), or is still running; forgotten executions still end in one of these.
 *
 * @param executions executions started (loader runs handed to the executor)
 * @param calls calls of every form ({@code call}, {@code callShared}, {@code callAsync})
 * @param sharedCalls calls that joined an execution another call had started
 * @param failures executions that ended in the loader's exception, a {@code null} value, or a
 *     rejection by the executor
 * @param waitersLeft waiters that gave up before the value came: interrupted, timed out, or
 *     their own future completed or cancelled by the caller
 * @param abandoned executions cancelled because their last waiter left (only with
 *     {@link SingleFlightBuilder#cancelWhenAbandoned(boolean)})
 * @param inFlight keys with an execution in flight now (an estimate, see {@link SingleFlight#inFlight()})
 */
public record SingleFlightStats(long executions, long calls, long sharedCalls, long failures, long waitersLeft, long abandoned,
        int inFlight) {}
