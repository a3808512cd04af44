package dev.patterns.bench.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.redis.RedisTokenBucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One hot key on a real local redis-server (started on a free loopback port by the library's
 * launcher, {@link RedisServer}), every caller of an implementation sharing one Lettuce
 * connection: {@link RedisTokenBucket} (one {@code EVALSHA} of a GCRA script; with and without the
 * local over-limit cache) beside Bucket4j's Lettuce backend ({@code GET}, then an {@code EVAL}
 * compare-and-swap, again on every lost race), and {@code lettuceFloor}: the same script by a bare
 * {@code evalsha(...).get()} on a Lettuce connection, no breaker, no timeout, no counters, which is
 * what any client of this design pays.
 *
 * <p>{@code always}: the limit is never reached; {@code limiting}: 1,000/s with a burst of 1, so most
 * calls are rejected; {@code exhausted}: one token an hour, spent before the measurement, so every
 * call is rejected (ours with the cache: locally, with no round trip).
 *
 * <p>After each iteration a line {@code [redis] ...} gives acquisitions per second (calls counted
 * over the iteration, so it holds in {@code sample} mode too), the admitted calls against the bound
 * {@code capacity + rate × elapsed} (for {@code exhausted}: against 0, the token having been spent),
 * and the Redis commands per call from {@code INFO commandstats}: for ours {@code evalsha}; for
 * Bucket4j every CAS script runs one {@code get} inside, so its round trips per call are
 * {@code get} (client GETs + EVALs) and its lost CAS per call are {@code eval - 1} (for
 * acquisitions that write).
 *
 * <p>The state is per thread, sharing one {@link Fixture} per trial under a lock: JMH makes the
 * threads of a {@code Scope.Benchmark} state spin, without yielding, while one of them runs a
 * fixture, and virtual-thread callers ({@code -Djmh.executor=VIRTUAL}) outnumbering the carriers
 * then hang as soon as the fixture's thread parks (any I/O); here waiting threads park on the lock.
 *
 * <p>Run 1, 16 and 64 callers in one command with {@link RedisTokenBucketRun}; one configuration:
 * {@code buildlock java -jar patterns-bench/target/benchmarks.jar RedisTokenBucketBench -f 1 -wi 1 -w 1s -i 1 -r 3s -bm sample -tu ms -t 16 -jvmArgsAppend -Djmh.executor=VIRTUAL}
 */
@State(Scope.Thread)
public class RedisTokenBucketBench {

    /** Guards fixture and its counters. */
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static Fixture fixture;

    @Param({"always", "limiting", "exhausted"})
    public String load;

    private Fixture shared;
    private long calls;
    private long admitted;

    /** What the callers of one trial share; created by the first thread, closed by the last. */
    static final class Fixture {
        final String load;
        final RedisServer redis;
        final RedisTokenBucket patterns;
        final RedisTokenBucket patternsNoCache;
        final RedisClient client;
        final StatefulRedisConnection<String, byte[]> bucket4jConnection;
        final BucketProxy bucket4j;
        final StatefulRedisConnection<String, String> floorConnection;
        final RedisAsyncCommands<String, String> floor;
        final String floorSha;
        final String[] floorKeys = {"floor"};
        final String[] floorArgs;
        final long capacity;
        final long perSecond;
        int users;
        int reported;
        long calls;
        long admitted;
        long windowStart = System.nanoTime();
        Map<String, Long> commandsBefore = Map.of();

