package dev.patterns.resilience.redis;

import dev.patterns.resilience.IdempotencyStore;

/**
 * An {@link IdempotencyStore} shared by every process that uses the same Redis and key prefix, for
 * an {@link dev.patterns.resilience.IdempotencyGuard}: an operation runs at most once per key across
 * the fleet while its outcome is retained, and retries from any instance get the recorded outcome.
 *
 * <p>A first caller claims the key with one command ({@code SET key claim NX PX claimTimeout}, in a
 * script that also returns what is there when the claim fails). Its outcome is stored with a TTL
 * of {@code retention}, only if its claim still stands, and replayed: a result through the
 * {@link ResultCodec}, a failure as a {@link RecordedFailureException} (in this process, the
 * original exception). A duplicate that finds the key claimed by another process waits for its
 * outcome (polling every {@code pollInterval}); if the claim expires first, its owner is presumed
 * dead and the duplicate takes the key over and runs the operation. So an operation that outlives
 * {@code claimTimeout} can run twice: choose it longer than the slowest operation.
 *
 * <p>While Redis does not answer within the timeout, {@code putIfAbsent} throws
 * {@link IllegalStateException} (the guard then fails the call rather than run it unguarded);
 * an outcome that can not be stored is counted and dropped (a retry then runs the operation again).
 * {@link #size()} counts this process's claims still running. Thread-safe.
 *
 * <pre>{@code
 * try (RedisIdempotencyStore<String, String> store = RedisIdempotencyStore.builder(ResultCodec.strings())
 *         .uri("redis://cache:6379").keyPrefix("payments:").retention(Duration.ofHours(24)).build()) {
 *     IdempotencyGuard<String, String> payments = IdempotencyGuard.of(store, Ticker.system());
 *     String receipt = payments.execute(request.idempotencyKey(), () -> charge(request));
 * }
 * }</pre>
 *
 * @param <K> the key type (its {@code toString()} names the Redis key after the prefix)
 * @param <V> the result type
 */
public interface RedisIdempotencyStore<K, V> extends IdempotencyStore<K, V>, AutoCloseable {

    /**
     * Returns a builder for results encoded by {@code codec}.
     *
     * @param codec the result codec, e.g. {@link ResultCodec#strings()}
     * @param <K> the key type
     * @param <V> the result type
     * @return a new builder
     * @throws NullPointerException if {@code codec} is null
     */
    static <K, V> RedisIdempotencyStoreBuilder<K, V> builder(ResultCodec<V> codec) {
        return new RedisIdempotencyStoreBuilder<>(codec);
    }

    /**
     * Returns the store's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns a snapshot of the counters; never touches Redis.
     *
     * @return the stats
     */
    RedisIdempotencyStoreStats stats();

    /**
     * Stops polling (duplicates still waiting are cancelled, so their guard claims the key itself)
     * and closes the connection if the builder opened it.
     */
    @Override
    void close();
}
