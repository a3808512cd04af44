package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

/**
 * Runs a keyed operation at most once: the first caller with a key runs it; callers with the same
 * key while it runs wait for it and get its outcome; callers within the store's retention period
 * after it completed get the recorded result, or the recorded exception (the same instance)
 * rethrown, without running it.
 *
 * <p>An operation that ends with {@link InterruptedException} or an {@link Error} is not recorded:
 * its key is forgotten and a waiting duplicate runs the operation itself. Thread-safe; waiting
 * parks (virtual-thread friendly) and honours interrupts; the completion of an execution
 * <em>happens-before</em> its outcome is returned to a duplicate.
 *
 * <pre>{@code
 * IdempotencyGuard<String, Receipt> payments = IdempotencyGuard.inMemory(100_000, Duration.ofHours(1));
 * Receipt receipt = payments.execute(request.idempotencyKey(), () -> charge(request));
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class IdempotencyGuard<K, V> {

    /** Marks an execution that ended without an outcome to replay; waiters claim the key again. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the first execution ended without an outcome", null, false, false);
        }
    }

    private static final Abandoned ABANDONED = new Abandoned();

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final IdempotencyStore<K, V> store;
    private final Ticker ticker;
    private final LongAdder executions = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder joined = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    private IdempotencyGuard(String name, IdempotencyStore<K, V> store, Ticker ticker) {
        this.name = Objects.requireNonNull(name, "name");
        this.store = Objects.requireNonNull(store, "store");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Returns a guard over an in-memory store of at most {@code maxEntries} keys, each completed
     * execution kept for {@code retention}.
     *
     * @param maxEntries the most keys held, at least 1
     * @param retention how long an outcome is replayed, positive
     * @param <K> the key type
     * @param <V> the result type
     * @return a new guard
     * @throws NullPointerException if {@code retention} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static <K, V> IdempotencyGuard<K, V> inMemory(int maxEntries, Duration retention) {
        return of(IdempotencyStore.inMemory(maxEntries, retention, Ticker.system()), Ticker.system());
    }

    /**
     * Like {@link #inMemory(int, Duration)}, with a name for {@code toString}, stats and metric tags.
     *
     * @param name the guard's name
     * @param maxEntries the most keys held, at least 1
     * @param retention how long an outcome is replayed, positive
     * @param <K> the key type
     * @param <V> the result type
     * @return a new guard
     * @throws NullPointerException if {@code name} or {@code retention} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static <K, V> IdempotencyGuard<K, V> inMemory(String name, int maxEntries, Duration retention) {
        return of(name, IdempotencyStore.inMemory(maxEntries, retention, Ticker.system()), Ticker.system());
    }

    /**
     * Returns a guard over {@code store}; {@code ticker} measures the timed waits.
     *
     * @param store where executions are kept
     * @param ticker the time source of timed waits
     * @param <K> the key type
     * @param <V> the result type
     * @return a new guard
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> IdempotencyGuard<K, V> of(IdempotencyStore<K, V> store, Ticker ticker) {
        return new IdempotencyGuard<>("idempotency-" + SEQUENCE.incrementAndGet(), store, ticker);
    }

    /**
     * Like {@link #of(IdempotencyStore, Ticker)}, with a name for {@code toString}, stats and
     * metric tags (the factories without one name the guard {@code idempotency-N}).
     *
     * @param name the guard's name
     * @param store where executions are kept
     * @param ticker the time source of timed waits
     * @param <K> the key type
     * @param <V> the result type
     * @return a new guard
     * @throws NullPointerException if an argument is null
     */
    public static <K, V> IdempotencyGuard<K, V> of(String name, IdempotencyStore<K, V> store, Ticker ticker) {
        return new IdempotencyGuard<>(name, store, ticker);
    }

    /**
     * Returns the guard's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the guard's counters since it was built; each is read on its own, so a snapshot
     * taken while calls run may be a count apart between fields.
     *
     * @return the counters now
     */
    public IdempotencyGuardStats stats() {
        return new IdempotencyGuardStats(name, executions.sum(), failed.sum(), abandoned.sum(), replayed.sum(),
                joined.sum(), timedOut.sum());
    }

    /**
     * Runs {@code operation} for {@code key} unless it already ran or is running; blocks while a
     * duplicate is running.
     *
     * @param key the idempotency key
     * @param operation the operation
     * @return the operation's result, now or recorded
     * @throws InterruptedException if interrupted while waiting for a running duplicate
     * @throws Exception what the operation threw, now or recorded
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the store is full of running operations
     */
    public V execute(K key, Callable<? extends V> operation) throws Exception {
        try {
            return execute(key, operation, Long.MAX_VALUE);
        } catch (TimeoutException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Like {@link #execute(Object, Callable)}, but waits at most {@code maxWait} for a running
     * duplicate.
     *
     * @param key the idempotency key
     * @param operation the operation
     * @param maxWait the longest wait for a running duplicate; zero or negative means do not wait
     *     (see {@linkplain dev.patterns.time the library's timeout rule})
     * @return the operation's result, now or recorded
     * @throws TimeoutException if the running duplicate did not finish within {@code maxWait},
     *     with a message naming the key and the wait
     * @throws InterruptedException if interrupted while waiting
     * @throws Exception what the operation threw, now or recorded
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the store is full of running operations
     */
    public V execute(K key, Callable<? extends V> operation, Duration maxWait) throws Exception {
        return execute(key, operation, Deadline.saturatedNanos(Objects.requireNonNull(maxWait, "maxWait")));
    }

    private V execute(K key, Callable<? extends V> operation, long maxWaitNanos) throws Exception {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        Deadline deadline = Deadline.afterNanos(maxWaitNanos, ticker);
        for (;;) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> existing = store.putIfAbsent(key, mine);
            if (existing == null) {
                return runFirst(key, operation, mine);
            }
            LongAdder answered = existing.isDone() ? replayed : joined;
            try {
                V v = await(existing, maxWaitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline.remainingNanos());
                answered.increment();
                return v;
            } catch (TimeoutException e) {
                timedOut.increment();
                long waited = Math.max(0L, maxWaitNanos);
                String after = waited % 1_000_000 == 0 || waited >= 1_000_000_000L
                        ? TimeUnit.NANOSECONDS.toMillis(waited) + " ms" : waited + " ns";
                throw new TimeoutException("idempotent operation for key '" + key
                        + "' still running after waiting " + after);
            } catch (Abandoned again) {
                // the first execution left no outcome: claim the key ourselves
            } catch (InterruptedException interrupted) {
                throw interrupted;
            } catch (Exception recorded) {
                answered.increment(); // the recorded failure, replayed
                throw recorded;
            }
        }
    }

    private V runFirst(K key, Callable<? extends V> operation, CompletableFuture<V> mine) throws Exception {
        executions.increment();
        V result;
        try {
            result = operation.call();
        } catch (InterruptedException | Error unrecorded) {
            abandoned.increment();
            store.remove(key, mine);
            mine.completeExceptionally(ABANDONED);
            throw unrecorded;
        } catch (Exception failure) {
            failed.increment();
            mine.completeExceptionally(failure);
            store.completed(key, mine);
            throw failure;
        }
        mine.complete(result);
        store.completed(key, mine);
        return result;
    }

    private V await(CompletableFuture<V> execution, long nanos) throws Exception {
        try {
            return nanos == Long.MAX_VALUE ? execution.get() : execution.get(Math.max(0L, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw failed;
        } catch (CancellationException cancelled) {
            throw ABANDONED;
        }
    }

    @Override
    public String toString() {
        return "IdempotencyGuard[" + name + ", " + store + "]";
    }
}