        Fixture(String load) throws ReflectiveOperationException {
            this.load = load;
            capacity = switch (load) {
                case "always" -> 1_000_000_000L;
                case "limiting", "exhausted" -> 1L;
                default -> throw new IllegalArgumentException("load: " + load + " (expected: always, limiting, exhausted)");
            };
            Duration period = load.equals("exhausted") ? Duration.ofHours(1) : Duration.ofSeconds(1);
            long tokens = switch (load) {
                case "always" -> 1_000_000L;
                case "limiting" -> 1_000L;
                default -> 1L;
            };
            perSecond = load.equals("exhausted") ? 0L : tokens;
            redis = RedisServer.start();
            patterns = RedisTokenBucket.builder().uri(redis.uri()).key("ours").capacity(capacity)
                    .refill(tokens, period).timeout(Duration.ofSeconds(5)).build();
            patternsNoCache = RedisTokenBucket.builder().uri(redis.uri()).key("ours-nocache").capacity(capacity)
                    .refill(tokens, period).timeout(Duration.ofSeconds(5)).localRejectionCache(false).build();
            client = RedisClient.create(redis.uri());
            bucket4jConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            bucket4j = Bucket4jLettuce.casBasedBuilder(bucket4jConnection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build().builder()
                    .build("theirs", () -> BucketConfiguration.builder()
                            .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period)).build());
            // the floor runs our script text (read by reflection: it is not an API) with our arguments
            var field = Class.forName("dev.patterns.resilience.redis.ScriptedTokenBucket").getDeclaredField("SCRIPT");
            field.setAccessible(true);
            floorConnection = client.connect(StringCodec.UTF8);
            floor = floorConnection.async();
            floorSha = floorConnection.sync().scriptLoad((String) field.get(null));
            long intervalMicros = period.toNanos() / 1_000L / tokens;
            floorArgs = new String[] {Long.toString(intervalMicros), Long.toString(capacity * intervalMicros), "1", "0", "t"};
            if (load.equals("exhausted") && (!patterns.tryAcquire() || !patternsNoCache.tryAcquire()
                    || !bucket4j.tryConsume(1) || floorConnection.sync().<Long>evalsha(floorSha, ScriptOutputType.INTEGER,
                            floorKeys, floorArgs) < 0)) {
                throw new IllegalStateException("a fresh key refused its one token");
            }
            commandsBefore = redis.commandCalls();
        }

        /** Called by each thread at the end of an iteration; the last one prints the window's line. */
        void report(long threadCalls, long threadAdmitted, BenchmarkParams params) {
            calls += threadCalls;
            admitted += threadAdmitted;
            if (++reported < params.getThreads()) {
                return;
            }
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            Map<String, Long> now = redis.commandCalls();
            Map<String, Long> c = new HashMap<>();
            now.forEach((command, n) -> c.put(command, n - commandsBefore.getOrDefault(command, 0L)));
            long perCall = Math.max(1, calls);
            long bound = load.equals("exhausted") ? 0L : capacity + (long) Math.ceil(perSecond * seconds);
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            System.out.printf("%n[redis] %s load=%s threads=%d executor=%s calls/s=%,.0f admitted=%d (bound %d: %s)"
                            + " per call: evalsha=%.4f eval=%.3f get=%.3f (all: %s)%n",
                    name, load, params.getThreads(), System.getProperty("jmh.executor", "platform"), calls / seconds,
                    admitted, bound, admitted <= bound ? "kept" : "EXCEEDED",
                    c.getOrDefault("evalsha", 0L) / (double) perCall, c.getOrDefault("eval", 0L) / (double) perCall,
                    c.getOrDefault("get", 0L) / (double) perCall, c);
            commandsBefore = now;
            calls = 0;
            admitted = 0;
            reported = 0;
            windowStart = System.nanoTime();
        }

        void close() {
            patterns.close();
            patternsNoCache.close();
            bucket4jConnection.close();
            floorConnection.close();
            client.shutdown(0, 2, TimeUnit.SECONDS);
            redis.close();
        }
    }

    @Setup(Level.Trial)
    public void join() throws ReflectiveOperationException {
        LOCK.lock();
        try {
            if (fixture == null) {
                fixture = new Fixture(load);
            }
            fixture.users++;
            shared = fixture;
        } finally {
            LOCK.unlock();
        }
    }

    @Setup(Level.Iteration)
    public void resetCounts() {
        calls = 0;
        admitted = 0;
    }

    @TearDown(Level.Iteration)
    public void report(BenchmarkParams params) {
        LOCK.lock();
        try {
            shared.report(calls, admitted, params);
        } finally {
            LOCK.unlock();
        }
    }

    @TearDown(Level.Trial)
    public void leave() {
        LOCK.lock();
        try {
            if (--shared.users == 0) {
                shared.close();
                fixture = null;
            }
        } finally {
            LOCK.unlock();
        }
    }

    private boolean count(boolean granted) {
        calls++;
        if (granted) {
            admitted++;
        }
        return granted;
    }

    @Benchmark
    public boolean patterns() {
        return count(shared.patterns.tryAcquire());
    }

    @Benchmark
    public boolean patternsNoCache() {
        return count(shared.patternsNoCache.tryAcquire());
    }

    @Benchmark
    public boolean bucket4j() {
        return count(shared.bucket4j.tryConsume(1));
    }

    @Benchmark
    public long lettuceFloor() throws Exception {
        Fixture f = shared;
        Long reply = f.floor.<Long>evalsha(f.floorSha, ScriptOutputType.INTEGER, f.floorKeys, f.floorArgs).get();
        count(reply >= 0);
        return reply;
    }
}
