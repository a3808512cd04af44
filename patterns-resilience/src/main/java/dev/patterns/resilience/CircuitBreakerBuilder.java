package dev.patterns.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/**
 * Configures a {@link CircuitBreaker}. Every threshold is optional and they combine: the breaker
 * opens when any configured threshold is crossed. Not thread-safe; {@link #build()} snapshots the
 * configuration, so one builder may build several independent breakers.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder()
 *         .name("inventory")
 *         .failureRate(50).countWindow(100).minimumCalls(20)
 *         .slowCalls(Duration.ofMillis(500), 80)
 *         .openDuration(Duration.ofSeconds(5))
 *         .halfOpenProbes(3)
 *         .build();
 * }</pre>
 */
public final class CircuitBreakerBuilder {

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
            new java.util.concurrent.atomic.AtomicInteger();

    private String name;
    private Ticker ticker = Ticker.system();
    private int consecutiveFailures;
    private double failureRate;
    private double slowCallRate;
    private long slowCallNanos;
    private int countWindow = 100;
    private long timeWindowNanos;
    private int timeWindowBuckets;
    private int minimumCalls = -1;
    private long openNanos = Duration.ofSeconds(60).toNanos();
    private long maxOpenNanos;
    private double openMultiplier = 1.0;
    private int halfOpenProbes = 1;
    private long probeTimeoutNanos = Duration.ofSeconds(60).toNanos();
    private Predicate<? super Throwable> recordFailure = t -> true;
    private Predicate<? super Throwable> ignoreFailure = t -> false;
    private Predicate<Object> failureResult;
    private final List<CircuitBreaker.Listener> listeners = new ArrayList<>();
    private boolean callMetrics;
    private BiConsumer<CircuitBreaker.Transition, Throwable> listenerErrorHandler = (t, e) ->
            LoggerFactory.getLogger(CircuitBreaker.class).warn("listener failed on {}", t, e);

    CircuitBreakerBuilder() {
    }

    /**
     * Names the breaker in messages, stats and transitions; {@code circuit-breaker-N} by default.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public CircuitBreakerBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Sets the time source (a {@link dev.patterns.time.FakeTicker} in tests).
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public CircuitBreakerBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Opens after {@code count} failures in a row.
     *
     * @param count the number of consecutive failures, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public CircuitBreakerBuilder consecutiveFailures(int count) {
        this.consecutiveFailures = Checks.atLeast("consecutiveFailures", count, 1);
        return this;
    }

    /**
     * Opens when at least {@code percent} of the calls in the window failed.
     *
     * @param percent the threshold, in (0, 100]
     * @return this builder
     * @throws IllegalArgumentException if {@code percent} is out of range
     */
    public CircuitBreakerBuilder failureRate(double percent) {
        this.failureRate = Checks.percent("failureRate", percent);
        return this;
    }

    /**
     * Opens when at least {@code percent} of the calls in the window took {@code slowerThan} or
     * longer. Slow calls are counted whether they succeeded or failed; a slow half-open probe
     * counts as a failed probe.
     *
     * @param slowerThan the duration from which a call is slow, positive
     * @param percent the threshold, in (0, 100]
     * @return this builder
     * @throws NullPointerException if {@code slowerThan} is null
     * @throws IllegalArgumentException if {@code slowerThan} is not positive or {@code percent} is
     *     out of range
     */
    public CircuitBreakerBuilder slowCalls(Duration slowerThan, double percent) {
        this.slowCallNanos = Checks.nanos("slowerThan", slowerThan, false);
        this.slowCallRate = Checks.percent("slowCallRate", percent);
        return this;
    }

    /**
     * Makes the window the last {@code calls} calls (the default, with 100).
     *
     * @param calls the window size, in [1, 1000000]
     * @return this builder
     * @throws IllegalArgumentException if {@code calls} is out of range
     */
    public CircuitBreakerBuilder countWindow(int calls) {
        this.countWindow = Checks.inRange("countWindow", calls, 1, CountWindow.MAX_SIZE);
        this.timeWindowNanos = 0;
        return this;
    }

    /**
     * Makes the window the calls of the last {@code window}, kept in {@code buckets} buckets (the
     * window slides one bucket at a time).
     *
     * @param window the window length, positive
     * @param buckets the number of buckets, in [1, 100]
     * @return this builder
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public CircuitBreakerBuilder timeWindow(Duration window, int buckets) {
        long nanos = Checks.nanos("timeWindow", window, false);
        this.timeWindowBuckets = Checks.inRange("buckets", buckets, 1, TimeWindow.MAX_BUCKETS);
        if (nanos < buckets) {
            throw new IllegalArgumentException("timeWindow: " + window + " (expected: >= " + buckets + "ns)");
        }
        this.timeWindowNanos = nanos;
        return this;
    }

    /**
     * Sets how many calls the window must hold before the rates are judged (default: 10, or the
     * count window if smaller).
     *
     * @param calls the minimum, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code calls < 1}
     */
    public CircuitBreakerBuilder minimumCalls(int calls) {
        this.minimumCalls = Checks.atLeast("minimumCalls", calls, 1);
        return this;
    }

