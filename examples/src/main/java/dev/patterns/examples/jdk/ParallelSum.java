package dev.patterns.examples.jdk;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * Divide and conquer with the JDK's {@link ForkJoinPool}: a task splits until its slice is small,
 * forks one half, computes the other, and joins; idle workers steal forked halves. The library has
 * no wrapper for this (parallel streams and {@code RecursiveTask} already are the pattern).
 */
public final class ParallelSum {

    /** Below this many elements a task sums sequentially: splitting costs more than it saves. */
    static final int THRESHOLD = 4_096;

    private ParallelSum() {
    }

    /**
     * Sums {@code values} on {@code pool}.
     *
     * @param values the numbers
     * @param pool the work-stealing pool
     * @return the sum
     */
    public static long sum(long[] values, ForkJoinPool pool) {
        return pool.invoke(new Slice(values, 0, values.length));
    }

    private static final class Slice extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final long[] values;
        private final int from;
        private final int to;

        Slice(long[] values, int from, int to) {
            this.values = values;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= THRESHOLD) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += values[i];
                }
                return sum;
            }
            int middle = (from + to) >>> 1;
            Slice left = new Slice(values, from, middle);
            left.fork();                                   // another worker may steal it
            long right = new Slice(values, middle, to).compute();
            return right + left.join();
        }
    }
}
