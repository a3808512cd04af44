package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.patterns.internal.Checks;
import dev.patterns.time.Ticker;

/** The {@link LatencyTracker} built by {@link LatencyTrackerBuilder}: two windows of log-linear buckets. */
final class LogLinearLatencyTracker implements LatencyTracker {

    /*
     * Implementation notes.
     *
     * Buckets. Index i < 32 holds exactly latency i. Above, a latency v with highest bit e (v in
     * [2^e, 2^(e+1))) goes to index ((e - 4) << 5) + the 5 bits below its highest bit: 32 buckets
     * per power of two, each of width 2^(e-5) <= v / 32, reported at its midpoint, hence the 1/64
     * bound. Highest bit 39 is the last power: 1152 buckets; longer latencies are clamped.
     *
     * Windows. Epoch = floor((now - origin) / window). Two slots, epoch & 1, each an array of
     * counters plus a total. Each counter is one long: the epoch's low 32 bits (tag) above a 32-bit
     * count. A recorder CASes its counter: same tag -> count + 1; older tag -> (its tag, 1), which
     * resets a stale counter in the same CAS that counts the new sample; newer tag (a recorder that
     * read the ticker a window or more ago and lost the race to newer ones) -> count + 1 into the
     * newer window rather than lose the sample. No counter is ever cleared behind a recorder's
     * back, so two concurrent records are both counted (the jcstress test
     * LatencyTrackerRecordStress checks it across a rotation). Readers add a counter only if its
     * tag is the epoch they want (current or previous): stale counters are invisible, which is
     * how old samples age out.
     *
     * Sweep. A counter nobody records into keeps its old tag; after 2^32 windows that tag would
     * come round again and the stale count reappear. So the first recorder into a slot for a new
     * epoch (a CAS on the slot's epoch) re-tags every counter older than that epoch to (tag, 0):
     * every counter is then at most two windows old, and tags never wrap into view. The sweep is
     * once per window, by one recorder, 1153 CASes (a few microseconds).
     *
     * Rejected: clearing a window's array at rotation (a concurrent recorder's increment landing
     * before the clear is lost, unless recorders wait for the clearer: not lock-free); swapping in
     * a fresh array per window (allocates on the record path, and an old array may still be
     * written by a late recorder); LongAdder per bucket (1152 adders, and an adder cannot be
     * reset without losing concurrent adds).
     */

    static final int SUB_BITS = 5;
    static final int SUB_COUNT = 1 << SUB_BITS;
    /** Highest power of two kept: latencies at or above 2^(MAX_EXP+1) are clamped. */
    static final int MAX_EXP = 39;
    static final long MAX_VALUE = (1L << (MAX_EXP + 1)) - 1;
    static final int BUCKETS = ((MAX_EXP - SUB_BITS + 1) << SUB_BITS) + SUB_COUNT;
    /** The slot array's index of the window's total. */
    private static final int TOTAL = BUCKETS;
    private static final long COUNT_MASK = 0xFFFF_FFFFL;
    /** A tag at most this many windows ahead of a recorder's epoch is "newer", not stale. */
    private static final int AHEAD = 1 << 16;

    private static final VarHandle EPOCH;
    private static final VarHandle HIGHEST;

