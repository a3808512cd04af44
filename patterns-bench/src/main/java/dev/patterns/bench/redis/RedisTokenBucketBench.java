package dev.patterns.bench.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.resilience.redis.RedisTokenBucket;
import dev.patterns.testing.redis.RedisServer;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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

/**
 * One hot key on a real local redis-server (started on a free loopback port by the tests' launcher,
 * {@link RedisServer}), every caller sharing one Lettuce connection: {@link RedisTokenBucket} (one
 * {@code EVALSHA} of a GCRA script; with and without the local over-limit cache) beside Bucket4j's
 * Lettuce backend ({@code GET}, then an {@code EVAL} compare-and-swap, again on every lost race).
 * {@code always}: the limit is never reached; {@code limiting}: 1,000/s with a burst of 1, so most
 * calls are rejected. After each iteration a line {@code [redis] ...} gives the Redis commands per
 * call from {@code INFO commandstats}: for ours {@code evalsha}; for Bucket4j every CAS script runs
 * one {@code get} inside, so its round trips per call are {@code get} (client GETs + EVALs) and its
 * lost CAS per call are {@code eval - 1} (for acquisitions that write).
 *
 * <p>Run, once per number of callers (1, 16, 64):
 * {@code buildlock java -jar patterns-bench/target/benchmarks.jar RedisTokenBucketBench -f 1 -wi 1 -w 2s -i 2 -r 3s -bm thrpt,sample -tu ms -t 16}
 */
@State(Scope.Benchmark)
public class RedisTokenBucketBench {

    static final LongAdder CALLS = new LongAdder();

    @Param({"always", "limiting"})
    public String load;

    private RedisServer redis;
    private RedisTokenBucket patterns;
    private RedisTokenBucket patternsNoCache;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> bucket4jConnection;
    private BucketProxy bucket4j;

    @Setup(Level.Trial)
    public void start() {
        redis = RedisServer.start();
        boolean always = load.equals("always");
        long perSecond = always ? 1_000_000L : 1_000L;
        long burst = always ? 1_000_000_000L : 1L;
        patterns = RedisTokenBucket.builder().uri(redis.uri()).key("ours").capacity(burst)
                .refill(perSecond, Duration.ofSeconds(1)).timeout(Duration.ofSeconds(5)).build();
        patternsNoCache = RedisTokenBucket.builder().uri(redis.uri()).key("ours-nocache").capacity(burst)
                .refill(perSecond, Duration.ofSeconds(1)).timeout(Duration.ofSeconds(5)).localRejectionCache(false).build();
        client = RedisClient.create(redis.uri());
        bucket4jConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        bucket4j = Bucket4jLettuce.casBasedBuilder(bucket4jConnection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build().builder()
                .build("theirs", () -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1))).build());
    }

    @Setup(Level.Iteration)
    public void resetCounts() {
        redis.resetStats();
        CALLS.reset();
    }

    @TearDown(Level.Iteration)
    public void printCounts() {
        long calls = Math.max(1, CALLS.sum());
        Map<String, Long> c = redis.commandCalls();
        System.out.printf("%n[redis] load=%s calls=%d per call: evalsha=%.3f eval=%.3f get=%.3f time=%.3f (all: %s)%n",
                load, CALLS.sum(), c.getOrDefault("evalsha", 0L) / (double) calls, c.getOrDefault("eval", 0L) / (double) calls,
                c.getOrDefault("get", 0L) / (double) calls, c.getOrDefault("time", 0L) / (double) calls, c);
    }

    @TearDown(Level.Trial)
    public void stop() {
        patterns.close();
        patternsNoCache.close();
        bucket4jConnection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        redis.close();
    }

    @Benchmark
    public boolean patterns() {
        CALLS.increment();
        return patterns.tryAcquire();
    }

    @Benchmark
    public boolean patternsNoCache() {
        CALLS.increment();
        return patternsNoCache.tryAcquire();
    }

    @Benchmark
    public boolean bucket4j() {
        CALLS.increment();
        return bucket4j.tryConsume(1);
    }
}
