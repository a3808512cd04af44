package dev.patterns.redis.internal;

import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * A Lua script called by {@code EVALSHA}: one command, a few dozen bytes, per call. Loaded when the
 * component is built; reloaded ({@code SCRIPT LOAD}, then the call again) when the server answers
 * {@code NOSCRIPT} because it restarted or its script cache was flushed. Thread-safe, immutable.
 * Scripts written for it must run on Redis 6.2 and later (no {@code FUNCTION}).
 */
public final class LuaScript {

    private final String text;
    private final String sha;
    private final ScriptOutputType type;

    /**
     * Creates the script; its SHA1 is computed here, the server learns it on the first load.
     *
     * @param text the Lua text
     * @param type the reply type
     * @param commands a connection, for the digest function
     */
    public LuaScript(String text, ScriptOutputType type, RedisAsyncCommands<String, String> commands) {
        this.text = Objects.requireNonNull(text, "text");
        this.type = Objects.requireNonNull(type, "type");
        this.sha = commands.digest(text);
    }

    /**
     * Loads the script into the server's cache.
     *
     * @param commands the connection
     * @param timeoutNanos the longest wait
     * @throws InterruptedException if interrupted
     * @throws TimeoutException if the server did not answer in time
     */
    public void load(RedisAsyncCommands<String, String> commands, long timeoutNanos) throws InterruptedException, TimeoutException {
        RedisConnector.await(commands.scriptLoad(text), timeoutNanos);
    }

    /**
     * Runs the script: one {@code EVALSHA}; after {@code NOSCRIPT}, a load and one more call.
     *
     * @param commands the connection
     * @param keys the keys
     * @param args the arguments
     * @param timeoutNanos the longest wait per command
     * @param reloads counts reloads; may be null
     * @param <T> the reply type
     * @return the reply
     * @throws InterruptedException if interrupted
     * @throws TimeoutException if the server did not answer in time
     */
    public <T> T call(RedisAsyncCommands<String, String> commands, String[] keys, String[] args, long timeoutNanos,
            LongAdder reloads) throws InterruptedException, TimeoutException {
        try {
            return RedisConnector.await(commands.<T>evalsha(sha, type, keys, args), timeoutNanos);
        } catch (RedisNoScriptException unknown) {
            if (reloads != null) {
                reloads.increment();
            }
            load(commands, timeoutNanos);
            return RedisConnector.await(commands.<T>evalsha(sha, type, keys, args), timeoutNanos);
        }
    }

    /**
     * Returns the script's SHA1.
     *
     * @return the SHA1
     */
    public String sha() {
        return sha;
    }

    @Override
    public String toString() {
        return "LuaScript[" + sha + "]";
    }
}
