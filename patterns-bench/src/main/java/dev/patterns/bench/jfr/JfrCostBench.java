package dev.patterns.bench.jfr;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.TokenBucket;

/**
 * What the library's JFR events cost on the hot paths that carry them: the channel, the breaker
 * and the token bucket with no recording ({@code jfr=off}) and under a recording with the JDK's
 * "default" settings started in the same JVM ({@code jfr=on}: the threshold and drop events
 * enabled, per-item events off, as an operator would run it in production). The rows of one run
 * stand beside each other.
 *
 * <ul>
 * <li>{@code channelTrySendReceive}: one {@code trySend} and one {@code tryReceive} on a channel
 * with room (the send-wait event is never begun on the fast path).</li>
 * <li>{@code channelDropNewest}: a {@code trySend} into a full {@code DROP_NEWEST} channel, every
 * call a drop (the drop event is enabled by default and rate-gated per channel).</li>
 * <li>{@code breakerCall}: a closed breaker around a trivial supplier.</li>
 * <li>{@code bucketTryAcquire}: a bucket that always has a token; {@code bucketRefused}: a bucket
 * that refuses nearly every call (the rejection event is enabled by default).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'jfr.JfrCostBench' -f 1 -wi 2 -w 1s -i 3 -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JfrCostBench {

    /** {@code off}: no recording; {@code on}: a recording with the "default" settings. */
    @Param({"off", "on"})
    public String jfr;

    private Recording recording;
    private Channel<Object> channel;
    private Channel<Object> full;
    private CircuitBreaker breaker;
    private TokenBucket always;
    private TokenBucket refusing;
    private final Object value = "value";
    private final Supplier<Object> supplier = () -> value;

    @Setup
    public void setUp() throws IOException, ParseException {
        if (jfr.equals("on")) {
            recording = new Recording(Configuration.getConfiguration("default"));
            recording.setToDisk(true);
            recording.setMaxAge(Duration.ofSeconds(30));
            recording.start();
        }
        channel = Channel.<Object>builder(1024).name("bench").build();
        full = Channel.<Object>builder(1).name("bench-full").overflow(Overflow.DROP_NEWEST).build();
        full.trySend(value);
        breaker = CircuitBreaker.builder().name("bench").failureRate(50).countWindow(100).build();
        always = TokenBucket.builder().name("always").capacity(1_000_000_000L)
                .refill(1_000_000_000L, Duration.ofSeconds(1)).build();
        refusing = TokenBucket.builder().name("refusing").capacity(1).refill(1_000, Duration.ofSeconds(1)).build();
    }

    @TearDown
    public void tearDown() {
        if (recording != null) {
            recording.close();
        }
    }

    @Benchmark
    public Object channelTrySendReceive() {
        channel.trySend(value);
        return channel.tryReceive();
    }

    @Benchmark
    public boolean channelDropNewest() {
        return full.trySend(value);
    }

    @Benchmark
    public Object breakerCall() {
        return breaker.get(supplier);
    }

    @Benchmark
    public boolean bucketTryAcquire() {
        return always.tryAcquire(1L);
    }

    @Benchmark
    public boolean bucketRefused() {
        return refusing.tryAcquire(1L);
    }
}
