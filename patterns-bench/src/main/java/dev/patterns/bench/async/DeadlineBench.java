package dev.patterns.bench.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.openjdk.jmh.annotations.Warmup;

import dev.patterns.async.FanOut;
import dev.patterns.async.Gathered;
import dev.patterns.async.GatherPolicy;
import dev.patterns.time.Sleeper;

/**
 * Deadline precision: 8 shards with random latencies of 5–40 ms (the 50–400 ms scaled
 * down 10x so the run is short) gathered with a 30 ms deadline. Each operation's time is the time
 * the caller waited; subtract 30 ms from the SampleTime percentiles for "return time past the
 * deadline". Shards park through {@link Sleeper#system()} and honour interrupts. Peer:
 * {@code invokeAll(tasks, 30 ms)} on a virtual-thread executor, which also cancels the stragglers.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'async.DeadlineBench' -f 1 -wi 1
 * -i 3 -w 2s -r 3s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class DeadlineBench {

    static final long DEADLINE_MS = 30;
    private static final int SHARDS = 8;

    private final FanOut fanOut = FanOut.create();
    private final GatherPolicy policy = GatherPolicy.allByDeadline(Duration.ofMillis(DEADLINE_MS));
    private final SplittableRandom random = new SplittableRandom(42);
    private ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void setUp() {
        virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        virtualThreads.close();
    }

    private List<Callable<Integer>> shards() {
        List<Callable<Integer>> shards = new ArrayList<>(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            int shard = i;
            long latencyNanos = TimeUnit.MILLISECONDS.toNanos(random.nextLong(5, 41));
            shards.add(() -> {
                Sleeper.system().sleepNanos(latencyNanos);
                return shard;
            });
        }
        return shards;
    }

    @Benchmark
    public int patternsAllByDeadline() throws InterruptedException {
        Gathered<Integer> r = fanOut.gather(policy, shards());
        return r.values().size();
    }

    @Benchmark
    public int jdkInvokeAllWithTimeout() throws InterruptedException {
        int answered = 0;
        for (Future<Integer> f : virtualThreads.invokeAll(shards(), DEADLINE_MS, TimeUnit.MILLISECONDS)) {
            if (f.state() == Future.State.SUCCESS) {
                answered++;
            }
        }
        return answered;
    }
}
