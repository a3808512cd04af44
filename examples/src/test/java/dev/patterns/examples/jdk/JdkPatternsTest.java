package dev.patterns.examples.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class JdkPatternsTest {

    @Test
    void readersNeverSeeAPriceWithAnotherWritesCurrency() throws InterruptedException {
        ReadMostlyPrices prices = new ReadMostlyPrices(1, "ONE");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<ReadMostlyPrices.Quote> torn = new AtomicReference<>();
        CountDownLatch readersStarted = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                readersStarted.countDown();
                while (!stop.get()) {
                    ReadMostlyPrices.Quote q = prices.read();
                    boolean consistent = (q.cents() == 1 && q.currency().equals("ONE"))
                            || (q.cents() == 2 && q.currency().equals("TWO"));
                    if (!consistent) {
                        torn.compareAndSet(null, q);
                    }
                }
            }));
        }
        readersStarted.await();
        for (int i = 0; i < 200_000; i++) {
            if (i % 2 == 0) {
                prices.write(2, "TWO");
            } else {
                prices.write(1, "ONE");
            }
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join();
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(torn.get()).as("a torn read").isNull();
        assertThat(prices.read()).isEqualTo(new ReadMostlyPrices.Quote(1, "ONE"));
    }

    @Test
    void phasedWorkersComputeWhatOneThreadComputes() throws InterruptedException {
        assertThat(PhasedSimulation.run(16, 12)).containsExactly(PhasedSimulation.sequential(16, 12));
        assertThatThrownBy(() -> PhasedSimulation.run(1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers: 1 (expected: >= 2)");
    }

    @Test
    void forkJoinSumIsExact() {
        long[] values = LongStream.rangeClosed(1, 100_000).toArray();
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            assertThat(ParallelSum.sum(values, pool)).isEqualTo(100_000L * 100_001L / 2);
            assertThat(ParallelSum.sum(new long[0], pool)).isZero();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void countersCountEveryHitFromEveryThread() throws InterruptedException {
        HitCounters counters = new HitCounters();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int me = t;
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    counters.hit("/page-" + (i + me) % 3);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        Map<String, Long> snapshot = counters.snapshot();
        assertThat(snapshot.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        assertThat(snapshot).containsOnlyKeys("/page-0", "/page-1", "/page-2");
    }
}
