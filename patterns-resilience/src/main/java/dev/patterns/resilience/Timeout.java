package dev.patterns.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

import dev.patterns.internal.Checks;

/**
 * A time limit on a call: the call runs on its own thread (a new virtual thread by default); when
 * the limit passes, that thread is interrupted, the caller waits up to a grace period for it to
 * end, and the caller gets a {@link java.util.concurrent.TimeoutException}. A call that ignores
 * interrupts can not be stopped; the exception then says it is still running, and
 * {@link TimeoutStats#abandoned()} counts it.
 *
 * <p>The call does not see the caller's thread-locals. If the caller is interrupted while waiting,
 * the call is interrupted too (and waited for, up to the grace period) and the caller gets
 * {@link InterruptedException}. A call that
 * completes just as the limit passes is returned, not discarded. Thread-safe.
 *
 * <pre>{@code
 * Timeout limit = Timeout.of(Duration.ofMillis(200));
 * Price price = limit.call(() -> pricing.quote(sku));
 * }</pre>
 */
public interface Timeout extends Policy {

    /**
     * Returns a timeout of {@code limit} that runs calls on virtual threads and waits up to one
     * second for an interrupted call to end.
     *
     * @param limit the time limit, positive
     * @return a new timeout
     * @throws NullPointerException if {@code limit} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    static Timeout of(Duration limit) {
        return of("timeout-" + InterruptingTimeout.SEQUENCE.incrementAndGet(), limit, Duration.ofSeconds(1),
                Thread.ofVirtual().name("timeout-", 0).factory());
    }

    /**
     * Returns a timeout of {@code limit}.
     *
     * @param limit the time limit, positive
     * @param grace how long to wait for an interrupted call to end, zero or more
     * @param threads makes the thread each call runs on
     * @return a new timeout
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code grace} is negative
     */
    static Timeout of(Duration limit, Duration grace, ThreadFactory threads) {
        return of("timeout-" + InterruptingTimeout.SEQUENCE.incrementAndGet(), limit, grace, threads);
    }

    /**
     * Returns a timeout of {@code limit} with a name, used in {@code toString} and metric tags.
     *
     * @param name the name, not blank
     * @param limit the time limit, positive
     * @param grace how long to wait for an interrupted call to end, zero or more
     * @param threads makes the thread each call runs on
     * @return a new timeout
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank, {@code limit} is not positive or
     *     {@code grace} is negative
     */
    static Timeout of(String name, Duration limit, Duration grace, ThreadFactory threads) {
        return new InterruptingTimeout(Checks.notBlank("name", name), Checks.nanos("limit", limit, false),
                Checks.nanos("grace", grace, true), threads);
    }

    /**
     * Returns the name given to {@link #of(String, Duration, Duration, ThreadFactory)}, or
     * {@code timeout-N}.
     *
     * @return the name
     */
    String name();

    /**
     * Runs {@code callable} on its own thread and waits for it up to the limit.
     *
     * @param callable the call
     * @param <T> the result type
     * @return the call's result
     * @throws java.util.concurrent.TimeoutException if the limit passed (the call was interrupted)
     * @throws InterruptedException if the caller was interrupted while waiting
     * @throws Exception what the call threw
     * @throws NullPointerException if {@code callable} is null
     */
    @Override
    <T> T call(Callable<T> callable) throws Exception;

    /**
     * Returns the time limit.
     *
     * @return the limit
     */
    Duration limit();

    /**
     * Returns a snapshot of the counters.
     *
     * @return the stats
     */
    TimeoutStats stats();
}
