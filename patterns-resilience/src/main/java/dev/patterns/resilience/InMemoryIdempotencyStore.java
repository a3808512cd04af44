package dev.patterns.resilience;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/**
 * A bounded map under one lock, never held while anything blocks. Completed entries are moved to
 * the end when they complete, so the map's order is completion order for them and expiry and
 * eviction scan from the head; pending entries met on the way are skipped.
 */
final class InMemoryIdempotencyStore<K, V> implements IdempotencyStore<K, V> {

    /** A stored execution; {@code completedAt} is meaningful once {@code done}. */
    private record Entry<V>(CompletableFuture<V> future, boolean done, long completedAt) {
    }

    private final int maxEntries;
    private final long retentionNanos;
    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

    InMemoryIdempotencyStore(int maxEntries, Duration retention, Ticker ticker) {
        this.maxEntries = Checks.atLeast("maxEntries", maxEntries, 1);
        this.retentionNanos = Checks.nanos("retention", retention, false);
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    @Override
    public CompletableFuture<V> putIfAbsent(K key, CompletableFuture<V> pending) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pending, "pending");
        long now = ticker.read();
        lock.lock();
        try {
            Entry<V> existing = entries.get(key);
            if (existing != null && !expired(existing, now)) {
                return existing.future();
            }
            if (existing != null) {
                entries.remove(key);
            }
            purge(now);
            if (entries.size() >= maxEntries) {
                throw new IllegalStateException("idempotency store is full: " + entries.size()
                        + " operations in flight (maxEntries " + maxEntries + ")");
            }
            entries.put(key, new Entry<>(pending, false, 0L));
            return null;
        } finally {
            lock.unlock();
        }
    }

    private boolean expired(Entry<V> entry, long now) {
        return entry.done() && now - entry.completedAt() >= retentionNanos;
    }

    /** Drops expired entries, then the oldest completed ones while at capacity. Guarded by lock. */
    private void purge(long now) {
        for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<V> entry = it.next();
            if (entry.done() && (expired(entry, now) || entries.size() >= maxEntries)) {
                it.remove();
            } else if (entry.done()) {
                return; // completion order: the rest completed later
            }
        }
    }

    @Override
    public void completed(K key, CompletableFuture<V> execution) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(execution, "execution");
        long now = ticker.read();
        lock.lock();
        try {
            Entry<V> entry = entries.get(key);
            if (entry != null && entry.future() == execution) {
                entries.remove(key);
                entries.put(key, new Entry<>(execution, true, now));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(K key, CompletableFuture<V> execution) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(execution, "execution");
        lock.lock();
        try {
            Entry<V> entry = entries.get(key);
            if (entry != null && entry.future() == execution) {
                entries.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "IdempotencyStore[inMemory, size=" + size() + ", maxEntries=" + maxEntries + "]";
    }

    /** Package-private view for tests. */
    Map<K, Boolean> doneByKey() {
        lock.lock();
        try {
            Map<K, Boolean> copy = new LinkedHashMap<>();
            entries.forEach((k, e) -> copy.put(k, e.done()));
            return copy;
        } finally {
            lock.unlock();
        }
    }
}
