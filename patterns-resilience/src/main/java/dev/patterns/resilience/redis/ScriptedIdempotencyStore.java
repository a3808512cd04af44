package dev.patterns.resilience.redis;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.redis.internal.LuaScript;
import dev.patterns.redis.internal.RedisConnector;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * Values in Redis: {@code "P:" + token} while claimed (the token is unique per claim),
 * {@code "D:" + encoded result} or {@code "F:" + class + "\n" + message} once recorded.
 *
 * <p>Implementation notes. Claiming and recording are compare-and-set scripts on that one value, so
 * an owner whose claim expired and was taken over can not overwrite the new owner's outcome. This
 * process's claims are kept in {@link #claims}, so a same-process duplicate shares the running
 * future (and sees the original exception); duplicates of another process's claim share one
 * future per key in {@link #watches}, which the poller completes, fails, or cancels when the claim
 * is gone or changed hands (the guard then claims again).
 */
final class ScriptedIdempotencyStore<K, V> implements RedisIdempotencyStore<K, V> {

    static final String CLAIM = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return '' end
            return redis.call('GET', KEYS[1]) or ''
            """;
    static final String RECORD = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            return redis.call('DEL', KEYS[1])
            """;

    private record Claim<V>(String value, CompletableFuture<V> future) {
    }

    private record Watch<V>(String claim, CompletableFuture<V> future) {
    }

    private final String name;
    private final ResultCodec<V> codec;
    private final String prefix;
    private final String retentionMillis;
    private final String claimMillis;
    private final long timeoutNanos;
    private final RedisConnector.Owned owned;
    private final RedisAsyncCommands<String, String> commands;
    private final LuaScript claim;
    private final LuaScript record;
    private final LuaScript release;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Claim<V>> claims = new ConcurrentHashMap<>();
    private final Map<String, Watch<V>> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    private final LongAdder claimed = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final LongAdder takenOver = new LongAdder();
    private final LongAdder recorded = new LongAdder();
    private final LongAdder lostClaims = new LongAdder();
    private final LongAdder failures = new LongAdder();

    ScriptedIdempotencyStore(String name, ResultCodec<V> codec, String prefix, long retentionMillis, long claimMillis,
            long pollNanos, long timeoutNanos, RedisConnector.Owned owned, StatefulRedisConnection<String, String> connection) {
        this.name = name;
        this.codec = codec;
        this.prefix = prefix;
        this.retentionMillis = Long.toString(Math.max(1L, retentionMillis));
        this.claimMillis = Long.toString(Math.max(1L, claimMillis));
        this.timeoutNanos = timeoutNanos;
        this.owned = owned;
        this.commands = connection.async();
        this.claim = new LuaScript(CLAIM, ScriptOutputType.VALUE, commands);
        this.record = new LuaScript(RECORD, ScriptOutputType.INTEGER, commands);
        this.release = new LuaScript(RELEASE, ScriptOutputType.INTEGER, commands);
        try {
            for (LuaScript script : new LuaScript[] {claim, record, release}) {
                script.load(commands, timeoutNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("idempotency store '" + name + "': interrupted while loading its scripts", e);
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("idempotency store '" + name + "': cannot load its scripts: "
                    + RedisConnector.rootMessage(e), e);
        }
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-poller").daemon(true).factory());
        poller.scheduleWithFixedDelay(this::poll, pollNanos, pollNanos, TimeUnit.NANOSECONDS);
    }

    private String redisKey(K key) {
        return prefix + Objects.requireNonNull(key, "key");
    }

    private <T> T call(LuaScript script, String key, String... args) {
        try {
            return script.call(commands, new String[] {key}, args, timeoutNanos, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("idempotency store '" + name + "': interrupted while calling Redis", e);
        } catch (TimeoutException | RuntimeException e) {
            failures.increment();
            throw new IllegalStateException("idempotency store '" + name + "': Redis did not answer for " + key + ": "
                    + RedisConnector.rootMessage(e), e);
        }
    }

    @Override
    public CompletableFuture<V> putIfAbsent(K key, CompletableFuture<V> pending) {
        String rk = redisKey(key);
        Objects.requireNonNull(pending, "pending");
        Claim<V> local = claims.get(rk);
        if (local != null) {
            return local.future();
        }
        String value = "P:" + instance + ":" + sequence.incrementAndGet();
        String found = call(claim, rk, value, claimMillis);
        if (found.isEmpty()) {
            claims.put(rk, new Claim<>(value, pending));
            claimed.increment();
            return null;
        }
        CompletableFuture<V> outcome = new CompletableFuture<>();
        if (settle(found, outcome)) {
            replayed.increment();
            return outcome;
        }
        local = claims.get(rk);
        if (local != null && local.value().equals(found)) {
            return local.future(); // claimed by this process between our look-up and the script
        }
        waited.increment();
        Watch<V> watch = watches.compute(rk, (k, w) -> w != null && w.claim().equals(found) && !w.future().isDone() ? w
                : new Watch<>(found, new CompletableFuture<>()));
        return watch.future();
    }

    /** Completes {@code outcome} if {@code value} is a recorded outcome; answers whether it was. */
    private boolean settle(String value, CompletableFuture<V> outcome) {
        if (value.startsWith("D:")) {
            outcome.complete(codec.decode(value.substring(2)));
            return true;
        }
        if (value.startsWith("F:")) {
            int nl = value.indexOf('\n');
            String cls = nl < 0 ? value.substring(2) : value.substring(2, nl);
            String message = nl < 0 ? null : value.substring(nl + 1);
            outcome.completeExceptionally(new RecordedFailureException(cls, message == null || message.isEmpty() ? null : message));
            return true;
        }
        return false;
    }

    /** Looks up every watched key (pipelined) and settles the watches whose claim ended. */
    private void poll() {
        if (watches.isEmpty()) {
            return;
        }
        Map<String, RedisFuture<String>> lookups = new java.util.HashMap<>();
        watches.forEach((rk, w) -> lookups.put(rk, commands.get(rk)));
        lookups.forEach((rk, lookup) -> {
            Watch<V> watch = watches.get(rk);
            if (watch == null) {
                return;
            }
            String value;
            try {
                value = RedisConnector.await(lookup, timeoutNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (TimeoutException | RuntimeException e) {
                failures.increment(); // keep waiting: the caller's own timeout bounds the wait
                return;
            }
            if (value != null && value.equals(watch.claim())) {
                return; // still running
            }
            if (value == null || !settle(value, watch.future())) {
                takenOver.increment();
                watch.future().cancel(false); // the claim expired or changed hands: claim again
            }
            watches.remove(rk, watch);
        });
    }

    @Override
    public void completed(K key, CompletableFuture<V> execution) {
        Objects.requireNonNull(execution, "execution");
        String rk = redisKey(key);
        Claim<V> mine = claims.get(rk);
        if (mine == null || mine.future() != execution || !claims.remove(rk, mine)) {
            return;
        }
        String outcome;
        try {
            if (execution.isCompletedExceptionally()) {
                Throwable failure = execution.exceptionNow();
                outcome = "F:" + failure.getClass().getName() + "\n" + Objects.requireNonNullElse(failure.getMessage(), "");
            } else {
                outcome = "D:" + codec.encode(execution.resultNow());
            }
        } catch (RuntimeException encodingFailed) {
            failures.increment();
            tryRelease(rk, mine.value());
            return;
        }
        try {
            Long stored = call(record, rk, mine.value(), outcome, retentionMillis);
            (stored == 1L ? recorded : lostClaims).increment();
        } catch (IllegalStateException unavailable) {
            // counted; the claim expires and a retry runs the operation again
        }
    }

    @Override
    public void remove(K key, CompletableFuture<V> execution) {
        Objects.requireNonNull(execution, "execution");
        String rk = redisKey(key);
        Claim<V> mine = claims.get(rk);
        if (mine != null && mine.future() == execution && claims.remove(rk, mine)) {
            tryRelease(rk, mine.value());
        }
    }

    private void tryRelease(String rk, String value) {
        try {
            call(release, rk, value);
        } catch (IllegalStateException unavailable) {
            // counted; the claim expires by itself
        }
    }

    @Override
    public int size() {
        return claims.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RedisIdempotencyStoreStats stats() {
        return new RedisIdempotencyStoreStats(name, claimed.sum(), replayed.sum(), waited.sum(), takenOver.sum(),
                recorded.sum(), lostClaims.sum(), failures.sum(), claims.size());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        boolean interrupted = false;
        try {
            while (!poller.awaitTermination(10, TimeUnit.SECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        watches.values().forEach(w -> w.future().cancel(false));
        watches.clear();
        if (owned != null) {
            owned.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RedisIdempotencyStore[" + name + ", prefix=" + prefix + ", in flight " + claims.size() + "]";
    }
}
