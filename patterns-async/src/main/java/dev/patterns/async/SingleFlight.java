package dev.patterns.async;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Single-flight (duplicate call suppression): concurrent callers of the same key share one
 * execution of the loader; the next caller after it finished (or after {@link #forget}) starts a
 * fresh one. Nothing is cached.
 *
 * <pre>{@code
 * SingleFlight<String, Price> flights = SingleFlight.create();
 * Price p = flights.call("EURUSD", key -> pricingService.fetch(key));  // blocks; 1 fetch per burst
 * }</pre>
 *
 * <p>The loader runs on the single-flight's executor (by default a new virtual thread), never in a
 * caller's thread, so every caller, including the first, is only a <i>waiter</i>: a waiter that
 * gives up (interrupted, timed out, or cancelling its own future) leaves without cancelling the
 * shared execution for the others. With {@link SingleFlightBuilder#cancelWhenAbandoned(boolean)} the execution
 * is cancelled (its thread interrupted) when its last waiter leaves. A failure reaches every
 * waiter; each sync waiter gets its own {@link ExecutionException} with the loader's exception as
 * cause.
 *
 * <p>Null: keys and loaders must not be null ({@link NullPointerException} naming them). A loader
 * returning {@code null} is refused: its waiters fail with a {@link NullPointerException} cause.
 *
 * <table class="striped">
 * <caption>Forms of call</caption>
 * <tr><th>blocks</th><th>answers at once</th><th>times out</th></tr>
 * <tr><td>{@link #call(Object, Loader)}, {@link #callShared(Object, Loader)}</td>
 * <td>{@link #callAsync(Object, Loader)} (its {@link FlightFuture#shared()} tells sharing)</td><td>{@link #call(Object, Loader, Duration)}</td></tr>
 * </table>
 *
 * <p>Thread-safe. Memory consistency effects: everything the loader did before returning
 * <i>happens-before</i> every waiter receives its value. A caller that joins an execution in
 * progress allocates nothing to join it; blocking then costs what {@link CompletableFuture#get()}
 * costs.
 *
 * @param <K> the key type; equality by {@code equals}/{@code hashCode}
 * @param <V> the value type
 */
public interface SingleFlight<K, V> {

    /**
     * Loads the value for a key; may block and throw.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    @FunctionalInterface
    interface Loader<K, V> {
        /**
         * Computes the value.
         *
         * @param key the key
         * @return the value, not null
         * @throws Exception if the value cannot be computed; it reaches every waiter
         */
        V load(K key) throws Exception;
    }

    /**
     * A value and whether this caller shared an execution another caller had started.
     *
     * @param value the value, not null
     * @param shared {@code true} if this caller joined an execution already in flight
     * @param <V> the value type
     */
    record Shared<V>(V value, boolean shared) {
        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is null
         */
        public Shared {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Returns the value for {@code key}, joining the execution in flight for it or starting one;
     * blocks until it finishes.
     *
     * @param key the key
     * @param loader computes the value if no execution is in flight (ignored otherwise)
     * @return the value
     * @throws InterruptedException if interrupted while waiting; this caller leaves, the execution
     *     goes on for the others
     * @throws ExecutionException if the loader failed; its exception is the cause
     * @throws NullPointerException if {@code key} or {@code loader} is null
     */
    V call(K key, Loader<? super K, ? extends V> loader) throws InterruptedException, ExecutionException;

    /**
     * Like {@link #call(Object, Loader)}, but waits at most {@code timeout}. A zero or negative
     * timeout does not wait ({@linkplain dev.patterns.time the library's timeout rule}): since the
     * value can only come from a wait, the call then throws {@link TimeoutException} at once,
     * without joining or starting an execution.
     *
     * @param key the key
     * @param loader computes the value if no execution is in flight
     * @param timeout how long to wait; zero or negative means do not wait
     * @return the value
     * @throws InterruptedException if interrupted while waiting; this caller leaves
     * @throws ExecutionException if the loader failed; its exception is the cause
     * @throws TimeoutException if the timeout passed first, with a message naming the key and the
     *     timeout ({@code "single-flight call for key 'k' timed out after 5 ms"}); this caller
     *     leaves, the execution goes on for the others
     * @throws NullPointerException if an argument is null
     */
    V call(K key, Loader<? super K, ? extends V> loader, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException;

    /**
     * Like {@link #call(Object, Loader)}, and says whether this caller shared another's execution.
     *
     * @param key the key
     * @param loader computes the value if no execution is in flight
     * @return the value and whether it was shared
     * @throws InterruptedException if interrupted while waiting; this caller leaves
     * @throws ExecutionException if the loader failed; its exception is the cause
     * @throws NullPointerException if an argument is null
     */
    Shared<V> callShared(K key, Loader<? super K, ? extends V> loader)
            throws InterruptedException, ExecutionException;

    /**
     * Returns at once a future of the value for {@code key}, joining the execution in flight or
     * starting one. The future is this caller's own: cancelling it, or completing it (for example
     * by {@link CompletableFuture#orTimeout}), makes this caller leave without affecting the
     * others. {@link FlightFuture#shared()} says whether this caller joined an execution another
     * caller had started, the async twin of {@link #callShared}; it costs nothing extra (the flag
     * is a field of the caller's own future).
     *
     * @param key the key
     * @param loader computes the value if no execution is in flight
     * @return a new future, completed with the value or the loader's exception
     * @throws NullPointerException if an argument is null
     */
    FlightFuture<V> callAsync(K key, Loader<? super K, ? extends V> loader);

    /**
     * Forgets the execution in flight for {@code key}, if any: the next caller starts a fresh
     * execution; the forgotten one goes on and still delivers to its waiters.
     *
     * @param key the key
     * @return whether an execution was in flight for the key
     * @throws NullPointerException if {@code key} is null
     */
    boolean forget(K key);

    /**
     * Returns how many keys have an execution in flight: an estimate for monitoring, which may
     * lag calls and forgets running at the same time (it is not linearizable).
     *
     * @return the number of keys
     */
    int inFlight();

    /**
     * Returns a snapshot of this single-flight's counters. Each counter is exact once the calls
     * it counts have returned. That includes the call that makes an async waiter leave: when
     * another thread completes a waiter's future (the timer thread of {@code orTimeout}, the
     * executor of {@code completeAsync}), that thread counts the leave just after the future
     * completes, so code that has seen the future done may read {@code waitersLeft} one behind
     * for a moment. A snapshot taken while calls run may be a few counts behind them,
     * and its counters are not read atomically together (but {@code calls == executions +
     * sharedCalls} always holds within one snapshot). Cheap enough to poll every second; the
     * hit path pays one uncontended-in-the-common-case {@link java.util.concurrent.atomic.LongAdder}
     * increment for it and allocates nothing.
     *
     * @return the counters now
     */
    SingleFlightStats stats();

    /**
     * Returns the name given to the builder, or {@code singleflight-N}; it appears in
     * {@code toString}, JFR events and metric tags.
     *
     * @return the name
     */
    String name();

    /**
     * Returns a single-flight that runs each execution on a new virtual thread.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return the single-flight
     */
    static <K, V> SingleFlight<K, V> create() {
        return builder().build();
    }

    /**
     * Returns a new builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    static SingleFlightBuilder builder() {
        return new SingleFlightBuilder();
    }
}
