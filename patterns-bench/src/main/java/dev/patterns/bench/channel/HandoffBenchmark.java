package dev.patterns.bench.channel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Control;

/**
 * Blocking hand-off through a queue of capacity 1024: producers {@code put}, consumers
 * {@code take}, 1 producer / 1 consumer and 2 / 2 (on 2 cores the 2/2 case has more threads than
 * cores). Every measured operation succeeds, so the {@code take} rate is the transfer rate
 * (transfers per µs); the group total counts puts and takes. After the measurement ends each
 * thread switches to the non-blocking forms, so that no thread stays blocked on a partner that
 * has already stopped (JMH keeps every thread invoking until all have stopped).
 *
 * <p>{@code linkedTransferQueue} is unbounded, so its puts never wait.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'channel.HandoffBenchmark' -f 2 -wi 3
 * -w 1s -i 5 -r 1s -prof gc -rf json -rff handoff.json}
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandoffBenchmark {

    /** The queue under test. */
    @Param({"channel", "arrayBlockingQueue", "linkedBlockingQueue", "linkedTransferQueue", "jox"})
    public String impl;

    private Handoff queue;

    /** Creates the queue. */
    @Setup
    public void setUp() {
        queue = Handoff.create(impl, 1024);
    }

    /**
     * One producer.
     *
     * @param control JMH's control, to stop blocking once the measurement is over
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public void put1(Control control) throws InterruptedException {
        put(control);
    }

    /**
     * One consumer.
     *
     * @param control JMH's control
     * @return the element, so that JMH consumes it
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public Integer take1(Control control) throws InterruptedException {
        return take(control);
    }

    /**
     * Two producers.
     *
     * @param control JMH's control
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public void put2(Control control) throws InterruptedException {
        put(control);
    }

    /**
     * Two consumers.
     *
     * @param control JMH's control
     * @return the element
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public Integer take2(Control control) throws InterruptedException {
        return take(control);
    }

    private void put(Control control) throws InterruptedException {
        if (control.stopMeasurement) {
            queue.offer(Handoff.ELEMENT);
            return;
        }
        queue.put(Handoff.ELEMENT);
    }

    private Integer take(Control control) throws InterruptedException {
        if (control.stopMeasurement) {
            return queue.poll();
        }
        return queue.take();
    }
}
