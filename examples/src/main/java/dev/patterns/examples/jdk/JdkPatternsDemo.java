package dev.patterns.examples.jdk;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;

/**
 * The four patterns the JDK already provides, each in a few lines: read-mostly data
 * ({@link ReadMostlyPrices}), phase barriers ({@link PhasedSimulation}), divide and conquer
 * ({@link ParallelSum}) and contended counters ({@link HitCounters}).
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:exec -Ddemo=JdkPatternsDemo}
 */
public final class JdkPatternsDemo {

    private JdkPatternsDemo() {
    }

    /**
     * Runs each pattern once and prints what it showed.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        ReadMostlyPrices prices = new ReadMostlyPrices(1_999, "EUR");
        prices.write(2_499, "USD");
        System.out.println("StampedLock   read-mostly quote after one write: " + prices.read().cents()
                + " " + prices.read().currency());

        long[] phased = PhasedSimulation.run(8, 10);
        System.out.println("Phaser        8 workers x 10 phases equal the sequential run: "
                + Arrays.equals(phased, PhasedSimulation.sequential(8, 10)));

        long[] values = LongStream.rangeClosed(1, 1_000_000).toArray();
        System.out.printf("ForkJoinPool  sum of 1..1,000,000 = %,d (expected %,d)%n",
                ParallelSum.sum(values, ForkJoinPool.commonPool()), 1_000_000L * 1_000_001L / 2);

        HitCounters counters = new HitCounters();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    counters.hit(i % 2 == 0 ? "/home" : "/search");
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("LongAdder     4 threads x 10,000 hits: " + counters.snapshot());
        System.out.println("Shown: where the JDK already has the pattern, use it; the library adds none of these.");
    }
}
