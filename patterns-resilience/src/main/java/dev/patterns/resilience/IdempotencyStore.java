package dev.patterns.resilience;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.patterns.time.Ticker;

/**
 * Where an {@link IdempotencyGuard} keeps its executions: one future per key, pending while the
 * operation runs and completed (with its result or failure) for the retention period after.
 *
 * <p>Implementations must be thread-safe and make {@link #putIfAbsent(Object, CompletableFuture)}
 * atomic per key; they bound their memory as they see fit, and forget entries when they like, since
 * a forgotten key only means that the operation may run again.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public interface IdempotencyStore<K, V> {

    /**
     * Returns an in-memory store of at most {@code maxEntries} keys that keeps each completed
     * execution for {@code retention} after it completed.
     *
     * @param maxEntries the most keys held, pending ones included, at least 1
     * @param retention how long a completed execution is replayed, positive
     * @param ticker the time source
     * @param <K> the key type
     * @param <V> the result type
     * @return a new store
     * @throws NullPointerException if {@code retention} or {@code ticker} is null
     * @throws IllegalArgumentException if an argument is out of range
     */
    static <K, V> IdempotencyStore<K, V> inMemory(int maxEntries, Duration retention, Ticker ticker) {
        return new InMemoryIdempotencyStore<>(maxEntries, retention, ticker);
    }

    /**
     * Stores {@code pending} under {@code key} unless a live execution is there; atomically.
     *
     * @param key the key
     * @param pending the new execution's future
     * @return the live execution's future, or {@code null} if {@code pending} was stored
     * @throws IllegalStateException if the store is full of pending executions
     */
    CompletableFuture<V> putIfAbsent(K key, CompletableFuture<V> pending);

    /**
     * Tells the store that {@code execution} completed; its retention starts now.
     *
     * @param key the key
     * @param execution the execution stored under it
     * @throws NullPointerException if an argument is null
     */
    void completed(K key, CompletableFuture<V> execution);

    /**
     * Removes {@code key} if {@code execution} is still the one stored under it.
     *
     * @param key the key
     * @param execution the execution to remove
     * @throws NullPointerException if an argument is null
     */
    void remove(K key, CompletableFuture<V> execution);

    /**
     * Returns how many keys are held now (expired ones may still be counted until purged).
     *
     * @return the number of keys
     */
    int size();
}
