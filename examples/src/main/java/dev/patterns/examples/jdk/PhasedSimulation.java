package dev.patterns.examples.jdk;

import java.util.concurrent.Phaser;

/**
 * Phase barriers with the JDK's {@link Phaser}: every worker finishes step {@code k} before any
 * worker starts step {@code k + 1}. The library has no wrapper for this ({@code CyclicBarrier} and
 * {@code Phaser} already are the pattern); this is how to use it.
 */
public final class PhasedSimulation {

    private PhasedSimulation() {
    }

    /**
     * Runs {@code workers} virtual threads through {@code steps} phases. In each phase a worker
     * reads its neighbour's value from the previous phase, which is only correct because of the
     * barrier.
     *
     * @param workers how many workers, at least 2
     * @param steps how many phases
     * @return each worker's value after the last phase
     * @throws InterruptedException if interrupted while joining the workers
     */
    public static long[] run(int workers, int steps) throws InterruptedException {
        if (workers < 2) {
            throw new IllegalArgumentException("workers: " + workers + " (expected: >= 2)");
        }
        long[][] values = new long[2][workers];      // phase parity: read one row, write the other
        for (int w = 0; w < workers; w++) {
            values[0][w] = w;
        }
        Phaser phaser = new Phaser(workers);
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            int me = w;
            threads[w] = Thread.ofVirtual().start(() -> {
                for (int step = 0; step < steps; step++) {
                    long[] previous = values[step & 1];
                    long[] next = values[(step + 1) & 1];
                    next[me] = previous[me] + previous[(me + 1) % workers];
                    phaser.arriveAndAwaitAdvance();   // everyone's step is written before anyone reads it
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return values[steps & 1].clone();
    }

    /**
     * The same computation on one thread, to check {@link #run} against.
     *
     * @param workers how many cells
     * @param steps how many phases
     * @return each cell's value after the last phase
     */
    public static long[] sequential(int workers, int steps) {
        long[] current = new long[workers];
        for (int w = 0; w < workers; w++) {
            current[w] = w;
        }
        for (int step = 0; step < steps; step++) {
            long[] next = new long[workers];
            for (int w = 0; w < workers; w++) {
                next[w] = current[w] + current[(w + 1) % workers];
            }
            current = next;
        }
        return current;
    }
}
