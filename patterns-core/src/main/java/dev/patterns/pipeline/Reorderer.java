package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Input-order delivery for a stage with parallel workers. A worker {@link #take(Channel, Ticket) takes}
 * an item, which numbers it; applies the operator; then reports the outcome with
 * {@link #complete complete} (a result to emit) or {@link #skip skip} (the error policy settled
 * the item). Whoever reports the oldest outstanding item emits every consecutive finished result,
 * through the stage's {@link Operator}.
 */
final class Reorderer {
    /*
     * Implementation notes.
     *
     * Numbering: `nextSeq` is read and incremented under `takeLock`, in the same critical section
     * as the receive, so numbers follow the input's order. The `window` semaphore keeps takers at
     * most `size` items ahead of the oldest unfinished one, which bounds the ring: slot seq % size
     * is free when its number is handed out (the permit for it was released after the slot was
     * cleared, under emitLock).
     *
     * Emitting: the ring is guarded by `emitLock`. Passing on may block on a full output
     * (backpressure) while holding it: the other workers of the stage then wait here, which is
     * what ordering costs. When the pipeline stops, sends fail at once and each result is settled
     * by its operator (handed back, or counted delivered if the consumer already ran); results
     * behind a number that was never reported stay in the ring until drainUnpassed.
     */

    /**
     * The item a worker took and its number in input order; one per worker, reused for every
     * item (so taking allocates nothing). Written by take, read by the worker that owns it.
     */
    static final class Ticket {
        long seq;
        Object item;
    }

    private static final byte EMPTY = 0;
    private static final byte RESULT = 1;
    private static final byte SETTLED = 2;

    private final Operator operator;
    private final int size;
    private final Semaphore window;
    private final ReentrantLock takeLock = new ReentrantLock();
    private final ReentrantLock emitLock = new ReentrantLock();
    /** Guarded by takeLock. */
    private long nextSeq;
    /** Guarded by emitLock. */
    private long nextEmit;
    /** Guarded by emitLock. */
    private final Object[] items;
    /** Guarded by emitLock. */
    private final Object[] results;
    /** Guarded by emitLock: EMPTY, RESULT (waiting to be emitted) or SETTLED (nothing to emit). */
    private final byte[] states;

    Reorderer(int window, Operator operator) {
        this.operator = operator;
        this.size = window;
        this.window = new Semaphore(window);
        this.items = new Object[window];
        this.results = new Object[window];
        this.states = new byte[window];
    }

    /**
     * Takes the next item of {@code in} and numbers it, waiting first for room in the window and
     * then for an item. Blocks.
     *
     * @param ticket receives the item and its number
     * @return false when {@code in} is closed and empty (nothing was taken)
     * @throws InterruptedException if interrupted while waiting (nothing was taken)
     */
    boolean take(Channel<Object> in, Ticket ticket) throws InterruptedException {
        window.acquire();
        try {
            takeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            window.release();
            throw e;
        }
        try {
            ticket.item = in.receive();
            ticket.seq = nextSeq++;
            return true;
        } catch (ChannelClosedException endOfStream) {
            window.release();
            return false;
        } catch (InterruptedException e) {
            window.release();
            throw e;
        } finally {
            takeLock.unlock();
        }
    }

    /** Records the result of item {@code seq} and emits every result that is now in order. */
    void complete(long seq, Object item, Object result, Operator.Downstream to) {
        report(seq, item, result, RESULT, to);
    }

    /** Records that item {@code seq} was settled by the error policy and has nothing to emit. */
    void skip(long seq, Operator.Downstream to) {
        report(seq, null, null, SETTLED, to);
    }

    private void report(long seq, Object item, Object result, byte state, Operator.Downstream to) {
        emitLock.lock();
        try {
            int slot = (int) (seq % size);
            assert states[slot] == EMPTY : "slot " + slot + " reused before it was passed on";
            items[slot] = item;
            results[slot] = result;
            states[slot] = state;
            while (true) {
                int j = (int) (nextEmit % size);
                byte s = states[j];
                if (s == EMPTY) {
                    break;
                }
                Object in = items[j];
                Object out = results[j];
                items[j] = null;
                results[j] = null;
                states[j] = EMPTY;
                nextEmit++;
                window.release();
                if (s == RESULT) {
                    operator.emit(in, out, to);
                }
            }
        } finally {
            emitLock.unlock();
        }
    }

    /**
     * Hands every finished item whose result was not emitted to {@code handBack}; called by the
     * last worker out when the pipeline stops.
     */
    void drainUnpassed(Consumer<Object> handBack) {
        emitLock.lock();
        try {
            for (int j = 0; j < size; j++) {
                if (states[j] == RESULT) {
                    handBack.accept(items[j]);
                }
                items[j] = null;
                results[j] = null;
                states[j] = EMPTY;
            }
        } finally {
            emitLock.unlock();
        }
    }
}
