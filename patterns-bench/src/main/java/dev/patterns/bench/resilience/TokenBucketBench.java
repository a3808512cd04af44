package dev.patterns.bench.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.google.common.util.concurrent.RateLimiter;

import io.github.bucket4j.Bucket;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import dev.patterns.resilience.TokenBucket;

/**
 * Non-blocking acquisition of one token, beside Bucket4j (local lock-free bucket), Guava
 * {@code RateLimiter.tryAcquire()} and Resilience4j {@code RateLimiter.acquirePermission()} (timeout
 * zero). {@code always}: a rate of 10^9 tokens/s, so every acquisition succeeds; {@code limiting}:
 * 1,000 tokens/s with a burst of 1, so nearly every acquisition is refused (the cost of saying no).
 * {@code systemNanoTime} is the floor: every limiter reads the clock once per acquisition.
 *
 * <p>Run (1 then 2 threads):
 * {@code java -jar patterns-bench/target/benchmarks.jar 'resilience.TokenBucketBench' -t 1 -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc}
 * and the same with {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class TokenBucketBench {

    @Param({"always", "limiting"})
    public String load;

    private TokenBucket patterns;
    private Bucket bucket4j;
    private RateLimiter guava;
    private io.github.resilience4j.ratelimiter.RateLimiter r4j;

    @Setup
    public void setUp() {
        boolean always = load.equals("always");
        long perSecond = always ? 1_000_000_000L : 1_000L;
        long burst = always ? 1_000_000_000L : 1L;
        patterns = TokenBucket.builder().capacity(burst).refill(perSecond, Duration.ofSeconds(1)).build();
        bucket4j = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
        guava = RateLimiter.create(perSecond);
        r4j = io.github.resilience4j.ratelimiter.RateLimiter.of("bench", RateLimiterConfig.custom()
                .limitForPeriod(always ? 1_000_000 : 1)
                .limitRefreshPeriod(Duration.ofMillis(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    @Benchmark
    public boolean patterns() {
        return patterns.tryAcquire(1L);
    }

    @Benchmark
    public long systemNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public boolean bucket4j() {
        return bucket4j.tryConsume(1L);
    }

    @Benchmark
    public boolean guava() {
        return guava.tryAcquire();
    }

    @Benchmark
    public boolean r4j() {
        return r4j.acquirePermission();
    }
}
