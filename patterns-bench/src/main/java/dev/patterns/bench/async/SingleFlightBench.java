package dev.patterns.bench.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.patterns.async.SingleFlight;

/**
 * Single-flight on one hot key, 1 and 2 threads, beside Caffeine's {@code AsyncCache.get} and the
 * {@code ConcurrentHashMap.computeIfAbsent(k -> new CompletableFuture<>())} idiom.
 *
 * <ul>
 * <li>{@code join*}: the key has an execution in flight for the whole run (its loader blocks until
 * tear-down); each operation joins it. Caffeine and the idiom hand back the shared future (one
 * caller's {@code cancel} would cancel it for all); {@link SingleFlight#callAsync} hands each caller
 * its own future, so to keep the run bounded each operation joins and then leaves by completing
 * its own future ({@code complete}, which unlinks it; {@code cancel} would do the same but also
 * build a {@code CancellationException} with its stack trace, ~2 µs, which the smoke run showed
 * dominating). The extra future and the leave are the price of waiter isolation.
 * <li>{@code cycle*}: a whole round per operation with a trivial loader — start (or join), load,
 * complete, unmap — run in the caller's thread (SingleFlight with a direct executor; the idiom's
 * leader completes and removes; Caffeine with an executor of {@code Runnable::run} and an
 * invalidate after each get, so it does not cache).
 * </ul>
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'async.SingleFlightBench' -f 2 -wi 3
 * -i 5 -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SingleFlightBench {

    private static final String HOT = "hot";
    private static final String VALUE = "value";

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<String> never = new CompletableFuture<>();
    private final SingleFlight.Loader<String, String> blockingLoader = key -> {
        release.await();
        return VALUE;
    };

    private SingleFlight<String, String> inFlight;
    private AsyncCache<String, String> caffeineInFlight;
    private final ConcurrentHashMap<String, CompletableFuture<String>> idiomInFlight = new ConcurrentHashMap<>();

    private final SingleFlight<String, String> direct =
            SingleFlight.builder().executor(Runnable::run).build();
    private AsyncCache<String, String> caffeineDirect;
    private final ConcurrentHashMap<String, CompletableFuture<String>> idiom = new ConcurrentHashMap<>();

    @Setup(Level.Trial)
    public void setUp() {
        inFlight = SingleFlight.create();
        inFlight.callAsync(HOT, blockingLoader); // stays in flight until tear-down
        caffeineInFlight = Caffeine.newBuilder().buildAsync();
        caffeineInFlight.get(HOT, (k, executor) -> never);
        idiomInFlight.put(HOT, never);
        caffeineDirect = Caffeine.newBuilder().executor(Runnable::run).buildAsync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        release.countDown();
        never.complete(VALUE);
    }

    // ---- join an execution in flight

    @Benchmark
    @Threads(1)
    public boolean joinPatterns1() {
        return inFlight.callAsync(HOT, blockingLoader).complete(VALUE);
    }

    @Benchmark
    @Threads(2)
    public boolean joinPatterns2() {
        return inFlight.callAsync(HOT, blockingLoader).complete(VALUE);
    }

    @Benchmark
    @Threads(1)
    public CompletableFuture<String> joinCaffeine1() {
        return caffeineInFlight.get(HOT, (k, executor) -> never);
    }

    @Benchmark
    @Threads(2)
    public CompletableFuture<String> joinCaffeine2() {
        return caffeineInFlight.get(HOT, (k, executor) -> never);
    }

    @Benchmark
    @Threads(1)
    public CompletableFuture<String> joinComputeIfAbsent1() {
        return idiomInFlight.computeIfAbsent(HOT, k -> new CompletableFuture<>());
    }

    @Benchmark
    @Threads(2)
    public CompletableFuture<String> joinComputeIfAbsent2() {
        return idiomInFlight.computeIfAbsent(HOT, k -> new CompletableFuture<>());
    }

    // ---- a whole round per operation

    @Benchmark
    @Threads(1)
    public String cyclePatterns1() throws InterruptedException, ExecutionException {
        return direct.call(HOT, key -> VALUE);
    }

    @Benchmark
    @Threads(2)
    public String cyclePatterns2() throws InterruptedException, ExecutionException {
        return direct.call(HOT, key -> VALUE);
    }

    @Benchmark
    @Threads(1)
    public String cycleCaffeine1() {
        return caffeineCycle();
    }

    @Benchmark
    @Threads(2)
    public String cycleCaffeine2() {
        return caffeineCycle();
    }

    @Benchmark
    @Threads(1)
    public String cycleComputeIfAbsent1() {
        return idiomCycle();
    }

    @Benchmark
    @Threads(2)
    public String cycleComputeIfAbsent2() {
        return idiomCycle();
    }

    private String caffeineCycle() {
        String v = caffeineDirect.get(HOT, k -> VALUE).join();
        caffeineDirect.synchronous().invalidate(HOT);
        return v;
    }

    private String idiomCycle() {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> shared = idiom.computeIfAbsent(HOT, k -> mine);
        if (shared == mine) {
            try {
                mine.complete(VALUE);
            } finally {
                idiom.remove(HOT, mine);
            }
        }
        return shared.join();
    }
}
