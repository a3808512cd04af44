package dev.patterns.bench.async;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
import dev.patterns.async.GatherPolicy;

/**
 * Fan-out of 8 trivial tasks and gather of their values, in submission order, measured per kind
 * of thread so that each peer is compared on its own executor: {@link FanOut} with
 * {@link GatherPolicy#all()} on a virtual thread per task beside {@code invokeAll} on a virtual-thread
 * executor, and {@link FanOut} with the common pool as its executor beside
 * {@code CompletableFuture.supplyAsync} + {@code allOf} on the common pool. Measures the overhead
 * of starting, joining and collecting; the tasks do nothing.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'async.FanOutBench' -f 2 -wi 3 -i 5
 * -w 1s -r 1s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class FanOutBench {

    private static final int TASKS = 8;

    private final FanOut fanOut = FanOut.create();
    private final FanOut fanOutCommonPool = FanOut.builder().executor(ForkJoinPool.commonPool()).build();
    private final List<Callable<Integer>> tasks = new ArrayList<>();
    private final List<Supplier<Integer>> suppliers = new ArrayList<>();
    private ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            tasks.add(() -> n);
            suppliers.add(() -> n);
        }
        virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        virtualThreads.close();
    }

    @Benchmark
    public List<Integer> patternsFanOutAll() throws InterruptedException {
        return fanOut.gather(GatherPolicy.all(), tasks).valuesOrThrow();
    }

    @Benchmark
    public List<Integer> patternsFanOutAllCommonPool() throws InterruptedException {
        return fanOutCommonPool.gather(GatherPolicy.all(), tasks).valuesOrThrow();
    }

    @Benchmark
    public List<Integer> jdkInvokeAllVirtual() throws InterruptedException, ExecutionException {
        List<Future<Integer>> futures = virtualThreads.invokeAll(tasks);
        List<Integer> values = new ArrayList<>(TASKS);
        for (Future<Integer> f : futures) {
            values.add(f.get());
        }
        return values;
    }

    @Benchmark
    public List<Integer> completableFutureAllOfCommonPool() {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] futures = new CompletableFuture[TASKS];
        for (int i = 0; i < TASKS; i++) {
            futures[i] = CompletableFuture.supplyAsync(suppliers.get(i));
        }
        CompletableFuture.allOf(futures).join();
        List<Integer> values = new ArrayList<>(TASKS);
        for (CompletableFuture<Integer> f : futures) {
            values.add(f.join());
        }
        return values;
    }
}