    /**
     * Keeps the breaker open for a fixed {@code duration} (default: 60 seconds).
     *
     * @param duration the open duration, positive
     * @return this builder
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    public CircuitBreakerBuilder openDuration(Duration duration) {
        this.openNanos = Checks.nanos("openDuration", duration, false);
        this.maxOpenNanos = 0;
        this.openMultiplier = 1.0;
        return this;
    }

    /**
     * Keeps the breaker open for {@code initial}, multiplied by {@code multiplier} each time a
     * half-open probe fails, up to {@code max}; back to {@code initial} once it closes.
     *
     * @param initial the first open duration, positive
     * @param max the longest open duration, at least {@code initial}
     * @param multiplier the growth factor, at least 1
     * @return this builder
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public CircuitBreakerBuilder openBackoff(Duration initial, Duration max, double multiplier) {
        long first = Checks.nanos("initial", initial, false);
        long last = Checks.nanos("max", max, false);
        if (last < first) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
        Checks.multiplier("multiplier", multiplier);
        this.openNanos = first;
        this.maxOpenNanos = last;
        this.openMultiplier = multiplier;
        return this;
    }

    /**
     * Sets how many probe calls a half-open breaker admits (default: 1); it closes when all of
     * them succeed.
     *
     * @param probes the number of probes, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code probes < 1}
     */
    public CircuitBreakerBuilder halfOpenProbes(int probes) {
        this.halfOpenProbes = Checks.atLeast("halfOpenProbes", probes, 1);
        return this;
    }

    /**
     * Sets how long probes may stay in flight with none reporting before they count as failed and
     * the breaker reopens (default: 60 seconds), so a lost probe can not leave it half-open.
     *
     * @param timeout the probe timeout, positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public CircuitBreakerBuilder probeTimeout(Duration timeout) {
        this.probeTimeoutNanos = Checks.nanos("probeTimeout", timeout, false);
        return this;
    }

    /**
     * Chooses which exceptions count as failures (default: all); others count as successes.
     *
     * @param predicate true for an exception that is a failure
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public CircuitBreakerBuilder recordFailure(Predicate<? super Throwable> predicate) {
        this.recordFailure = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Chooses exceptions that count as neither failure nor success (default: none); this wins over
     * {@link #recordFailure(Predicate)}.
     *
     * @param predicate true for an exception to ignore
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public CircuitBreakerBuilder ignoreFailure(Predicate<? super Throwable> predicate) {
        this.ignoreFailure = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Chooses results that count as failures (default: none), for calls that report errors as values.
     *
     * @param predicate true for a result that is a failure; called with null results too
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public CircuitBreakerBuilder failureResult(Predicate<Object> predicate) {
        this.failureResult = Objects.requireNonNull(predicate, "predicate");
        return this;
    }

    /**
     * Adds a listener for state transitions.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public CircuitBreakerBuilder listener(CircuitBreaker.Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Sets what happens when a listener throws (default: a warning through SLF4J).
     *
     * @param handler receives the transition and what the listener threw
     * @return this builder
     * @throws NullPointerException if {@code handler} is null
     */
    public CircuitBreakerBuilder listenerErrorHandler(BiConsumer<CircuitBreaker.Transition, Throwable> handler) {
        this.listenerErrorHandler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Counts successful calls and sums the time of every call by outcome, for
     * {@link CircuitBreakerStats#successfulCalls()} and the {@code *Nanos} components (default:
     * off, and they stay zero). It costs the success path two clock reads and two
     * {@link java.util.concurrent.atomic.LongAdder} adds per call; a breaker with a slow-call
     * threshold reads the clock anyway. The permit form counts the duration it is given.
     *
     * @param on whether to count and time calls
     * @return this builder
     */
    public CircuitBreakerBuilder callMetrics(boolean on) {
        this.callMetrics = on;
        return this;
    }

    /**
     * Builds a breaker in the closed state.
     *
     * @return a new breaker
     * @throws IllegalStateException if the minimum number of calls exceeds the count window
     */
    public CircuitBreaker build() {
        return new DefaultCircuitBreaker(config());
    }

    /** Snapshots the settings into the immutable configuration a breaker runs on. */
    BreakerConfig config() {
        boolean anyThreshold = consecutiveFailures > 0 || failureRate > 0 || slowCallRate > 0;
        double rate = anyThreshold ? failureRate : 50.0;
        int minimum = minimumCalls > 0 ? minimumCalls
                : timeWindowNanos > 0 ? 10 : Math.min(10, countWindow);
        if (timeWindowNanos == 0 && minimum > countWindow) {
            throw new IllegalStateException("minimumCalls: " + minimum
                    + " (expected: <= countWindow " + countWindow + ")");
        }
        String n = name != null ? name : "circuit-breaker-" + SEQUENCE.incrementAndGet();
        return new BreakerConfig(n, ticker, consecutiveFailures, rate, slowCallRate,
                slowCallNanos, countWindow, timeWindowNanos, timeWindowBuckets, minimum, openNanos,
                maxOpenNanos == 0 ? openNanos : maxOpenNanos, openMultiplier, halfOpenProbes,
                probeTimeoutNanos, recordFailure, ignoreFailure, failureResult,
                List.copyOf(listeners), listenerErrorHandler, callMetrics);
    }
}
