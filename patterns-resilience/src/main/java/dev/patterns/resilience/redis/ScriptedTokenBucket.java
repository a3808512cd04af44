package dev.patterns.resilience.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.redis.internal.LuaScript;
import dev.patterns.redis.internal.RedisConnector;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.resilience.TokenBucketStats;
import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The GCRA bucket of {@code GcraTokenBucket}, with its one {@code long} of state ("the time at which
 * the bucket is empty", in server microseconds) kept in Redis and changed by a script.
 *
 * <p>Implementation notes. The script reads {@code TIME}, computes
 * {@code base = max(stored, now - tau)} and {@code next = base + n × interval}; it admits iff
 * {@code next - now <= maxWait} and then stores {@code next} with a TTL of {@code next + tau - now}
 * (the moment the bucket is full again, when a missing key means the same). Redis runs scripts one
 * at a time, so the bound {@code capacity + rate × t} holds across any number of clients for the
 * same reason it holds for the local CAS. Times are whole microseconds below 2^53, exact in Lua's
 * doubles; stored with {@code %.0f} since {@code tostring} would round them. Replies: {@code >= 0}
 * admitted (the microseconds to wait on a reservation), {@code < 0} refused (minus the microseconds
 * until the tokens exist). The local cache keeps "no single token before ticker time t", computed
 * from a ticker read taken before the request was sent, so it expires no later than the token
 * appears in Redis: it rejects only what Redis would reject (unless Redis lost the key), and can
 * never admit anything.
 */
final class ScriptedTokenBucket implements RedisTokenBucket {

    static final String SCRIPT = """
            if redis.replicate_commands then redis.replicate_commands() end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local tau = tonumber(ARGV[2])
            local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
            local base = math.max(stored, now - tau)
            if ARGV[5] == 'a' then return math.max(0, math.floor((now - base) / interval)) end
            local nxt = base + tonumber(ARGV[3]) * interval
            local wait = nxt - now
            if ARGV[5] == 'e' then return math.max(0, wait) end
            if wait > tonumber(ARGV[4]) then return -wait end
            redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.ceil((nxt + tau - now) / 1000))
            return math.max(0, wait)
            """;

    private static final long UNAVAILABLE = Long.MIN_VALUE;
    private static final long WAIT_FOREVER_MICROS = 1L << 50;

    private final String name;
    private final String key;
    private final String[] keys;
    private final long capacity;
    private final long intervalMicros;
    private final String interval;
    private final String tau;
    /** The arguments of {@code tryAcquire(1)}, shared read-only by every call. */
    private final String[] tryOne;
    private final long timeoutNanos;
    /** How a call waits for its reply: untimed on a connection of our own, which times commands out. */
    private final long replyWait;
    private final RedisOutage outage;
    private final TokenBucket fallback;
    private final boolean localCache;
    private final CircuitBreaker breaker;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final RedisConnector.Owned owned;
    private final RedisAsyncCommands<String, String> commands;
    private final LuaScript script;
    /** Ticker time before which no single token exists in Redis; only moves forward in practice. */
    private volatile long exhaustedUntil;

    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder rejectedLocally = new LongAdder();
    private final LongAdder redisCalls = new LongAdder();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder degradedAdmitted = new LongAdder();
    private final LongAdder degradedRejected = new LongAdder();

    ScriptedTokenBucket(String name, String key, long capacity, long intervalMicros, long timeoutNanos,
            RedisOutage outage, TokenBucket fallback, boolean localCache, CircuitBreaker breaker, Ticker ticker,
            Sleeper sleeper, RedisConnector.Owned owned, StatefulRedisConnection<String, String> connection) {
        this.name = name;
        this.key = key;
        this.keys = new String[] {key};
        this.capacity = capacity;
        this.intervalMicros = intervalMicros;
        this.interval = Long.toString(intervalMicros);
        this.tau = Long.toString(capacity * intervalMicros);
        this.tryOne = new String[] {interval, tau, "1", "0", "t"};
        this.timeoutNanos = timeoutNanos;
        this.replyWait = owned != null ? RedisConnector.CONNECTION_TIMEOUT : timeoutNanos;
        this.outage = outage;
        this.fallback = fallback;
        this.localCache = localCache;
        this.breaker = breaker;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.owned = owned;
        this.commands = connection.async();
        this.script = new LuaScript(SCRIPT, ScriptOutputType.INTEGER, commands);
        this.exhaustedUntil = ticker.read();
        try {
            script.load(commands, timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("token bucket '" + name + "': interrupted while loading its script", e);
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("token bucket '" + name + "': cannot load its script: "
                    + RedisConnector.rootMessage(e), e);
        }
    }

    private void checkPermits(long permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
        }
        if (permits > capacity) {
            throw new IllegalArgumentException("permits: " + permits + " (expected: <= capacity " + capacity
                    + "; more can never be available at once)");
        }
    }

    /** One script call guarded by the breaker: its reply, or {@link #UNAVAILABLE}. */
    private long eval(String[] args) throws InterruptedException {
        long permit = breaker.tryAcquirePermit();
        if (permit == CircuitBreaker.NO_PERMIT) {
            return UNAVAILABLE;
        }
        long start = ticker.read();
        try {
            Long reply = script.call(commands, keys, args, replyWait, reloads);
            breaker.onSuccess(permit, ticker.read() - start);
            redisCalls.increment();
            return reply;
        } catch (InterruptedException e) {
            breaker.release(permit);
            throw e;
        } catch (TimeoutException | RuntimeException e) {
            failures.increment();
            breaker.onFailure(permit, ticker.read() - start, e);
            return UNAVAILABLE;
        }
    }

    private String[] args(long permits, long maxWaitMicros, String mode) {
        return new String[] {interval, tau, Long.toString(permits), Long.toString(maxWaitMicros), mode};
    }

    /** Whether the cache knows that not even one token exists now. */
    private boolean knownExhausted(long now) {
        return localCache && now - exhaustedUntil < 0;
    }

    private void rejectedBy(long reply, long permits, long sentAt) {
        rejected.increment();
        long untilOneMicros = -reply - (permits - 1) * intervalMicros;
        if (localCache && untilOneMicros > 0) {
            long until = sentAt + untilOneMicros * 1_000L;
            if (until - exhaustedUntil > 0) {
                exhaustedUntil = until; // NOTE: a racing smaller value may win; that only costs a round trip
            }
        }
    }

    @Override
    public boolean tryAcquire() {
        return tryAcquire(1L);
    }

    @Override
    public boolean tryAcquire(long permits) {
        checkPermits(permits);
        long now = ticker.read();
        if (knownExhausted(now)) {
            rejectedLocally.increment();
            return false;
        }
        long reply;
        try {
            reply = eval(permits == 1 ? tryOne : args(permits, 0L, "t"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rejected.increment();
            return false;
        }
        if (reply == UNAVAILABLE) {
            return degradedTry(permits);
        }
        if (reply >= 0) {
            admitted.increment();
            return true;
        }
        rejectedBy(reply, permits, now);
        return false;
    }

    private boolean degradedTry(long permits) {
        boolean ok = switch (outage) {
            case FAIL_OPEN -> true;
            case FAIL_CLOSED -> false;
            case LOCAL_FALLBACK -> fallback.tryAcquire(permits);
        };
        (ok ? degradedAdmitted : degradedRejected).increment();
        return ok;
    }

    @Override
    public boolean tryAcquire(long permits, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        checkPermits(permits);
        long timeoutNanos = Deadline.saturatedNanos(timeout);
        if (timeoutNanos <= 0) {
            return tryAcquire(permits);
        }
        long now = ticker.read();
        if (knownExhausted(now) && exhaustedUntil - now + (permits - 1) * intervalMicros * 1_000L > timeoutNanos) {
            rejectedLocally.increment();
            return false;
        }
        long reply = eval(args(permits, Math.min(timeoutNanos / 1_000L, WAIT_FOREVER_MICROS), "t"));
        if (reply == UNAVAILABLE) {
            boolean ok = switch (outage) {
                case FAIL_OPEN -> true;
                case FAIL_CLOSED -> false;
                case LOCAL_FALLBACK -> fallback.tryAcquire(permits, timeout);
            };
            (ok ? degradedAdmitted : degradedRejected).increment();
            return ok;
        }
        if (reply < 0) {
            rejectedBy(reply, permits, now);
            return false;
        }
        admitted.increment();
        sleeper.sleepNanos(reply * 1_000L);
        return true;
    }

    @Override
    public void acquire(long permits) throws InterruptedException {
        checkPermits(permits);
        long reply = eval(args(permits, WAIT_FOREVER_MICROS, "t"));
        if (reply == UNAVAILABLE) {
            switch (outage) {
                case FAIL_OPEN -> degradedAdmitted.increment();
                case FAIL_CLOSED -> {
                    degradedRejected.increment();
                    throw new CallRejectedException(CallRejectedException.Reason.RATE_LIMITED,
                            "token bucket '" + name + "': Redis is unavailable and the bucket fails closed");
                }
                case LOCAL_FALLBACK -> {
                    fallback.acquire(permits);
                    degradedAdmitted.increment();
                }
            }
            return;
        }
        admitted.increment();
        sleeper.sleepNanos(reply * 1_000L);
    }

    @Override
    public long estimateWaitNanos(long permits) {
        checkPermits(permits);
        long reply;
        try {
            reply = eval(args(permits, 0L, "e"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = UNAVAILABLE;
        }
        if (reply != UNAVAILABLE) {
            return reply * 1_000L;
        }
        return switch (outage) {
            case FAIL_OPEN -> 0L;
            case FAIL_CLOSED -> Long.MAX_VALUE;
            case LOCAL_FALLBACK -> fallback.estimateWaitNanos(permits);
        };
    }

    @Override
    public long availableTokens() {
        long reply;
        try {
            reply = eval(args(1L, 0L, "a"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = UNAVAILABLE;
        }
        if (reply != UNAVAILABLE) {
            return reply;
        }
        return switch (outage) {
            case FAIL_OPEN -> capacity;
            case FAIL_CLOSED -> 0L;
            case LOCAL_FALLBACK -> fallback.availableTokens();
        };
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public long nanosPerToken() {
        return intervalMicros * 1_000L;
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        if (!tryAcquire(1L)) {
            throw new CallRejectedException(CallRejectedException.Reason.RATE_LIMITED,
                    "token bucket '" + name + "' (Redis key " + key + ") has no token");
        }
        return callable.call();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public TokenBucketStats stats() {
        return new TokenBucketStats(name, capacity, -1L,
                rejected.sum() + rejectedLocally.sum() + degradedRejected.sum());
    }

    @Override
    public RedisTokenBucketStats redisStats() {
        return new RedisTokenBucketStats(name, key, admitted.sum(), rejected.sum(), rejectedLocally.sum(),
                redisCalls.sum(), reloads.sum(), failures.sum(), degradedAdmitted.sum(), degradedRejected.sum(),
                breaker.state());
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return "RedisTokenBucket[" + name + ", key=" + key + ", capacity=" + capacity + ", " + intervalMicros
                + "µs/token, " + outage + "]";
    }
}
