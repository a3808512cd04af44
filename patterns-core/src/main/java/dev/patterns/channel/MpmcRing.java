package dev.patterns.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock-free bounded multi-producer multi-consumer ring under {@link ArrayChannel}: slots,
 * sequences and two position words, nothing else. It never waits for anyone but a thread between
 * its claim and its publication, knows no waiters, overflow policy or close reason, and answers
 * every operation at once. The channel extends it (rather than holding one) so that the hot path
 * reads the ring's fields straight from the channel object, with no extra indirection.
 */
abstract class MpmcRing<E> extends AbstractQueue<E> {
    /*
     * Implementation notes.
     *
     * A bounded MPMC array in the style of Dmitry Vyukov's "bounded MPMC queue" (1024cores.net)
     * and JCTools' MpmcArrayQueue: `elements[capacity]` and `sequences[capacity]`. Positions are
     * 62-bit counters that only grow: a sender claims position p by CAS on the producer word, a
     * receiver claims position c by CAS on the consumer word. Slot s = p mod capacity. The slot's
     * sequence says what the slot is waiting for:
     *   sequence == 2p      slot is free for the sender at position p
     *   sequence == 2p + 1  slot holds the element sent at position p (published)
     * A receiver at c waits for 2c + 1 and, after taking the element, frees the slot for position
     * c + capacity by storing 2(c + capacity). Doubling the positions (rather than Vyukov's p / p+1)
     * keeps "published at p" and "free for p+1" apart when capacity is 1.
     *
     * Words. producerWord = p << 1 | CLOSED; consumerWord = c << 1 | FROZEN. Closing sets CLOSED
     * in the producer word, so a send either claims a position before the close (and will be
     * received: receivers drain up to p) or fails its CAS and sees CLOSED: received XOR refused,
     * with no window. End-of-stream is CLOSED && c >= p.
     *
     * FROZEN is taken only by out-of-order removal and snapshots (diagnostics, rare): it stops
     * receivers from claiming, so the remover may read [c, p) and take one element out of order
     * by shifting the elements in front of it one slot forward and advancing c by one. Because c
     * moves, a receiver's stale CAS on the old c fails (no ABA); senders are never stopped.
     *
     * Guards: elements[s] is owned by whoever last claimed position s (plain accesses ordered by
     * the release/acquire of sequences[s]); the words and sequences are accessed only through
     * the VarHandle below; the removal log by freezeLock.
     */

    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    /** The CLOSED bit of the producer word. */
    static final long CLOSED = 1L;
    /** The FROZEN bit of the consumer word. */
    static final long FROZEN = 1L;
    /** How many out-of-order removals a snapshot can follow its element through. */
    static final int REMOVAL_LOG = 64;
    /** Thread.onSpinWait() iterations spent on a claimed-but-unpublished slot before yielding. */
    private static final int SPINS = 16;

    /** offerRing: the element was published. */
    static final int OK = 0;
    /** offerRing: every slot is taken. */
    static final int FULL = 1;
    /** offerRing: CLOSED is set; nothing was published. */
    static final int REFUSED_CLOSED = 2;

    /*
     * NOTE: the two words live in one long[] at indices 16 and 32 (128 bytes apart, with 128 bytes
     * before the first and 120 after the second) so that senders and receivers do not invalidate
     * each other's line on every CAS, nor the read-mostly fields of this object. 128 rather than
     * 64 bytes because adjacent-line prefetch pairs lines on x86.
     */
    private static final int P = 16;
    private static final int C = 32;
    private final long[] words = new long[48];

    private final Object[] elements;
    private final long[] sequences;
    final int capacity;
    /** capacity - 1 when capacity is a power of two, else -1 (then slots use %). */
    private final int mask;

    /** Serializes removers and snapshots (holders of FROZEN). */
    private final ReentrantLock freezeLock = new ReentrantLock();
    /**
     * Positions of the latest out-of-order removals, removal k at k mod REMOVAL_LOG, so that a
     * snapshot's iterator can follow its element as removals shift it; null until the first.
     * Guarded by freezeLock.
     */
    private long[] removedAt;
    /** Out-of-order removals so far. Guarded by freezeLock. */
    private long removals;

