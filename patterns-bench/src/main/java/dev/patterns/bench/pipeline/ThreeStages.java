package dev.patterns.bench.pipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * One way to run three trivial stages and a terminal counter: the thing each benchmark peer
 * implements. {@link #push(Box[])} sends a batch through and returns when the terminal stage has
 * seen all of it.
 */
interface ThreeStages extends AutoCloseable {

    /** A mutable item, allocated once, so that the measured allocation is the pipeline's own. */
    final class Box {
        long value;
    }

    /** The trivial stage functions: the same for every peer. */
    static Box stage1(Box b) {
        b.value += 1;
        return b;
    }

    static Box stage2(Box b) {
        b.value ^= 0x5DEECE66DL;
        return b;
    }

    static Box stage3(Box b) {
        b.value *= 3;
        return b;
    }

    /**
     * Pushes every item through all stages and waits until the terminal stage has counted them.
     *
     * @param items the batch
     * @return a checksum of the values the terminal stage saw
     * @throws Exception if the peer fails
     */
    long push(Box[] items) throws Exception;

    @Override
    void close() throws Exception;

    /**
     * Counts deliveries in the terminal stage (one writer) and wakes the pushing thread when the
     * batch is complete.
     */
    final class Completion {
        private volatile long delivered;
        private long checksum;
        /** Written by the pusher before its first send; read by the terminal after a receive. */
        private long target;
        private volatile Thread waiter;

        void begin(long count) {
            waiter = Thread.currentThread();
            target = delivered + count;
        }

        /** Called by the single terminal thread for every item. */
        void deliver(Box b) {
            checksum += b.value;
            long n = delivered + 1;
            delivered = n;
            if (n == target) {
                LockSupport.unpark(waiter);
            }
        }

        long await() {
            while (delivered < target) {
                LockSupport.park(this);
            }
            return checksum;
        }
    }
}
