package dev.patterns.bench.channel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Non-blocking hand-off through a queue of capacity 1024: producers spin on {@code offer}
 * ({@code trySend}), consumers spin on {@code poll} ({@code tryReceive}). Only successful calls are
 * counted, in the {@code received} and {@code sent} secondary results (transfers per µs); the
 * primary result counts every call, failed ones included, and is not a transfer rate.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'channel.TryHandoffBenchmark' -f 2
 * -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff try-handoff.json}
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TryHandoffBenchmark {

    /** The queue under test. */
    @Param({"channel", "jctools", "arrayBlockingQueue"})
    public String impl;

    private Handoff queue;

    /** Creates the queue. */
    @Setup
    public void setUp() {
        queue = Handoff.create(impl, 1024);
    }

    /** Successful calls of one thread, summed by JMH over the threads. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Transfers {
        /** Successful offers. */
        public long sent;
        /** Successful polls: the transfer rate. */
        public long received;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            sent = 0;
            received = 0;
        }
    }

    /**
     * One spinning producer.
     *
     * @param t this thread's counters
     */
    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public void offer1(Transfers t) {
        offer(t);
    }

    /**
     * One spinning consumer.
     *
     * @param t this thread's counters
     */
    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public void poll1(Transfers t) {
        poll(t);
    }

    /**
     * Two spinning producers.
     *
     * @param t this thread's counters
     */
    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public void offer2(Transfers t) {
        offer(t);
    }

    /**
     * Two spinning consumers.
     *
     * @param t this thread's counters
     */
    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public void poll2(Transfers t) {
        poll(t);
    }

    private void offer(Transfers t) {
        if (queue.offer(Handoff.ELEMENT)) {
            t.sent++;
        }
    }

    private void poll(Transfers t) {
        if (queue.poll() != null) {
            t.received++;
        }
    }
}