    /**
     * Creates an empty ring.
     *
     * @param capacity the number of slots, at least 1 (checked by the caller)
     */
    MpmcRing(int capacity) {
        this.capacity = capacity;
        this.mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
        this.elements = new Object[capacity];
        this.sequences = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            sequences[i] = 2L * i;
        }
        // NOTE: the final fields and the sequences are published by the constructor's end; the
        // channel must be shared through a safe publication like any other object.
    }

    // ---- accessors named by ordering (lv = volatile load, la = acquire load, sr = release store)

    final long lvProducerWord() {
        return (long) LONGS.getVolatile(words, P);
    }

    final long lvConsumerWord() {
        return (long) LONGS.getVolatile(words, C);
    }

    private boolean casProducerWord(long expected, long next) {
        return LONGS.compareAndSet(words, P, expected, next);
    }

    private boolean casConsumerWord(long expected, long next) {
        return LONGS.compareAndSet(words, C, expected, next);
    }

    private long laSequence(int slot) {
        return (long) LONGS.getAcquire(sequences, slot);
    }

    private void srSequence(int slot, long value) {
        LONGS.setRelease(sequences, slot, value);
    }

    private int slot(long position) {
        return mask >= 0 ? (int) position & mask : (int) (position % capacity);
    }

    // ---- non-blocking primitives

    /**
     * Claims a position and publishes {@code element}; never waits except for an in-flight
     * receiver.
     *
     * @return OK, FULL or REFUSED_CLOSED
     */
    final int offerRing(E element) {
        int spins = 0;
        while (true) {
            long word = lvProducerWord();
            if ((word & CLOSED) != 0) {
                return REFUSED_CLOSED;
            }
            long p = word >>> 1;
            int s = slot(p);
            long seq = laSequence(s);
            long diff = seq - 2 * p;
            if (diff == 0) {
                // NOTE: the CAS is the linearization point of a send, and a volatile write: it
                // pairs with a waiting receiver's volatile re-read of the producer word (Dekker).
                if (casProducerWord(word, word + 2)) {
                    elements[s] = element;
                    // NOTE: release orders the plain element store before the publication; the
                    // receiver's acquire load of the sequence then sees the element.
                    srSequence(s, 2 * p + 1);
                    return OK;
                }
            } else if (diff < 0) {
                // The slot still holds position p - capacity: full, unless its receiver has
                // claimed it and is about to free it.
                if (p - (lvConsumerWord() >>> 1) >= capacity) {
                    return FULL;
                }
                spins = backOff(spins);
            }
            // diff > 0: another sender claimed p; reload.
        }
    }

    /**
     * Claims the oldest published element if its position is below {@code end}, or returns null
     * if the ring is empty or its oldest element was sent at or after {@code end}.
     */
    @SuppressWarnings("unchecked")
    final E pollRingBefore(long end) {
        int spins = 0;
        while (true) {
            long word = lvConsumerWord();
            if ((word & FROZEN) != 0) {
                spins = backOff(spins);
                continue;
            }
            long c = word >>> 1;
            if (c >= end) {
                return null;
            }
            int s = slot(c);
            long seq = laSequence(s);
            long diff = seq - (2 * c + 1);
            if (diff == 0) {
                // NOTE: the CAS linearizes the receive and is the volatile write of the Dekker
                // pair with a waiting sender's re-read of the consumer word.
                if (casConsumerWord(word, word + 2)) {
                    E element = (E) elements[s];
                    elements[s] = null;
                    // NOTE: release orders the null store (and our read of the element) before
                    // the slot is handed to the sender at c + capacity.
                    srSequence(s, 2 * (c + capacity));
                    return element;
                }
            } else if (diff < 0) {
                // Not yet published: empty, unless a sender claimed c and is writing it.
                if (c >= (lvProducerWord() >>> 1)) {
                    return null;
                }
                spins = backOff(spins);
            }
            // diff > 0: another receiver claimed c; reload.
        }
    }

    /** Returns the oldest published element without claiming it, or null if the ring is empty. */
    @SuppressWarnings("unchecked")
    final E peekRing() {
        while (true) {
            long word = lvConsumerWord();
            long c = word >>> 1;
            int s = slot(c);
            if (laSequence(s) != 2 * c + 1) {
                if (c >= (lvProducerWord() >>> 1)) {
                    return null;
                }
                Thread.onSpinWait();
                continue;
            }
            E element = (E) elements[s];
            // NOTE: valid only if no receiver moved past c meanwhile (then the slot is unchanged).
            if (element != null && lvConsumerWord() == word) {
                return element;
            }
        }
    }

    /** Waits a little for another thread that is between its claim and its publication. */
    private static int backOff(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
        } else {
            // NOTE: on a machine with fewer cores than threads the thread we wait for may be
            // descheduled; yielding lets it run instead of burning our slice.
            Thread.yield();
        }
        return spins + 1;
    }

    /** The number of elements at one moment: 0 to capacity. */
    final int sizeNow() {
        while (true) {
            long c = lvConsumerWord() >>> 1;
            long p = lvProducerWord() >>> 1;
            // NOTE: p was read while c was current, so 0 <= p - c <= capacity held at that moment.
            if ((lvConsumerWord() >>> 1) == c) {
                return (int) (p - c);
            }
        }
    }

    final boolean isEmptyNow() {
        // NOTE: volatile reads; the consumer word first so that a concurrent send can only make
        // this answer "not empty".
        long c = lvConsumerWord() >>> 1;
        return c >= (lvProducerWord() >>> 1);
    }

    final boolean isFullNow() {
        long p = lvProducerWord() >>> 1;
        return p - (lvConsumerWord() >>> 1) >= capacity;
    }

    final boolean isClosedWord() {
        return (lvProducerWord() & CLOSED) != 0;
    }

    /** Sets CLOSED in the producer word: every later offerRing answers REFUSED_CLOSED. */
    final void closeRing() {
        long word;
        do {
            word = lvProducerWord();
        } while (!casProducerWord(word, word | CLOSED));
    }

    // ---- out-of-order removal and snapshots (FROZEN)

    /** Picks the position to take out, or -1; called with FROZEN set, c <= position < p. */
    @FunctionalInterface
    interface PositionFinder {
        long find(long c, long p);
    }

    /**
     * Takes the element at the position {@code finder} picks out of the ring, out of order, then
     * (outside the lock) calls {@link #afterRemoval()}.
     *
     * @return whether an element was taken
     */
    final boolean removeFrozen(PositionFinder finder) {
        boolean removed = false;
        freezeLock.lock();
        try {
            long word = freeze();
            long c = word >>> 1;
            try {
                long p = lvProducerWord() >>> 1;
                long i = finder.find(c, p);
                if (i >= 0) {
                    // Shift [c, i) one position forward, free the slot of c, advance c.
                    for (long j = i; j > c; j--) {
                        elements[slot(j)] = elements[slot(j - 1)];
                    }
                    int s = slot(c);
                    elements[s] = null;
                    srSequence(s, 2 * (c + capacity));
                    logRemoval(i);
                    removed = true;
                }
            } finally {
                // NOTE: a volatile write that also publishes the shifted elements to receivers.
                LONGS.setVolatile(words, C, (removed ? c + 1 : c) << 1);
            }
        } finally {
            freezeLock.unlock();
        }
        if (removed) {
            afterRemoval();
        }
        return removed;
    }

    /** Records an out-of-order removal at position i, for snapshots made before it; requires freezeLock. */
    private void logRemoval(long i) {
        if (removedAt == null) {
            removedAt = new long[REMOVAL_LOG];
        }
        removedAt[(int) (removals % REMOVAL_LOG)] = i;
        removals++;
    }

    /**
     * Where the element that was at position {@code pos} when {@code since} removals had happened
     * is now, or -1 if a removal took it or the log no longer reaches back that far. A removal at
     * position r moved every element in [c, r) one position forward; an element below c then is
     * below c after, so it needs no special case. Requires freezeLock (called from a finder).
     */
    final long replayRemovals(long pos, long since) {
        if (removals - since > REMOVAL_LOG) {
            return -1;
        }
        for (long k = since; k < removals; k++) {
            long r = removedAt[(int) (k % REMOVAL_LOG)];
            if (pos == r) {
                return -1;
            }
            if (pos < r) {
                pos++;
            }
        }
        return pos;
    }

    /** Sets FROZEN on the consumer word; requires freezeLock. Returns the word before. */
    private long freeze() {
        assert freezeLock.isHeldByCurrentThread();
        while (true) {
            long word = lvConsumerWord();
            assert (word & FROZEN) == 0;
            if (casConsumerWord(word, word | FROZEN)) {
                return word;
            }
        }
    }

    /** Returns the element at position i >= c once its sender has published it; requires FROZEN. */
    final Object awaitPublished(long i) {
        int s = slot(i);
        int spins = 0;
        while (laSequence(s) != 2 * i + 1) {
            spins = backOff(spins);
        }
        return elements[s];
    }

    /** Returns a snapshot of the buffered elements, oldest first. */
    final RingSnapshot<E> snapshot() {
        freezeLock.lock();
        try {
            long word = freeze();
            try {
                long c = word >>> 1;
                long p = lvProducerWord() >>> 1;
                Object[] items = new Object[(int) (p - c)];
                for (long i = c; i < p; i++) {
                    items[(int) (i - c)] = awaitPublished(i);
                }
                return new RingSnapshot<>(this, items, c, removals);
            } finally {
                LONGS.setVolatile(words, C, word);
            }
        } finally {
            freezeLock.unlock();
        }
    }

    /** Called after an out-of-order removal freed a slot (the channel wakes a waiting sender). */
    abstract void afterRemoval();
}
