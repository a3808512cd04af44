package dev.patterns.resilience;

import java.util.concurrent.atomic.AtomicLongArray;

import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/**
 * A time-based window: the calls of the last {@code buckets × bucketNanos} nanoseconds, kept in a
 * ring of buckets indexed by ticker time.
 *
 * <p>Implementation notes. Each bucket is one {@code long}, so that moving it to a new period and
 * counting a call are the same compare-and-set and no count is lost at a period boundary:
 * bits 42–63 hold the low 22 bits of the bucket's period number, bits 0–13 / 14–27 / 28–41 the
 * calls / failures / slow calls in that period. A bucket whose count would pass 16,383 first halves
 * all three counts, which keeps its rates and lowers its weight; a service with more calls than
 * that per bucket should use more buckets. A bucket is summed only if its period tag is one of the
 * window's periods; a bucket untouched for an exact multiple of 2^22 periods would alias, which at
 * one-millisecond buckets is more than an hour of a slot never being written while others are.
 */
final class TimeWindow implements OutcomeWindow {

    static final int MAX_BUCKETS = 100;
    private static final int COUNT_BITS = 14;
    private static final long COUNT_MAX = (1L << COUNT_BITS) - 1;
    private static final int TAG_SHIFT = 3 * COUNT_BITS;
    private static final long TAG_MASK = (1L << (64 - TAG_SHIFT)) - 1;
    private static final long COUNTS_MASK = (1L << TAG_SHIFT) - 1;
    private static final long HALF_MASK = halfMask();

    private final Ticker ticker;
    private final long bucketNanos;
    private final int buckets;
    private final AtomicLongArray ring;

    TimeWindow(Ticker ticker, long windowNanos, int buckets) {
        this.ticker = ticker;
        this.buckets = Checks.inRange("buckets", buckets, 1, MAX_BUCKETS);
        if (windowNanos < buckets) {
            throw new IllegalArgumentException(
                    "timeWindow: " + windowNanos + "ns (expected: >= " + buckets + "ns, one per bucket)");
        }
        this.bucketNanos = windowNanos / buckets;
        this.ring = new AtomicLongArray(buckets);
    }

    @Override
    public void record(long outcome) {
        long delta = OutcomeWindow.calls(outcome)
                | ((long) OutcomeWindow.failures(outcome) << COUNT_BITS)
                | ((long) OutcomeWindow.slowCalls(outcome) << (2 * COUNT_BITS));
        long period = Math.floorDiv(ticker.read(), bucketNanos);
        int slot = (int) Math.floorMod(period, (long) buckets);
        long tag = (period & TAG_MASK) << TAG_SHIFT;
        for (;;) {
            long word = ring.get(slot);
            long counts = (word & ~COUNTS_MASK) == tag ? word & COUNTS_MASK : 0L;
            if (field(counts, 0) == COUNT_MAX || field(counts, 1) == COUNT_MAX || field(counts, 2) == COUNT_MAX) {
                counts = (counts >>> 1) & HALF_MASK;
            }
            if (ring.compareAndSet(slot, word, tag | (counts + delta))) {
                return;
            }
        }
    }

    @Override
    public long snapshot() {
        long period = Math.floorDiv(ticker.read(), bucketNanos);
        long calls = 0;
        long failures = 0;
        long slow = 0;
        for (int k = 0; k < buckets; k++) {
            long p = period - k;
            long word = ring.get((int) Math.floorMod(p, (long) buckets));
            if ((word >>> TAG_SHIFT) == (p & TAG_MASK)) {
                calls += field(word, 0);
                failures += field(word, 1);
                slow += field(word, 2);
            }
        }
        return calls | (failures << FIELD_BITS) | (slow << (2 * FIELD_BITS));
    }

    private static long field(long counts, int index) {
        return (counts >>> (index * COUNT_BITS)) & COUNT_MAX;
    }

    /** After a right shift by one, clears the bit each field received from its upper neighbour. */
    private static long halfMask() {
        long m = 0;
        for (int i = 0; i < 3; i++) {
            m |= (COUNT_MAX >>> 1) << (i * COUNT_BITS);
        }
        return m;
    }
}
