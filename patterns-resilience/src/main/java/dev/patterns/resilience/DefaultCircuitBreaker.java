package dev.patterns.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.patterns.resilience.BreakerState.Closed;
import dev.patterns.resilience.BreakerState.Disabled;
import dev.patterns.resilience.BreakerState.ForcedOpen;
import dev.patterns.resilience.BreakerState.HalfOpen;
import dev.patterns.resilience.BreakerState.Open;
import dev.patterns.time.Ticker;

/**
 * The circuit breaker: one volatile reference to an immutable {@link BreakerState}.
 *
 * <p>Implementation notes. Every transition is {@code compareAndSet(expected, next)} where
 * {@code next} is computed from {@code expected} alone; the loser re-reads and re-decides, and only
 * the winner publishes the transition to listeners, after the CAS and outside any lock. Nothing
 * in a CAS loop has a side effect except allocating the next state. The closed path reads the
 * state once to answer a permit (the generation, a {@code long}), and once more to report, so it
 * allocates nothing; the half-open path allocates a small record per admission, which is fine
 * because it admits at most {@code halfOpenProbes} calls. A report whose permit is not the current
 * generation is dropped: it belongs to a state that no longer exists.
 */
final class DefaultCircuitBreaker implements CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(DefaultCircuitBreaker.class, "state", BreakerState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BreakerConfig config;
    /** The builder's listeners, then those added later; copy-on-write, read once per transition. */
    private final CopyOnWriteArrayList<Listener> listeners;
    private final Ticker ticker;
    /** Positive if calls are timed (a slow-call threshold is set). */
    private final long slowNanos;
    /** Whether wrapped calls read the clock: a slow-call threshold or call metrics. */
    private final boolean timed;
    /** Whether successes are counted and outcomes timed (builder callMetrics). */
    private final boolean callMetrics;
    private final LongAdder notPermitted = new LongAdder();
    /** Only with callMetrics, like the three *Nanos sums. */
    private final LongAdder successful = new LongAdder();
    private final LongAdder successfulNanos = new LongAdder();
    private final LongAdder failedNanos = new LongAdder();
    private final LongAdder ignoredNanos = new LongAdder();
    /** Failures reported and ignored since the breaker was built (whatever the state or permit). */
    private final LongAdder failedCalls = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    /** The current state; replaced only by CAS through {@link #STATE}. */
    private volatile BreakerState state;

    DefaultCircuitBreaker(BreakerConfig config) {
        this.config = config;
        this.listeners = new CopyOnWriteArrayList<>(config.listeners());
        this.ticker = config.ticker();
        this.slowNanos = config.slowCallRate() > 0 ? config.slowCallNanos() : 0L;
        this.callMetrics = config.callMetrics();
        this.timed = slowNanos > 0 || callMetrics;
        this.state = BreakerState.closed(1L, ticker.read(), config);
    }

    private boolean cas(BreakerState expected, BreakerState next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /**
     * Applies a transition computed by a pure function of {@code from}: CAS, then, for the winner
     * only, the listeners. Returns whether this thread made the move.
     */
    private boolean move(BreakerState from, BreakerState to, String reason) {
        if (cas(from, to)) {
            publish(from, to, reason);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- permits

    @Override
    public long tryAcquirePermit() {
        BreakerState s = state;
        if (s instanceof Closed closed) {
            return closed.generation();
        }
        return acquireSlowPath(s);
    }

    private long acquireSlowPath(BreakerState s) {
        for (;; s = state) {
            switch (s) {
                case Closed closed -> {
                    return closed.generation();
                }
                case Disabled disabled -> {
                    return disabled.generation();
                }
                case ForcedOpen forced -> {
                    notPermitted.increment();
                    return NO_PERMIT;
                }
                case Open open -> {
                    long now = ticker.read();
                    if (!open.elapsed(now)) {
                        notPermitted.increment();
                        return NO_PERMIT;
                    }
                    HalfOpen half = open.halfOpen(now);
                    if (move(open, half, "open duration elapsed")) {
                        return half.generation();
                    }
                }
                case HalfOpen half -> {
                    long now = ticker.read();
                    if (half.probeExpired(now, config)) {
                        move(half, half.reopen(now, config), "no probe reported within the probe timeout");
                    } else if (half.admitted() >= config.halfOpenProbes()) {
                        notPermitted.increment();
                        return NO_PERMIT;
                    } else if (cas(half, half.admit(now))) {
                        return half.generation();
                    }
                }
            }
        }
    }

    @Override
    public void onSuccess(long permit, long durationNanos) {
        if (callMetrics) {
            successful.increment();
            successfulNanos.add(durationNanos);
        }
        record(permit, durationNanos, false);
    }

    @Override
    public void onFailure(long permit, long durationNanos, Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (config.ignoreFailure().test(failure)) {
            ignored.increment();
            if (callMetrics) {
                ignoredNanos.add(durationNanos);
            }
            release(permit);
        } else {
            recordCounted(permit, durationNanos, config.recordFailure().test(failure));
        }
    }

    @Override
    public void onResult(long permit, long durationNanos, Object result) {
        recordCounted(permit, durationNanos, config.failureResult() != null && config.failureResult().test(result));
    }

    private void recordCounted(long permit, long durationNanos, boolean failed) {
        if (failed) {
            failedCalls.increment();
            if (callMetrics) {
                failedNanos.add(durationNanos);
            }
        } else if (callMetrics) {
            successful.increment();
            successfulNanos.add(durationNanos);
        }
        record(permit, durationNanos, failed);
    }

    @Override
    public void release(long permit) {
        for (;;) {
            BreakerState s = state;
            if (s.generation() != permit || !(s instanceof HalfOpen half) || !half.probesInFlight()) {
                return; // nothing to give back outside half-open: closed and disabled permits are free
            }
            if (cas(half, half.release(ticker.read()))) {
                return;
            }
        }
    }

    private void record(long permit, long durationNanos, boolean failed) {
        BreakerState s = state;
        if (s.generation() != permit) {
            return; // stale permit, or NO_PERMIT
        }
        if (s instanceof Closed closed) {
            recordClosed(closed, durationNanos, failed);
        } else if (s instanceof HalfOpen half) {
            recordProbe(half, durationNanos, failed);
        }
    }

    private void recordClosed(Closed closed, long durationNanos, boolean failed) {
        boolean slow = slowNanos > 0 && durationNanos >= slowNanos;
        OutcomeWindow window = closed.window();
        if (!failed) {
            AtomicInteger consecutive = closed.consecutiveFailures();
            if (consecutive.get() != 0) {
                consecutive.set(0);
            }
            if (window != null) {
                window.record(slow ? OutcomeWindow.CALL | OutcomeWindow.SLOW : OutcomeWindow.CALL);
                if (slow) {
                    evaluate(closed, 0);
                }
            }
            return;
        }
        int consecutive = closed.consecutiveFailures().incrementAndGet();
        if (window != null) {
            window.record(OutcomeWindow.CALL | OutcomeWindow.FAILURE | (slow ? OutcomeWindow.SLOW : 0L));
        }
        evaluate(closed, consecutive);
    }

    private void evaluate(Closed closed, int consecutive) {
        String reason = null;
        if (config.consecutiveFailures() > 0 && consecutive >= config.consecutiveFailures()) {
            reason = consecutive + " consecutive failures";
        } else if (closed.window() != null) {
            long snapshot = closed.window().snapshot();
            int calls = OutcomeWindow.calls(snapshot);
            if (calls >= config.minimumCalls()) {
                double failureRate = 100.0 * OutcomeWindow.failures(snapshot) / calls;
                double slowRate = 100.0 * OutcomeWindow.slowCalls(snapshot) / calls;
                if (config.failureRate() > 0 && failureRate >= config.failureRate()) {
                    reason = "failure rate " + failureRate + "% >= " + config.failureRate() + "% over " + calls + " calls";
                } else if (config.slowCallRate() > 0 && slowRate >= config.slowCallRate()) {
                    reason = "slow-call rate " + slowRate + "% >= " + config.slowCallRate() + "% over " + calls + " calls";
                }
            }
        }
        if (reason != null) {
            move(closed, closed.trip(ticker.read(), config), reason);
        }
    }

    private void recordProbe(HalfOpen half, long durationNanos, boolean failed) {
        boolean slow = slowNanos > 0 && durationNanos >= slowNanos;
        long generation = half.generation();
        for (BreakerState s = half; s.generation() == generation && s instanceof HalfOpen current; s = state) {
            long now = ticker.read();
            if (failed || slow) {
                if (move(current, current.reopen(now, config), failed ? "probe failed" : "probe was slow")) {
                    return;
                }
            } else if (current.succeeded() + 1 >= config.halfOpenProbes()) {
                if (move(current, current.close(now, config), config.halfOpenProbes() + " probe(s) succeeded")) {
                    return;
                }
            } else if (cas(current, current.succeed(now))) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- wrapped calls

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        long permit = tryAcquirePermit();
        if (permit == NO_PERMIT) {
            throw rejected();
        }
        long start = timed ? ticker.read() : 0L;
        T result;
        try {
            result = callable.call();
        } catch (Throwable t) {
            onFailure(permit, elapsed(start), t);
            throw t;
        }
        onResult(permit, elapsed(start), result);
        return result;
    }

    // NOTE: get and run repeat call's body instead of delegating (call(supplier::get)): the
    // adapter would be one capturing lambda per call on the closed path, which is promised to
    // allocate nothing (BreakerBench, -prof gc). Keep the three bodies in step.
    @Override
    public <T> T get(Supplier<T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        long permit = tryAcquirePermit();
        if (permit == NO_PERMIT) {
            throw rejected();
        }
        long start = timed ? ticker.read() : 0L;
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            onFailure(permit, elapsed(start), t);
            throw t;
        }
        onResult(permit, elapsed(start), result);
        return result;
    }

    @Override
    public void run(Runnable runnable) {
        Objects.requireNonNull(runnable, "runnable");
        long permit = tryAcquirePermit();
        if (permit == NO_PERMIT) {
            throw rejected();
        }
        long start = timed ? ticker.read() : 0L;
        try {
            runnable.run();
        } catch (Throwable t) {
            onFailure(permit, elapsed(start), t);
            throw t;
        }
        onSuccess(permit, elapsed(start));
    }

    @Override
    public <T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        long permit = tryAcquirePermit();
        if (permit == NO_PERMIT) {
            return CompletableFuture.failedFuture(rejected());
        }
        long start = timed ? ticker.read() : 0L;
        CompletionStage<T> stage;
        try {
            stage = supplier.get();
        } catch (Throwable t) {
            onFailure(permit, elapsed(start), t);
            return CompletableFuture.failedFuture(t);
        }
        if (stage == null) {
            release(permit);
            throw new NullPointerException("supplier answered a null stage");
        }
        return stage.whenComplete((result, failure) -> {
            if (failure == null) {
                onResult(permit, elapsed(start), result);
            } else {
                onFailure(permit, elapsed(start), unwrap(failure));
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private long elapsed(long start) {
        return timed ? ticker.read() - start : 0L;
    }

    private CallRejectedException rejected() {
        return new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN,
                "circuit breaker '" + config.name() + "' is " + state.kind() + ": call not permitted");
    }

    // ---------------------------------------------------------------- state and manual transitions

    /** Returns the state, first moving a half-open state whose probes expired to open. */
    private BreakerState current() {
        for (;;) {
            BreakerState s = state;
            if (s instanceof HalfOpen half) {
                long now = ticker.read();
                if (half.probeExpired(now, config)) {
                    move(half, half.reopen(now, config), "no probe reported within the probe timeout");
                    continue;
                }
            }
            return s;
        }
    }

    @Override
    public State state() {
        return current().kind();
    }

    @Override
    public CircuitBreakerStats stats() {
        BreakerState s = current();
        if (s instanceof Closed closed) {
            long snapshot = closed.window() == null ? 0L : closed.window().snapshot();
            int calls = OutcomeWindow.calls(snapshot);
            boolean judged = closed.window() != null && calls >= config.minimumCalls();
            return new CircuitBreakerStats(s.kind(), s.generation(), calls, OutcomeWindow.failures(snapshot),
                    OutcomeWindow.slowCalls(snapshot),
                    judged ? 100.0 * OutcomeWindow.failures(snapshot) / calls : -1,
                    judged ? 100.0 * OutcomeWindow.slowCalls(snapshot) / calls : -1,
                    closed.consecutiveFailures().get(), notPermitted.sum(), failedCalls.sum(),
                    ignored.sum(), successful.sum(), successfulNanos.sum(), failedNanos.sum(), ignoredNanos.sum());
        }
        return new CircuitBreakerStats(s.kind(), s.generation(), 0, 0, 0, -1, -1, 0, notPermitted.sum(), failedCalls.sum(),
                ignored.sum(), successful.sum(), successfulNanos.sum(), failedNanos.sum(), ignoredNanos.sum());
    }

    @Override
    public void forceOpen() {
        transition(s -> s.forceOpen(ticker.read()), "forced open");
    }

    @Override
    public void disable() {
        transition(s -> s.disable(ticker.read()), "disabled");
    }

    @Override
    public void reset() {
        transition(s -> s.reset(ticker.read(), config), "reset");
    }

    /** A manual transition from whatever the state is. */
    private void transition(UnaryOperator<BreakerState> next, String reason) {
        for (;;) {
            BreakerState s = state;
            if (move(s, next.apply(s), reason)) {
                return;
            }
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String name() {
        return config.name();
    }

    private void publish(BreakerState from, BreakerState to, String reason) {
        Transition transition = new Transition(config.name(), from.kind(), to.kind(), to.generation(),
                to.sinceNanos(), reason);
        LOG.debug("{}", transition);
        BreakerTransitionEvent.emit(config.name(), from.kind(), to.kind(), reason);
        for (Listener listener : listeners) {
            try {
                listener.onTransition(transition);
            } catch (Throwable failure) {
                try {
                    config.listenerErrorHandler().accept(transition, failure);
                } catch (Throwable handlerFailure) {
                    LOG.error("listener error handler failed on {}", transition, handlerFailure);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + config.name() + ", " + state.kind() + "]";
    }
}
