package dev.patterns.bench.channel;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Blocking hand-off between two virtual threads (one producer, one consumer) through a queue of
 * capacity 1024. Each invocation lets the producer put {@value #BATCH} elements and waits until
 * the consumer has taken them all, so the score is transfers per µs; the JMH thread itself only
 * waits (parked) while the two virtual threads run on the default carrier pool.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'channel.VirtualThreadHandoffBenchmark'
 * -f 2 -wi 3 -w 1s -i 5 -r 1s -prof gc -rf json -rff vt-handoff.json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VirtualThreadHandoffBenchmark {

    static final int BATCH = 10_000;

    /** The queue under test. */
    @Param({"channel", "arrayBlockingQueue", "linkedTransferQueue", "jox"})
    public String impl;

    private Handoff queue;
    private final Semaphore go = new Semaphore(0);
    private final Semaphore done = new Semaphore(0);
    private Thread producer;
    private Thread consumer;

    /** Creates the queue and starts the two virtual threads. */
    @Setup
    public void setUp() {
        queue = Handoff.create(impl, 1024);
        producer = Thread.ofVirtual().name("producer").start(() -> {
            try {
                while (true) {
                    go.acquire();
                    for (int i = 0; i < BATCH; i++) {
                        queue.put(Handoff.ELEMENT);
                    }
                }
            } catch (InterruptedException stop) {
                // tear-down
            }
        });
        consumer = Thread.ofVirtual().name("consumer").start(() -> {
            try {
                while (true) {
                    for (int i = 0; i < BATCH; i++) {
                        queue.take();
                    }
                    done.release();
                }
            } catch (InterruptedException stop) {
                // tear-down
            }
        });
    }

    /**
     * Hands {@value #BATCH} elements from the producer to the consumer.
     *
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void handoff() throws InterruptedException {
        go.release();
        done.acquire();
    }

    /**
     * Stops both virtual threads and checks that they ended.
     *
     * @throws InterruptedException never in practice
     */
    @TearDown
    public void tearDown() throws InterruptedException {
        producer.interrupt();
        consumer.interrupt();
        producer.join(10_000);
        consumer.join(10_000);
        if (producer.isAlive() || consumer.isAlive()) {
            throw new IllegalStateException("a hand-off thread did not stop");
        }
    }
}
