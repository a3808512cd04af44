package dev.patterns.resilience.redis;

import java.time.Duration;
import java.util.Objects;

import dev.patterns.internal.Checks;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.time.Deadline;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Configures a {@link RedisIdempotencyStore}. Not thread-safe; {@link #build()} may be called more
 * than once. Required: a {@linkplain #uri URI} or a {@linkplain #connection connection}. Defaults:
 * key prefix {@code "idempotency:"}, retention 24 h, claim timeout 60 s, poll interval 50 ms,
 * timeout 1 s.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class RedisIdempotencyStoreBuilder<K, V> {

    private final ResultCodec<V> codec;
    private String name;
    private String uri;
    private StatefulRedisConnection<String, String> connection;
    private String keyPrefix = "idempotency:";
    private Duration retention = Duration.ofHours(24);
    private Duration claimTimeout = Duration.ofSeconds(60);
    private Duration pollInterval = Duration.ofMillis(50);
    private Duration timeout = Duration.ofSeconds(1);

    RedisIdempotencyStoreBuilder(ResultCodec<V> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Names the store in messages, stats and its poller thread; by default
     * {@code "redis-idempotency:" + keyPrefix}.
     *
     * @param name the name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public RedisIdempotencyStoreBuilder<K, V> name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Connects to this Redis; the store owns the connection.
     *
     * @param uri a Redis URI such as {@code redis://host:6379}
     * @return this builder
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if {@code uri} is not a Redis URI
     */
    public RedisIdempotencyStoreBuilder<K, V> uri(String uri) {
        RedisConnector.parse(uri);
        this.uri = uri;
        this.connection = null;
        return this;
    }

    /**
     * Uses this connection; the caller keeps ownership.
     *
     * @param connection a Lettuce connection with string keys and values
     * @return this builder
     * @throws NullPointerException if {@code connection} is null
     */
    public RedisIdempotencyStoreBuilder<K, V> connection(StatefulRedisConnection<String, String> connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.uri = null;
        return this;
    }

    /**
     * Sets the prefix of the Redis keys ({@code prefix + key.toString()}).
     *
     * @param keyPrefix the prefix; may be empty
     * @return this builder
     * @throws NullPointerException if {@code keyPrefix} is null
     */
    public RedisIdempotencyStoreBuilder<K, V> keyPrefix(String keyPrefix) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        return this;
    }

    /**
     * Sets how long an outcome is replayed after it was stored (its TTL).
     *
     * @param retention positive
     * @return this builder
     * @throws NullPointerException if {@code retention} is null
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public RedisIdempotencyStoreBuilder<K, V> retention(Duration retention) {
        this.retention = Checks.duration("retention", retention, false);
        return this;
    }

    /**
     * Sets how long a claim stands without an outcome before another process may take it over.
     *
     * @param claimTimeout positive; longer than the slowest operation
     * @return this builder
     * @throws NullPointerException if {@code claimTimeout} is null
     * @throws IllegalArgumentException if {@code claimTimeout} is not positive
     */
    public RedisIdempotencyStoreBuilder<K, V> claimTimeout(Duration claimTimeout) {
        this.claimTimeout = Checks.duration("claimTimeout", claimTimeout, false);
        return this;
    }

    /**
     * Sets how often a duplicate waiting on another process looks for the outcome.
     *
     * @param pollInterval positive
     * @return this builder
     * @throws NullPointerException if {@code pollInterval} is null
     * @throws IllegalArgumentException if {@code pollInterval} is not positive
     */
    public RedisIdempotencyStoreBuilder<K, V> pollInterval(Duration pollInterval) {
        this.pollInterval = Checks.duration("pollInterval", pollInterval, false);
        return this;
    }

    /**
     * Bounds each round trip to Redis.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public RedisIdempotencyStoreBuilder<K, V> timeout(Duration timeout) {
        this.timeout = Checks.duration("timeout", timeout, false);
        return this;
    }

    /**
     * Builds the store: connects (from a URI) and loads its scripts, so a missing server fails here.
     *
     * @return a new store
     * @throws IllegalStateException if neither URI nor connection was set, or the server can not be
     *     reached (then nothing is left open)
     */
    public RedisIdempotencyStore<K, V> build() {
        if (uri == null && connection == null) {
            throw Checks.notSet("uri", "uri(uri) or connection(connection) before build()");
        }
        String storeName = name != null ? name : "redis-idempotency:" + keyPrefix;
        RedisConnector.Owned owned = uri != null ? RedisConnector.connect(uri, "idempotency store '" + storeName + "'", timeout) : null;
        try {
            return new ScriptedIdempotencyStore<>(storeName, codec, keyPrefix, retention.toMillis(), claimTimeout.toMillis(),
                    Deadline.saturatedNanos(pollInterval), Deadline.saturatedNanos(timeout), owned,
                    owned != null ? owned.connection() : connection);
        } catch (RuntimeException failed) {
            if (owned != null) {
                owned.close();
            }
            throw failed;
        }
    }
}
