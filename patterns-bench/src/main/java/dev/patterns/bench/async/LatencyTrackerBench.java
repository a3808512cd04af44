package dev.patterns.bench.async;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.patterns.async.LatencyTracker;

/**
 * What percentile hedging costs: {@link LatencyTracker#record} (once per attempt that answers)
 * and {@link LatencyTracker#percentileNanos} (once per hedged gathering), on one tracker shared by
 * 1 and 2 threads, the system ticker, samples spread over 1 µs .. 100 ms. There is no peer in the
 * bench's dependencies (HdrHistogram is not one); {@code nanoTime} is the floor a record cannot go
 * below, since it reads the ticker.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'async.LatencyTrackerBench' -f 2
 * -wi 3 -i 5 -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LatencyTrackerBench {

    private final LatencyTracker tracker = LatencyTracker.builder().window(Duration.ofSeconds(10)).minSamples(1).build();

    /** Per-thread sample generator, so threads do not share a random state. */
    @State(Scope.Thread)
    public static class Samples {
        long x = 0x9E3779B97F4A7C15L;

        long next() {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return 1_000L + Math.floorMod(x, 100_000_000L); // 1 µs .. 100 ms
        }
    }

    @Setup
    public void prime() {
        Samples s = new Samples();
        for (int i = 0; i < 100_000; i++) {
            tracker.record(s.next());
        }
    }

    @Benchmark
    @Threads(1)
    public void record1(Samples s) {
        tracker.record(s.next());
    }

    @Benchmark
    @Threads(2)
    public void record2(Samples s) {
        tracker.record(s.next());
    }

    @Benchmark
    @Threads(1)
    public OptionalLong p99(Samples s) {
        return tracker.percentileNanos(99);
    }

    @Benchmark
    @Threads(1)
    public OptionalLong p50(Samples s) {
        return tracker.percentileNanos(50);
    }

    @Benchmark
    @Threads(1)
    public long nanoTimeFloor() {
        return System.nanoTime();
    }
}
