package dev.patterns.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.patterns.internal.Checks;

/**
 * A bulkhead: at most {@code concurrency} calls at once, so that one slow dependency can hold
 * only its share of the caller's threads.
 *
 * <table class="striped">
 * <caption>Forms of entering</caption>
 * <thead><tr><th>form</th><th>when full</th></tr></thead>
 * <tbody>
 * <tr><td>{@link #tryEnter()} / {@link #exit()}</td><td>answers {@code false}; allocates nothing</td></tr>
 * <tr><td>{@link #tryAcquire()}</td><td>answers {@code null} (a null resource in try-with-resources is
 *     skipped, so check it)</td></tr>
 * <tr><td>{@link #acquire(Duration)}</td><td>waits up to the timeout, then throws
 *     {@link CallRejectedException}</td></tr>
 * <tr><td>{@link #acquire()}</td><td>waits</td></tr>
 * <tr><td>{@link #call(Callable)}</td><td>waits up to the builder's {@code maxWait}, then throws
 *     {@link CallRejectedException}</td></tr>
 * </tbody>
 * </table>
 *
 * <pre>{@code
 * try (Bulkhead.Permit permit = bulkhead.acquire(Duration.ofMillis(50))) {
 *     return inventory.lookup(sku);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Waiting parks (through {@link java.util.concurrent.Semaphore}), never pins a
 * virtual thread, and honours interrupts. Exiting <em>happens-before</em> the entry it makes
 * possible.
 */
public interface Bulkhead extends Policy {

    /**
     * A permit to make one call; closing it gives the slot back. Closing twice gives it back once.
     * A permit may be closed by another thread than the one that acquired it.
     */
    interface Permit extends AutoCloseable {
        /** Gives the slot back, once; later calls do nothing. */
        @Override
        void close();
    }

    /**
     * Returns a bulkhead of {@code concurrency} slots whose {@link #call(Callable)} does not wait.
     *
     * @param concurrency the limit, at least 1
     * @return a new bulkhead
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    static Bulkhead of(int concurrency) {
        return of("bulkhead-" + SemaphoreBulkhead.SEQUENCE.incrementAndGet(), concurrency, Duration.ZERO);
    }

    /**
     * Returns a bulkhead of {@code concurrency} slots whose {@link #call(Callable)} waits up to
     * {@code maxWait} for a slot.
     *
     * @param name the name, used in messages
     * @param concurrency the limit, at least 1
     * @param maxWait how long {@code call} waits for a slot; zero means not at all
     * @return a new bulkhead
     * @throws NullPointerException if {@code name} or {@code maxWait} is null
     * @throws IllegalArgumentException if {@code concurrency < 1} or {@code maxWait} is negative
     */
    static Bulkhead of(String name, int concurrency, Duration maxWait) {
        return new SemaphoreBulkhead(name, concurrency, Checks.nanos("maxWait", maxWait, true));
    }

    /**
     * Takes a slot if one is free; never blocks, allocates nothing. A {@code true} answer must be
     * followed by exactly one {@link #exit()}.
     *
     * @return whether a slot was taken
     */
    boolean tryEnter();

    /**
     * Gives back a slot taken by {@link #tryEnter()}.
     *
     * @throws IllegalStateException if no slot is held
     */
    void exit();

    /**
     * Takes a slot if one is free; never blocks.
     *
     * @return a permit, or {@code null} if the bulkhead is full
     */
    Permit tryAcquire();

    /**
     * Takes a slot, waiting up to {@code timeout} for one.
     *
     * @param timeout the longest wait; zero or negative means do not wait (see
     *     {@linkplain dev.patterns.time the library's timeout rule})
     * @return a permit
     * @throws CallRejectedException if no slot was free in time
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    Permit acquire(Duration timeout) throws InterruptedException;

    /**
     * Takes a slot, waiting as long as it takes.
     *
     * @return a permit
     * @throws InterruptedException if interrupted while waiting
     */
    Permit acquire() throws InterruptedException;

    /**
     * Runs {@code callable} in a slot, waiting up to the configured {@code maxWait} for one.
     *
     * @param callable the call
     * @param <T> the result type
     * @return the call's result
     * @throws CallRejectedException if no slot was free in time
     * @throws InterruptedException if interrupted while waiting for a slot
     * @throws Exception what the call threw
     * @throws NullPointerException if {@code callable} is null
     */
    @Override
    <T> T call(Callable<T> callable) throws Exception;

    /**
     * Returns a snapshot.
     *
     * @return the stats
     */
    BulkheadStats stats();

    /**
     * Returns the name given to {@link #of(String, int, Duration)}, or {@code bulkhead-N}.
     *
     * @return the name
     */
    String name();
}
