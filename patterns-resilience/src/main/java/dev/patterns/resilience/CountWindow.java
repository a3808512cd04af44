package dev.patterns.resilience;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.patterns.internal.Checks;

/**
 * A count-based window over the last {@code size} calls: a ring of packed outcomes and their
 * packed sum, both updated without a lock.
 *
 * <p>Implementation notes. Each call takes the next ring slot ({@code cursor}), swaps its outcome
 * into the slot and adjusts {@code totals} by the difference. The order matters: the new outcome
 * is added to {@code totals} <em>before</em> it becomes visible in the ring, and the outcome it
 * displaced is subtracted after; so whoever later displaces our outcome subtracts something that
 * was already added, and no packed field of {@code totals} ever goes below zero (a negative field
 * would borrow from its neighbour and show a huge failure count). At every quiescent point
 * {@code totals} equals the sum of the ring exactly. A call whose outcome equals the one already
 * in its slot changes nothing and writes nothing: the steady all-success path is one
 * {@code getAndIncrement} and one volatile read.
 */
final class CountWindow implements OutcomeWindow {

    /** Largest window: leaves headroom in each 21-bit field for in-flight records. */
    static final int MAX_SIZE = 1_000_000;

    private final int size;
    /** Packed outcome per slot; 0 = empty. */
    private final AtomicLongArray ring;
    /** Next slot (mod size), wrapping harmlessly after 2^31 calls. */
    private final AtomicInteger cursor = new AtomicInteger();
    /** Packed sum of the ring (see class notes for why it never underflows). */
    private final AtomicLong totals = new AtomicLong();

    CountWindow(int size) {
        this.size = Checks.inRange("countWindow", size, 1, MAX_SIZE);
        this.ring = new AtomicLongArray(size);
    }

    @Override
    public void record(long outcome) {
        int slot = (cursor.getAndIncrement() & Integer.MAX_VALUE) % size;
        // NOTE: a plain volatile read suffices to skip an unchanged slot: if another recorder swaps
        // it concurrently, it accounts for its own swap, and the ring keeps its outcome for ours.
        if (ring.get(slot) == outcome) {
            return;
        }
        totals.getAndAdd(outcome);
        long displaced = ring.getAndSet(slot, outcome);
        if (displaced != 0) {
            totals.getAndAdd(-displaced);
        }
    }

    @Override
    public long snapshot() {
        return totals.get();
    }
}
