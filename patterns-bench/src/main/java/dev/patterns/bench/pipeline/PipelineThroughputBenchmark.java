package dev.patterns.bench.pipeline;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Items per second through three trivial map stages and a terminal counter, each stage with
 * {@code parallelism} workers and a buffer of 1024 in front of it, fed by the benchmark thread.
 * One operation is one item: each invocation pushes a batch of {@value #BATCH} pre-allocated
 * items and waits until the terminal stage has counted all of them, so the score is end-to-end
 * items/s and {@code gc.alloc.rate.norm} is the pipeline's own allocation per item.
 *
 * <p>Peers ({@code impl}): {@code patterns} ({@link dev.patterns.pipeline.Pipeline}),
 * {@code handWritten} (ArrayBlockingQueues between ExecutorService workers, poison-pill shutdown),
 * {@code submissionPublisher} (JDK Flow chain; a subscriber runs serially), {@code reactor}
 * (publishOn per stage; parallel rails for parallelism 2).
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'pipeline.PipelineThroughputBenchmark'
 * -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff pipeline.json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineThroughputBenchmark {

    /** Items per invocation. */
    public static final int BATCH = 65_536;

    /** Workers per stage. */
    @Param({"1", "2"})
    public int parallelism;

    /** The implementation under test. */
    @Param({"patterns", "handWritten", "submissionPublisher", "reactor"})
    public String impl;

    private ThreeStages stages;
    private ThreeStages.Box[] items;

    /** Builds the pipeline and the items. */
    @Setup(Level.Trial)
    public void setUp() {
        items = new ThreeStages.Box[BATCH];
        for (int i = 0; i < BATCH; i++) {
            items[i] = new ThreeStages.Box();
        }
        int buffer = 1024;
        stages = switch (impl) {
            case "patterns" -> new PatternsStages(parallelism, buffer);
            case "handWritten" -> new HandWrittenStages(parallelism, buffer);
            case "submissionPublisher" -> new SubmissionPublisherStages(parallelism, buffer);
            case "reactor" -> new ReactorStages(parallelism, buffer);
            default -> throw new IllegalArgumentException("impl: " + impl
                    + " (expected: patterns, handWritten, submissionPublisher or reactor)");
        };
    }

    /** Shuts the pipeline down (gracefully, as each design intends). */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stages.close();
    }

    /**
     * Pushes one batch through.
     *
     * @return the terminal stage's checksum, so that JMH consumes it
     * @throws Exception if the pipeline fails
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long threeStages() throws Exception {
        return stages.push(items);
    }
}
