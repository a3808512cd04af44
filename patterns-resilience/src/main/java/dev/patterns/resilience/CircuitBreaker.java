package dev.patterns.resilience;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A circuit breaker: stops calling a failing dependency for a while, then lets a few probe calls
 * through to find out whether it has recovered.
 *
 * <h2>States</h2>
 * <table class="striped">
 * <caption>Legal transitions</caption>
 * <thead><tr><th>from</th><th>to</th><th>when</th></tr></thead>
 * <tbody>
 * <tr><td>{@code CLOSED}</td><td>{@code OPEN}</td><td>a threshold is crossed: consecutive failures,
 *     failure rate or slow-call rate over the window (rates only once the window holds the minimum
 *     number of calls)</td></tr>
 * <tr><td>{@code OPEN}</td><td>{@code HALF_OPEN}</td><td>the first call after the open duration;
 *     that call is the first probe</td></tr>
 * <tr><td>{@code HALF_OPEN}</td><td>{@code CLOSED}</td><td>the configured number of probes
 *     succeeded</td></tr>
 * <tr><td>{@code HALF_OPEN}</td><td>{@code OPEN}</td><td>a probe failed or was slow, or probes were
 *     in flight and none reported for the probe timeout (a lost probe counts as failed); the open
 *     duration grows if a backoff is configured</td></tr>
 * <tr><td>any</td><td>{@code FORCED_OPEN}, {@code DISABLED}, {@code CLOSED}</td><td>{@link #forceOpen()},
 *     {@link #disable()}, {@link #reset()}</td></tr>
 * </tbody>
 * </table>
 * At most {@code halfOpenProbes} calls are admitted per half-open period, under any race. Time is
 * read from the configured {@link dev.patterns.time.Ticker}; nothing runs in the background: an
 * open breaker moves to half-open when a caller asks after the open duration.
 *
 * <h2>Two ways to use it</h2>
 * <table class="striped">
 * <caption>Forms of a protected call</caption>
 * <thead><tr><th></th><th>wrapped</th><th>permit</th></tr></thead>
 * <tbody>
 * <tr><td>admitted</td><td>{@link #call(Callable)}, {@link #get(Supplier)}, {@link #run(Runnable)},
 *     {@link #callAsync(Supplier)} run the call and record its outcome</td>
 *     <td>{@link #tryAcquirePermit()} answers a permit; the caller reports with
 *     {@link #onSuccess(long, long)}, {@link #onFailure(long, long, Throwable)},
 *     {@link #onResult(long, long, Object)} or {@link #release(long)}</td></tr>
 * <tr><td>rejected</td><td>throws {@link CallRejectedException} (no stack trace)</td>
 *     <td>answers {@link #NO_PERMIT}; throws nothing, allocates nothing</td></tr>
 * </tbody>
 * </table>
 *
 * <pre>{@code
 * long permit = breaker.tryAcquirePermit();
 * if (permit == CircuitBreaker.NO_PERMIT) {
 *     return fallback();
 * }
 * long start = System.nanoTime();
 * try {
 *     Reply reply = client.send(request);
 *     breaker.onSuccess(permit, System.nanoTime() - start);
 *     return reply;
 * } catch (IOException e) {
 *     breaker.onFailure(permit, System.nanoTime() - start, e);
 *     throw e;
 * }
 * }</pre>
 *
 * <p>A permit is the generation of the state that issued it (a {@code long}, never
 * {@code NO_PERMIT}); an outcome reported with the permit of an earlier state (a call that started
 * before the breaker opened, or a probe that outlived its probe timeout) is ignored, so it can not
 * spoil the new state's counts.
 *
 * <h2>Threads, memory and cost</h2>
 * All methods are thread-safe and never block (the wrapped forms run the call on the caller's
 * thread). Transitions are compare-and-set on an immutable state; listeners run on the thread that
 * made the transition, after it and outside any lock; a listener that throws is reported to the
 * listener error handler and does not affect the breaker. A transition <em>happens-before</em> the
 * listener calls for it. In the closed state a permitted call takes no lock and allocates nothing.
 */
public interface CircuitBreaker extends Policy {

    /** The value {@link #tryAcquirePermit()} answers when the call is not permitted. */
    long NO_PERMIT = 0L;

    /** The states of a breaker. */
    enum State {
        /** Calls pass; outcomes are counted. */
        CLOSED,
        /** Calls are rejected until the open duration has passed. */
        OPEN,
        /** A bounded number of probe calls pass; their outcomes decide. */
        HALF_OPEN,
        /** Calls are rejected until {@link CircuitBreaker#reset()} or another manual transition. */
        FORCED_OPEN,
        /** Calls pass and nothing is counted, until a manual transition. */
        DISABLED
    }

    /**
     * A state change, passed to {@link Listener}s.
     *
     * @param breaker the breaker's name
     * @param from the state left
     * @param to the state entered
     * @param generation the generation of the new state; increases by one per transition, so
     *     listeners called concurrently can order transitions
     * @param atNanos the ticker reading at the transition
     * @param reason why, for people: for example {@code "failure rate 60.0% >= 50.0% over 10 calls"}
     */
    record Transition(String breaker, State from, State to, long generation, long atNanos, String reason) {
        /**
         * Checks the components.
         *
         * @throws NullPointerException if {@code breaker}, {@code from}, {@code to} or
         *     {@code reason} is null
         */
        public Transition {
            Objects.requireNonNull(breaker, "breaker");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Told about every state change, after it happened. */
    @FunctionalInterface
    interface Listener {
        /**
         * Called once per transition, on the thread that made it, outside any lock.
         *
         * @param transition the change
         */
        void onTransition(Transition transition);
    }

    /**
     * Returns a builder; with no threshold configured the breaker opens at a 50% failure rate over
     * the last 100 calls, once at least 10 calls were made.
     *
     * @return a new builder
     */
    static CircuitBreakerBuilder builder() {
        return new CircuitBreakerBuilder();
    }

    /**
     * Asks to make one call: answers a permit, or {@link #NO_PERMIT} if the breaker is open, forced
     * open, or out of half-open probes. Never blocks, never throws, and in the closed state
     * allocates nothing. Every permit must be reported once, with one of the {@code on*} methods
     * or {@link #release(long)}.
     *
     * @return a permit, or {@code NO_PERMIT}
     */
    long tryAcquirePermit();

    /**
     * Reports a permitted call that succeeded.
     *
     * @param permit the permit from {@link #tryAcquirePermit()}
     * @param durationNanos how long the call took (compared with the slow-call duration)
     */
    void onSuccess(long permit, long durationNanos);

    /**
     * Reports a permitted call that threw. The exception is classified by the builder's
     * predicates: ignored exceptions count as neither failure nor success, exceptions that are not
     * recorded count as success.
     *
     * @param permit the permit from {@link #tryAcquirePermit()}
     * @param durationNanos how long the call took
     * @param failure what the call threw
     * @throws NullPointerException if {@code failure} is null
     */
    void onFailure(long permit, long durationNanos, Throwable failure);

    /**
     * Reports a permitted call that returned; a result the builder's result predicate matches
     * counts as a failure, any other as a success.
     *
     * @param permit the permit from {@link #tryAcquirePermit()}
     * @param durationNanos how long the call took
     * @param result what the call returned; may be null
     */
    void onResult(long permit, long durationNanos, Object result);

    /**
     * Gives back a permit whose call must not count (it was not made, or was cancelled); in
     * half-open state the probe slot becomes free again.
     *
     * @param permit the permit from {@link #tryAcquirePermit()}
     */
    void release(long permit);

    /**
     * Runs {@code callable} if permitted and records its outcome.
     *
     * @param callable the call
     * @param <T> the result type
     * @return the call's result
     * @throws CallRejectedException if the breaker did not permit the call
     * @throws Exception what the call threw
     * @throws NullPointerException if {@code callable} is null
     */
    @Override
    <T> T call(Callable<T> callable) throws Exception;

    /**
     * Runs {@code supplier} if permitted and records its outcome.
     *
     * @param supplier the call
     * @param <T> the result type
     * @return the supplier's result
     * @throws CallRejectedException if the breaker did not permit the call
     * @throws NullPointerException if {@code supplier} is null
     */
    <T> T get(Supplier<T> supplier);

    /**
     * Runs {@code runnable} if permitted and records its outcome.
     *
     * @param runnable the call
     * @throws CallRejectedException if the breaker did not permit the call
     * @throws NullPointerException if {@code runnable} is null
     */
    void run(Runnable runnable);

    /**
     * Starts an asynchronous call if permitted and records its outcome when the stage completes.
     * A rejected call answers a stage failed with {@link CallRejectedException}; a supplier that
     * throws is recorded as a failure and answers a failed stage.
     *
     * @param supplier starts the call
     * @param <T> the result type
     * @return a stage completed as the call's stage is, after the outcome is recorded
     * @throws NullPointerException if {@code supplier} is null or answers null
     */
    <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier);

    /**
     * Returns the current state (moving an expired half-open state to open first).
     *
     * @return the state
     */
    State state();

    /**
     * Returns a snapshot of the state and counts.
     *
     * @return the stats
     */
    CircuitBreakerStats stats();

    /** Moves to {@link State#FORCED_OPEN}: every call is rejected until another manual transition. */
    void forceOpen();

    /** Moves to {@link State#DISABLED}: every call passes and nothing is counted. */
    void disable();

    /** Moves to a fresh {@link State#CLOSED} state with empty counts. */
    void reset();

    /**
     * Adds a listener told about every later transition, after those given to the builder (for
     * example a metrics binding registered after the breaker was built). It runs like them: on the
     * thread that made the transition, outside any lock, its exception going to the error handler.
     * A transition in progress while it is added may or may not reach it.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    void addListener(Listener listener);

    /**
     * Returns the name given to the builder, used in messages and transitions.
     *
     * @return the name
     */
    String name();
}
