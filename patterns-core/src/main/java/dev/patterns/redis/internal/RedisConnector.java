package dev.patterns.redis.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

/**
 * Opens the Lettuce connections the library's Redis components own: one client and one shared,
 * auto-reconnecting connection per component, commands rejected at once while disconnected (so a
 * dead server costs a failed future, not a queued command) and every command bounded by a timeout.
 * For the library's own modules; not an API.
 */
public final class RedisConnector {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A wait for {@link #await} that leaves the bound to the connection: for a connection from
     * {@link #connect}, whose every command fails with a {@code RedisCommandTimeoutException} after
     * its timeout (Lettuce's timer, which ticks every 100 ms). Waiting untimed saves a virtual
     * thread's timed park: registering and cancelling a timer on each call, a fifth to a third of
     * a hot path's throughput on a small machine.
     */
    public static final long CONNECTION_TIMEOUT = Long.MIN_VALUE;

    private RedisConnector() {
    }

    /**
     * A client and the one connection a component owns; {@link #close()} ends both.
     *
     * @param client the client
     * @param connection its connection
     */
    public record Owned(RedisClient client, StatefulRedisConnection<String, String> connection) implements AutoCloseable {

        /** Checks the components. */
        public Owned {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(connection, "connection");
        }

        @Override
        public void close() {
            try {
                connection.close();
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Parses {@code uri}.
     *
     * @param uri a Redis URI such as {@code redis://127.0.0.1:6379}
     * @return the parsed URI
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException naming the URI if it is not a Redis URI
     */
    public static RedisURI parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            RedisURI parsed = RedisURI.create(uri);
            if (parsed.getHost() == null && parsed.getSocket() == null && parsed.getSentinels().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
            return parsed;
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException bad) {
            throw new IllegalArgumentException("uri: '" + uri + "' (expected: a Redis URI such as redis://host:6379): "
                    + bad.getMessage(), bad);
        }
    }

    /**
     * Connects to {@code uri} for the component {@code owner}; on failure releases everything.
     *
     * @param uri the Redis URI
     * @param owner the component's name, for messages
     * @param timeout the bound on every command (connecting may take up to 10 s or this, the longer)
     * @return the client and its connection
     * @throws IllegalArgumentException if {@code uri} is not a Redis URI
     * @throws IllegalStateException naming the URI and the owner if the server can not be reached
     */
    public static Owned connect(String uri, String owner, Duration timeout) {
        RedisURI parsed = parse(uri);
        // the handshake of a cold JVM takes longer than a command: it gets its own bound
        parsed.setTimeout(timeout.compareTo(CONNECT_TIMEOUT) > 0 ? timeout : CONNECT_TIMEOUT);
        RedisClient client = RedisClient.create(parsed);
        try {
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .build());
            return new Owned(client, client.connect(StringCodec.UTF8));
        } catch (RedisException | IllegalStateException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new IllegalStateException(owner + ": cannot connect to " + uri + ": " + rootMessage(e), e);
        }
    }

    /**
     * Waits at most {@code timeoutNanos} for {@code future}, unwrapping its failure.
     *
     * @param future the command's future
     * @param timeoutNanos the longest wait, or {@link #CONNECTION_TIMEOUT}
     * @param <T> the result type
     * @return the result
     * @throws InterruptedException if interrupted while waiting
     * @throws TimeoutException if no answer came in time
     * @throws RedisException what the command failed with (a {@code RuntimeException} not from
     *     Lettuce is rethrown as is)
     */
    public static <T> T await(Future<T> future, long timeoutNanos) throws InterruptedException, TimeoutException {
        try {
            return timeoutNanos == CONNECTION_TIMEOUT ? future.get()
                    : future.get(Math.max(0L, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new RedisException(cause);
        }
    }

    /**
     * Returns the innermost message of {@code t}'s causes.
     *
     * @param t a failure
     * @return its root cause's message, or its class name
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