    static {
        try {
            EPOCH = MethodHandles.lookup().findVarHandle(Slot.class, "epoch", long.class);
            HIGHEST = MethodHandles.lookup().findVarHandle(LogLinearLatencyTracker.class, "highest", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long windowNanos;
    private final int minSamples;
    private final Ticker ticker;
    private final long origin;
    private final Slot[] slots = {new Slot(), new Slot()};
    /**
     * The highest bucket ever recorded into, so that a percentile scan skips the empty top; only
     * grows (an old outlier keeps it high, which costs scan time, never a wrong answer). Via HIGHEST.
     */
    private volatile int highest;

    private final String name;

    LogLinearLatencyTracker(String name, long windowNanos, int minSamples, Ticker ticker) {
        this.name = name;
        this.windowNanos = windowNanos;
        this.minSamples = minSamples;
        this.ticker = ticker;
        this.origin = ticker.read();
    }

    /** One window's counters. */
    static final class Slot {
        /** BUCKETS counters and the total, each (tag << 32 | count). */
        final AtomicLongArray counters = new AtomicLongArray(BUCKETS + 1);
        /** Highest epoch this slot was swept for; via EPOCH. Starts at 0 (all counters tag 0, count 0). */
        volatile long epoch;
    }

    static int index(long nanos) {
        if (nanos < SUB_COUNT) {
            return (int) nanos;
        }
        long v = Math.min(nanos, MAX_VALUE);
        int e = 63 - Long.numberOfLeadingZeros(v);
        return ((e - SUB_BITS + 1) << SUB_BITS) + (int) ((v >>> (e - SUB_BITS)) & (SUB_COUNT - 1));
    }

    /** The value reported for bucket {@code index}: its midpoint (exact below 64). */
    static long value(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int e = (index >>> SUB_BITS) + SUB_BITS - 1;
        long low = (long) (SUB_COUNT + (index & (SUB_COUNT - 1))) << (e - SUB_BITS);
        return low + ((1L << (e - SUB_BITS)) >>> 1);
    }

    private long epoch(long now) {
        return Math.floorDiv(now - origin, windowNanos);
    }

    @Override
    public void record(long latencyNanos) {
        Checks.atLeast("latencyNanos", latencyNanos, 0L);
        long epoch = epoch(ticker.read());
        Slot slot = slots[(int) (epoch & 1)];
        long swept = slot.epoch;
        if (swept - epoch < 0) {
            sweep(slot, swept, epoch);
        }
        int tag = (int) epoch;
        int i = index(latencyNanos);
        // NOTE: raise the bound before counting, so that a reader who sees the count also sees a
        // bound at or above its bucket (volatile write, then the counter's CAS).
        int h = highest;
        while (i > h && !HIGHEST.compareAndSet(this, h, i)) {
            h = highest;
        }
        add(slot.counters, i, tag);
        add(slot.counters, TOTAL, tag);
    }

    /** Counts one sample for the window tagged {@code tag} in counter {@code i}. */
    private static void add(AtomicLongArray counters, int i, int tag) {
        for (;;) {
            long x = counters.get(i);
            int diff = (int) (x >>> 32) - tag;
            long next;
            if (diff >= 0 && diff < AHEAD) {
                // NOTE: this window's counter, or a newer window's if this recorder is late: count
                // into it rather than lose the sample. Saturate instead of carrying into the tag.
                if ((x & COUNT_MASK) == COUNT_MASK) {
                    return;
                }
                next = x + 1;
            } else {
                next = ((long) tag << 32) | 1L; // stale: reset and count in one step
            }
            if (counters.compareAndSet(i, x, next)) {
                return;
            }
        }
    }

    /** Re-tags the counters older than {@code epoch} to (tag, 0); one recorder per slot and epoch. */
    private static void sweep(Slot slot, long swept, long epoch) {
        long seen = swept;
        while (seen - epoch < 0) {
            if (EPOCH.compareAndSet(slot, seen, epoch)) {
                int tag = (int) epoch;
                AtomicLongArray counters = slot.counters;
                for (int i = 0; i <= TOTAL; i++) {
                    long x = counters.get(i);
                    int diff = (int) (x >>> 32) - tag;
                    if (diff < 0 || diff >= AHEAD) {
                        // A failed CAS means a recorder just re-tagged it itself: nothing to do.
                        counters.compareAndSet(i, x, (long) tag << 32);
                    }
                }
                return;
            }
            seen = slot.epoch;
        }
    }

    /** The count of counter {@code i} of {@code slot} for window {@code tag}, 0 if stale. */
    private static long countOf(Slot slot, int i, int tag) {
        long x = slot.counters.get(i);
        return (int) (x >>> 32) == tag ? x & COUNT_MASK : 0L;
    }

    @Override
    public OptionalLong percentileNanos(double percentile) {
        Checks.percent("percentile", percentile);
        long epoch = epoch(ticker.read());
        Slot current = slots[(int) (epoch & 1)];
        Slot previous = slots[(int) ((epoch - 1) & 1)];
        int tag = (int) epoch;
        int previousTag = (int) (epoch - 1);
        long total = countOf(current, TOTAL, tag) + countOf(previous, TOTAL, previousTag);
        if (total < minSamples) {
            return OptionalLong.empty();
        }
        // Nearest rank: the smallest latency with at least `rank` samples at or below it.
        long rank = Math.max(1L, (long) Math.ceil(percentile / 100.0 * total));
        // Scanned from the top, where tail percentiles are found quickly; `atOrBelow` is how many
        // samples are in bucket i or lower. The totals and buckets are read apart, so a record
        // running meanwhile may make them disagree by a few: the bottom bucket catches that.
        long atOrBelow = total;
        for (int i = highest; i > 0; i--) {
            long c = countOf(current, i, tag) + countOf(previous, i, previousTag);
            if (c != 0 && atOrBelow - c < rank) {
                return OptionalLong.of(value(i));
            }
            atOrBelow -= c;
        }
        return OptionalLong.of(value(0));
    }

    @Override
    public long count() {
        long epoch = epoch(ticker.read());
        return countOf(slots[(int) (epoch & 1)], TOTAL, (int) epoch)
                + countOf(slots[(int) ((epoch - 1) & 1)], TOTAL, (int) (epoch - 1));
    }

    @Override
    public int minSamples() {
        return minSamples;
    }

    @Override
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "LatencyTracker[" + name + ", window=" + window() + ", minSamples=" + minSamples + ", count=" + count() + "]";
    }
}
