package dev.patterns.channel.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.redis.internal.LuaScript;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.time.Deadline;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/** One {@code EVALSHA} per send: end-of-stream mark, then the bound, then {@code XADD}. */
final class StreamProducer<E> implements RedisStreamProducer<E> {

    static final String SEND = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return redis.error_reply('CLOSED the stream is closed') end
            if redis.call('XLEN', KEYS[1]) >= tonumber(ARGV[1]) then return false end
            return redis.call('XADD', KEYS[1], '*', 'v', ARGV[2])
            """;
    private static final long MIN_BACKOFF_NANOS = 1_000_000L;
    private static final long MAX_BACKOFF_NANOS = 50_000_000L;

    private final RedisStreamBuilder<E> config;
    private final String name;
    private final String[] keys;
    private final String capacity;
    private final long timeoutNanos;
    private final RedisConnector.Owned owned;
    private final RedisAsyncCommands<String, String> commands;
    private final LuaScript send;
    private final LongAdder sent = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();

    StreamProducer(RedisStreamBuilder<E> config, String name, RedisConnector.Owned owned) {
        this.config = config;
        this.name = name;
        this.keys = new String[] {config.stream, config.stream + ":closed"};
        this.capacity = Long.toString(config.capacity);
        this.timeoutNanos = config.timeoutNanos();
        this.owned = owned;
        this.commands = owned.connection().async();
        this.send = new LuaScript(SEND, ScriptOutputType.VALUE, commands);
        try {
            send.load(commands, timeoutNanos);
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            owned.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(name + ": cannot load its script: " + RedisConnector.rootMessage(e), e);
        }
    }

    /** One attempt: the new entry's id, or null if the stream is full. */
    private String attempt(String payload) throws InterruptedException {
        try {
            return send.call(commands, keys, new String[] {capacity, payload}, timeoutNanos, null);
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).startsWith("CLOSED")) {
                throw new IllegalStateException("stream '" + config.stream + "' is closed", e);
            }
            throw unavailable(e);
        } catch (TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private IllegalStateException unavailable(Exception e) {
        return new IllegalStateException(name + ": Redis did not answer: " + RedisConnector.rootMessage(e), e);
    }

    private String encode(E message) {
        return config.encoder.apply(Objects.requireNonNull(message, "message"));
    }

    @Override
    public boolean trySend(E message) {
        String payload = encode(message);
        try {
            return sent(attempt(payload) != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while sending", e);
        }
    }

    private boolean sent(boolean ok) {
        (ok ? sent : refusedFull).increment();
        return ok;
    }

    @Override
    public void send(E message) throws InterruptedException {
        String payload = encode(message);
        long backoff = MIN_BACKOFF_NANOS;
        while (attempt(payload) == null) {
            config.sleeper.sleepNanos(backoff);
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        }
        sent.increment();
    }

    @Override
    public boolean send(E message, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        String payload = encode(message);
        Deadline deadline = Deadline.after(timeout, config.ticker);
        long backoff = MIN_BACKOFF_NANOS;
        for (;;) {
            if (attempt(payload) != null) {
                return sent(true);
            }
            long remaining = deadline.remainingNanos();
            if (remaining <= 0) {
                return sent(false);
            }
            config.sleeper.sleepNanos(Math.min(remaining, backoff));
            backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
        }
    }

    @Override
    public RedisStreamStats stats() {
        return new RedisStreamStats(name, sent.sum(), refusedFull.sum(), 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
        try {
            RedisConnector.await(commands.set(keys[1], "1"), timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while closing the stream", e);
        } catch (TimeoutException | RuntimeException e) {
            throw unavailable(e);
        } finally {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "RedisStreamProducer[" + config.stream + ", capacity " + capacity + "]";
    }
}
