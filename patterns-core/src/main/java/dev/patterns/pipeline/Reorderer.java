package dev.patterns.pipeline;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Input-order delivery for a stage with parallel workers: items are numbered as they are taken
 * (under {@link #takeLock}), results wait in a ring of {@code window} slots, and whoever completes
 * the oldest outstanding item passes on every consecutive finished result. The {@link #window}
 * semaphore keeps a taker at most {@code window} items ahead of the oldest unfinished one, which
 * bounds the ring and the memory.
 */
final class Reorderer {

    final Semaphore window;
    final ReentrantLock takeLock = new ReentrantLock();
    private final ReentrantLock emitLock = new ReentrantLock();
    private final int size;
    /** Guarded by takeLock. */
    long nextSeq;
    /** Guarded by emitLock. */
    private long nextEmit;
    /** Guarded by emitLock. */
    private final Object[] items;
    /** Guarded by emitLock. */
    private final Object[] results;
    /** Guarded by emitLock. */
    private final boolean[] ready;

    Reorderer(int window) {
        this.size = window;
        this.window = new Semaphore(window);
        this.items = new Object[window];
        this.results = new Object[window];
        this.ready = new boolean[window];
    }

    /**
     * Records the outcome of item {@code seq} and passes on every result that is now in order.
     * Passing on may block on a full output (backpressure) while holding the emit lock: the other
     * workers of the stage then wait here, which is what ordering costs.
     */
    void complete(Worker worker, long seq, Object item, Object result) {
        Engine engine = worker.stage.engine;
        emitLock.lock();
        try {
            int slot = (int) (seq % size);
            assert !ready[slot] : "slot " + slot + " reused before it was passed on";
            items[slot] = item;
            results[slot] = result;
            ready[slot] = true;
            while (!engine.stopping()) {
                int j = (int) (nextEmit % size);
                if (!ready[j]) {
                    break;
                }
                Object in = items[j];
                Object out = results[j];
                items[j] = null;
                results[j] = null;
                ready[j] = false;
                nextEmit++;
                window.release();
                if (out != Worker.SETTLED) {
                    worker.emit(in, out);
                }
            }
        } finally {
            emitLock.unlock();
        }
    }

    /** Hands back every finished result not yet passed on; called by the last worker out when stopping. */
    void returnLeftovers(Stage stage) {
        emitLock.lock();
        try {
            for (int j = 0; j < size; j++) {
                if (ready[j]) {
                    if (results[j] != Worker.SETTLED) {
                        stage.returnTaken(items[j]);
                    }
                    items[j] = null;
                    results[j] = null;
                    ready[j] = false;
                }
            }
        } finally {
            emitLock.unlock();
        }
    }
}
