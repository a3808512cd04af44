package dev.patterns.channel;

import dev.patterns.time.Deadline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The {@link Channel}: a lock-free bounded multi-producer multi-consumer array with per-slot
 * sequence numbers, and spin-then-park waiting on a lock that only waiters touch.
 */
final class ArrayChannel<E> extends AbstractQueue<E> implements Channel<E> {
    /*
     * Implementation notes.
     *
     * The ring. A bounded MPMC array in the style of Dmitry Vyukov's "bounded MPMC queue"
     * (1024cores.net) and JCTools' MpmcArrayQueue: `elements[capacity]` and `sequences[capacity]`.
     * Positions are 62-bit counters that only grow: a sender claims position p by CAS on the
     * producer word, a receiver claims position c by CAS on the consumer word. Slot s = p mod
     * capacity. The slot's sequence says what the slot is waiting for:
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
     * FROZEN is taken only by remove(Object) and iteration (diagnostics, rare): it stops
     * receivers from claiming, so the remover may read [c, p) and take one element out of order
     * by shifting the elements in front of it one slot forward and advancing c by one. Because c
     * moves, a receiver's stale CAS on the old c fails (no ABA); senders are never stopped.
     *
     * Counters. sent = p + droppedNewest, received = c - evictedOldest, dropped = droppedNewest +
     * evictedOldest, size = p - c, so sent == received + dropped + size holds by construction at
     * quiescence. The fast path pays for no counter beyond the CAS it needs anyway.
     *
     * Waiting. A blocking call tries the fast path, re-tries it once more, and then parks in a
     * WaitQueue (`receivers` or `senders`) with no spinning or yielding in between. With a
     * 1024-slot ring the other side is rarely one element away: a waiter that parks lets the
     * other side fill (or drain) a run of slots and wakes to a batch, while spinning or yielding
     * takes CPU time from the very thread it waits for when threads outnumber cores. Measured
     * (HandoffBenchmark, same machine, runs interleaved): spin 16 + yield 8 before parking gave
     * 4.0 and 16.9 transfers/us at 1/1 where parking at once gave 28.2 and 31.9; see the commit
     * message for the rows. The only spin left is backOff() in the ring itself, on a slot whose
     * claimer has not yet published it (a window of a few instructions). A sender reads
     * receivers.size (volatile) after its CAS on the producer word and wakes one receiver only if
     * it is non-zero; a receiver symmetrically. A waiter registers (a volatile write of size) and
     * then re-reads the other side's word (volatile) before it parks: a Dekker pair over
     * volatiles, so either the waker sees the waiter or the waiter sees the element (JLS 17.4.4:
     * synchronization order is total, and both sides use volatile accesses). A wake-up that
     * arrives between the re-check and park() is not lost: unpark() before park() makes park()
     * return at once, and the waiter loops until it is no longer its node's waiter. The waker
     * dequeues the waiter it wakes, so each event wakes one thread once. close() wakes every
     * waiter on both sides after setting CLOSED; a waiter registering later re-reads CLOSED and
     * does not park. Parking allocates nothing in steady state: each WaitQueue reuses the nodes
     * of finished waits (see WaitQueue's notes for why a node may be reused before its woken
     * thread has run).
     *
     * An earlier version parked on Conditions of one lock and signalled while the woken thread
     * was still counted: every send during a receiver's wake-up latency then took the lock to
     * signal nobody (measured: about a third of ArrayBlockingQueue's hand-off rate).
     *
     * Guards: elements[s] is owned by whoever last claimed position s (plain accesses ordered by
     * the release/acquire of sequences[s]); the words and sequences are accessed only through
     * the VarHandles below; each WaitQueue guards its own waiters.
     */

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle CLOSE_STATE;

    static {
        try {
            CLOSE_STATE = MethodHandles.lookup().findVarHandle(ArrayChannel.class, "closeState", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final long CLOSED = 1L;
    /** How many out-of-order removals an iterator can follow its element through. */
    private static final int REMOVAL_LOG = 64;
    private static final long FROZEN = 1L;
    /** Thread.onSpinWait() iterations spent on a claimed-but-unpublished slot before yielding. */
    private static final int SPINS = 16;
    /** Longest timed wait, so that a deadline never overflows (about 73 years). */
    private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 4;
    /** Marks a normal close in closeState (a failure is stored as its Throwable). */
    private static final Object CLOSED_NORMALLY = new Object();

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
    private final int capacity;
    /** capacity - 1 when capacity is a power of two, else -1 (then slots use %). */
    private final int mask;
    private final Overflow overflow;
    private final String name;
    private final Consumer<? super E> dropHandler;

    /** Receivers parked, or about to park, on an empty channel. */
    private final WaitQueue receivers = new WaitQueue();
    /** Senders parked, or about to park, on a full channel. */
    private final WaitQueue senders = new WaitQueue();
    /** Serializes removers and iterators (holders of FROZEN). */
    private final ReentrantLock freezeLock = new ReentrantLock();
    /**
     * Positions of the latest out-of-order removals, removal k at k mod REMOVAL_LOG, so that an
     * iterator can follow its element as removals shift it; null until the first. Guarded by
     * freezeLock.
     */
    private long[] removedAt;
    /** Out-of-order removals so far. Guarded by freezeLock. */
    private long removals;

    private final AtomicLong droppedNewest = new AtomicLong();
    private final AtomicLong evictedOldest = new AtomicLong();
    /**
     * System.nanoTime() before which no drop event is recorded. Racy on purpose: two senders may
     * both record one, which only costs an extra event.
     */
    private volatile long dropEventGate = System.nanoTime();
    /** null while open; CLOSED_NORMALLY or the failure once closed. Set once by CAS. */
    private volatile Object closeState;

    ArrayChannel(String name, int capacity, Overflow overflow, Consumer<? super E> dropHandler) {
        this.name = Objects.requireNonNull(name, "name");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        this.dropHandler = Objects.requireNonNull(dropHandler, "dropHandler");
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

    private long lvProducerWord() {
        return (long) LONGS.getVolatile(words, P);
    }

    private long lvConsumerWord() {
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

    // ---- the ring: non-blocking primitives

    private static final int OK = 0;
    private static final int FULL = 1;
    private static final int REFUSED_CLOSED = 2;

    /** Claims a position and publishes {@code element}; never waits except for an in-flight receiver. */
    private int offerRing(E element) {
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
                    // NOTE: volatile read after the CAS above; see the implementation notes.
                    if (!receivers.isEmpty()) {
                        receivers.wakeOne();
                    }
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

    /** Claims the oldest published element, or returns null if the ring is empty. */
    private E pollRing() {
        return pollRingBefore(Long.MAX_VALUE);
    }

    /**
     * Claims the oldest published element if its position is below {@code end}, or returns null
     * if the ring is empty or its oldest element was sent at or after {@code end}.
     */
    @SuppressWarnings("unchecked")
    private E pollRingBefore(long end) {
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
                    if (!senders.isEmpty()) {
                        senders.wakeOne();
                    }
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

    private boolean isEmptyNow() {
        // NOTE: volatile reads; the consumer word first so that a concurrent send can only make
        // this answer "not empty".
        long c = lvConsumerWord() >>> 1;
        return c >= (lvProducerWord() >>> 1);
    }

    private boolean isFullNow() {
        long p = lvProducerWord() >>> 1;
        return p - (lvConsumerWord() >>> 1) >= capacity;
    }

    private boolean isClosedWord() {
        return (lvProducerWord() & CLOSED) != 0;
    }

    // ---- sending

    @Override
    public void send(E element) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        checkInterrupt();
        sendBlocking(element, Long.MAX_VALUE, false, true);
    }

    @Override
    public boolean trySend(E element) {
        Objects.requireNonNull(element, "element");
        return trySendOrCode(element) == OK;
    }

    @Override
    public boolean send(E element, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        long nanos = timeoutNanos(timeout);
        checkInterrupt();
        return sendBlocking(element, nanos, true, true);
    }

    /** The non-waiting send under every policy; runs the drop handler. */
    private int trySendOrCode(E element) {
        int code = offerRing(element);
        if (code != FULL) {
            return code;
        }
        switch (overflow) {
            case DROP_NEWEST -> {
                // NOTE: counted before the handler runs, so a throwing handler leaves the counters exact.
                droppedNewest.getAndIncrement();
                recordDrop();
                dropHandler.accept(element);
                return OK;
            }
            case DROP_OLDEST -> {
                while (true) {
                    E evicted = pollRing();
                    if (evicted != null) {
                        evictedOldest.getAndIncrement();
                        recordDrop();
                        dropHandler.accept(evicted);
                    }
                    code = offerRing(element);
                    if (code != FULL) {
                        return code;
                    }
                }
            }
            default -> {
                return FULL;
            }
        }
    }

    /** A JFR drop event, at most one per ChannelDropEvent.GAP_NANOS (see there). */
    private void recordDrop() {
        long now = System.nanoTime();
        if (now - dropEventGate >= 0
                && ChannelDropEvent.emit(name, overflow, capacity, droppedNewest.get() + evictedOldest.get())) {
            dropEventGate = now + ChannelDropEvent.GAP_NANOS;
        }
    }

    /**
     * @param nanos how long to wait for space (BLOCK only); Long.MAX_VALUE with !timed = forever
     * @param throwing whether closed and FAIL-full throw rather than answer false
     * @return true if sent, false on timeout (or, when !throwing, closed / FAIL-full)
     */
    private boolean sendBlocking(E element, long nanos, boolean timed, boolean throwing)
            throws InterruptedException {
        int code = trySendOrCode(element);
        if (code == OK) {
            return true;
        }
        if (code == REFUSED_CLOSED) {
            return refuseClosed(throwing);
        }
        if (overflow == Overflow.FAIL) {
            if (throwing) {
                throw full();
            }
            return false;
        }
        // BLOCK and full.
        if (timed && nanos <= 0L) {
            return false;
        }
        long deadline = timed ? System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS) : 0L;
        // The slow path only: a send that waits longer than the event's threshold is a JFR event.
        ChannelSendWaitEvent event = new ChannelSendWaitEvent();
        event.begin();
        boolean sent = false;
        try {
            while (true) {
                code = offerRing(element);
                if (code == OK) {
                    sent = true;
                    return true;
                }
                if (code == REFUSED_CLOSED) {
                    return refuseClosed(throwing);
                }
                checkInterrupt();
                if (timed && deadline - System.nanoTime() <= 0L) {
                    return false;
                }
                // NOTE: no spinning or yielding here: park at once (see "Waiting" in the notes).
                awaitNotFull(timed, deadline);
            }
        } finally {
            event.end();
            if (event.shouldCommit()) {
                event.channel = name;
                event.capacity = capacity;
                event.sent = sent;
                event.commit();
            }
        }
    }

    private void awaitNotFull(boolean timed, long deadline) {
        WaitQueue.Node w = senders.register();
        // NOTE: the register() volatile write precedes these volatile re-reads: Dekker pair with
        // a receiver's CAS on the consumer word followed by its read of senders' size.
        if (!isFullNow() || isClosedWord()) {
            senders.deregister(w);
            return;
        }
        WaitQueue.park(senders, w, this, timed, deadline);
    }

    private boolean refuseClosed(boolean throwing) {
        if (throwing) {
            throw new ChannelClosedException("channel is closed", failureOrNull());
        }
        return false;
    }

    private ChannelFullException full() {
        return new ChannelFullException("channel is full (capacity: " + capacity + ")");
    }

    // ---- receiving

    @Override
    public E receive() throws InterruptedException {
        checkInterrupt();
        E element = receiveBlocking(0L, false);
        if (element == null) {
            throw endOfStream();
        }
        return element;
    }

    @Override
    public E tryReceive() {
        return pollRing();
    }

    @Override
    public E receive(Duration timeout) throws InterruptedException {
        long nanos = timeoutNanos(timeout);
        checkInterrupt();
        E element = receiveBlocking(nanos, true);
        if (element == null && isClosedForReceive()) {
            throw endOfStream();
        }
        return element;
    }

    /** Returns an element, or null on timeout or at end-of-stream. */
    private E receiveBlocking(long nanos, boolean timed) throws InterruptedException {
        E element = pollRing();
        if (element != null || (timed && nanos <= 0L)) {
            return element;
        }
        long deadline = timed ? System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS) : 0L;
        while (true) {
            // NOTE: read CLOSED before re-polling: if the channel was closed before an empty poll,
            // no send can follow it, so the stream has ended.
            boolean closed = isClosedWord();
            element = pollRing();
            if (element != null) {
                return element;
            }
            if (closed) {
                return null;
            }
            checkInterrupt();
            if (timed && deadline - System.nanoTime() <= 0L) {
                return null;
            }
            // NOTE: no spinning or yielding here: park at once (see "Waiting" in the notes).
            awaitNotEmpty(timed, deadline);
        }
    }

    private void awaitNotEmpty(boolean timed, long deadline) {
        WaitQueue.Node w = receivers.register();
        // NOTE: Dekker pair with a sender's CAS on the producer word followed by its read of
        // receivers' size; see the implementation notes.
        if (!isEmptyNow() || isClosedWord()) {
            receivers.deregister(w);
            return;
        }
        WaitQueue.park(receivers, w, this, timed, deadline);
    }

    /** Returns how many wait nodes each side has created, receivers then senders; for tests. */
    int[] waitNodesCreated() {
        return new int[] {receivers.nodesCreated(), senders.nodesCreated()};
    }

    /** Returns how many threads are registered on each side, receivers then senders; for tests. */
    int[] waiting() {
        return new int[] {receivers.waiting(), senders.waiting()};
    }

    private ChannelClosedException endOfStream() {
        return new ChannelClosedException("channel is closed", failureOrNull());
    }

    @Override
    public long consume(Consumer<? super E> action) throws InterruptedException {
        Objects.requireNonNull(action, "action");
        long n = 0;
        while (true) {
            E element = receiveBlocking(0L, false);
            if (element == null) {
                Throwable cause = failureOrNull();
                if (cause != null) {
                    throw new ChannelClosedException("channel failed", cause);
                }
                return n;
            }
            action.accept(element);
            n++;
        }
    }

    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        Objects.requireNonNull(sink, "sink");
        if (sink == this) {
            throw new IllegalArgumentException("sink: this channel (expected: another collection)");
        }
        // NOTE: bounded by the elements in the channel now (positions below the producer
        // position read here), as ArrayBlockingQueue is by its count: under a steady producer an
        // unbounded drain would never return, and clear() would clear what was sent after it.
        long end = lvProducerWord() >>> 1;
        int n = 0;
        while (n < maxElements) {
            E element = pollRingBefore(end);
            if (element == null) {
                break;
            }
            n++;
            // NOTE: taken (and counted received) before the sink sees it, so a sink that throws
            // leaves this element in neither collection, as BlockingQueue.drainTo permits.
            // ArrayBlockingQueue, which adds under its lock before it takes, leaves it in the
            // queue; a lock-free ring cannot put an element back in front of later ones.
            sink.add(element);
        }
        return n;
    }

    // ---- closing

    @Override
    public boolean close() {
        return closeWith(CLOSED_NORMALLY);
    }

    @Override
    public boolean fail(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause"));
    }

    private boolean closeWith(Object state) {
        if (!CLOSE_STATE.compareAndSet(this, null, state)) {
            // The winner is setting CLOSED; return only once it is visible, so that a caller
            // of close() always finds the channel closed for send afterwards.
            while (!isClosedWord()) {
                Thread.onSpinWait();
            }
            return false;
        }
        // NOTE: closeState is written before CLOSED becomes visible, so whoever sees CLOSED (a
        // volatile read) also sees why.
        long word;
        do {
            word = lvProducerWord();
        } while (!casProducerWord(word, word | CLOSED));
        // Every waiter re-reads CLOSED after registering, so none that registers later parks.
        receivers.wakeAll();
        senders.wakeAll();
        return true;
    }

    private Throwable failureOrNull() {
        return closeState instanceof Throwable t ? t : null;
    }

    @Override
    public boolean isClosedForSend() {
        return isClosedWord();
    }

    @Override
    public boolean isClosedForReceive() {
        return isClosedWord() && isEmptyNow();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Overflow overflow() {
        return overflow;
    }

    @Override
    public ChannelStats stats() {
        long newest = droppedNewest.get();
        long oldest = evictedOldest.get();
        long c = lvConsumerWord() >>> 1;
        long pWord = lvProducerWord();
        long p = pWord >>> 1;
        int size = (int) Math.max(0L, Math.min(capacity, p - c));
        return new ChannelStats(capacity, size, p + newest, c - oldest, newest + oldest,
                (pWord & CLOSED) != 0, failureOrNull(), senders.waiting());
    }

    // ---- BlockingQueue

    @Override
    public boolean add(E element) {
        Objects.requireNonNull(element, "element");
        int code = trySendOrCode(element);
        if (code == OK) {
            return true;
        }
        if (code == REFUSED_CLOSED) {
            throw new ChannelClosedException("channel is closed", failureOrNull());
        }
        throw full();
    }

    @Override
    public boolean offer(E element) {
        return trySend(element);
    }

    @Override
    public void put(E element) throws InterruptedException {
        send(element);
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(unit, "unit");
        checkInterrupt();
        return sendBlocking(element, unit.toNanos(timeout), true, false);
    }

    @Override
    public E take() throws InterruptedException {
        return receive();
    }

    @Override
    public E poll() {
        return pollRing();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        checkInterrupt();
        return receiveBlocking(unit.toNanos(timeout), true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
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

    @Override
    public int size() {
        while (true) {
            long c = lvConsumerWord() >>> 1;
            long p = lvProducerWord() >>> 1;
            // NOTE: p was read while c was current, so 0 <= p - c <= capacity held at that moment.
            if ((lvConsumerWord() >>> 1) == c) {
                return (int) (p - c);
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return isEmptyNow();
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        for (Object e : snapshot()) {
            if (o.equals(e)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean remove(Object o) {
        return o != null && removeFrozen((c, p) -> {
            for (long i = c; i < p; i++) {
                if (o.equals(awaitPublished(i))) {
                    return i;
                }
            }
            return -1;
        });
    }

    /** Picks the position to take out, or -1; called with FROZEN set, c <= position < p. */
    @FunctionalInterface
    private interface PositionFinder {
        long find(long c, long p);
    }

    /**
     * Takes the element at the position {@code finder} picks out of the ring, out of order.
     * Counts it as received.
     */
    private boolean removeFrozen(PositionFinder finder) {
        freezeLock.lock();
        long c;
        try {
            long word = freeze();
            c = word >>> 1;
            boolean removed = false;
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
            if (!removed) {
                return false;
            }
        } finally {
            freezeLock.unlock();
        }
        if (!senders.isEmpty()) {
            senders.wakeOne();
        }
        return true;
    }

    /** Records an out-of-order removal at position i, for iterators made before it; requires freezeLock. */
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
     * below c after, so it needs no special case. Requires freezeLock.
     */
    private long replayRemovals(long pos, long since) {
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
    private Object awaitPublished(long i) {
        int s = slot(i);
        int spins = 0;
        while (laSequence(s) != 2 * i + 1) {
            spins = backOff(spins);
        }
        return elements[s];
    }

    private List<E> snapshot() {
        return new Snapshot().items;
    }

    /**
     * The buffered elements at one moment, with the position of the first and the number of
     * out-of-order removals before it, so that an iterator can find an element again.
     */
    private final class Snapshot {
        final List<E> items;
        final long first;
        final long removalsBefore;

        Snapshot() {
            freezeLock.lock();
            try {
                long word = freeze();
                try {
                    long c = word >>> 1;
                    long p = lvProducerWord() >>> 1;
                    List<E> list = new ArrayList<>((int) (p - c));
                    for (long i = c; i < p; i++) {
                        @SuppressWarnings("unchecked")
                        E e = (E) awaitPublished(i);
                        list.add(e);
                    }
                    items = list;
                    first = c;
                    removalsBefore = removals;
                } finally {
                    LONGS.setVolatile(words, C, word);
                }
            } finally {
                freezeLock.unlock();
            }
        }
    }

    /**
     * Returns a weakly consistent iterator over a snapshot of the buffered elements, oldest first.
     * Its {@code remove()} takes out of the channel the very element it returned (not another
     * equal or identical one) if that element is still buffered, and does nothing if it was
     * received meanwhile. If more than 64 other elements were removed from the middle of the
     * channel since the iterator was made, it can no longer tell where its element went, and
     * {@code remove()} leaves it in place.
     */
    @Override
    public Iterator<E> iterator() {
        Snapshot snapshot = new Snapshot();
        List<E> items = snapshot.items;
        return new Iterator<>() {
            private int next;
            private int last = -1;

            @Override
            public boolean hasNext() {
                return next < items.size();
            }

            @Override
            public E next() {
                if (next >= items.size()) {
                    throw new NoSuchElementException("no more elements in the snapshot");
                }
                last = next;
                return items.get(next++);
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                Object element = items.get(last);
                long position = snapshot.first + last;
                last = -1;
                removeFrozen((c, p) -> {
                    long now = replayRemovals(position, snapshot.removalsBefore);
                    return now >= c && now < p && awaitPublished(now) == element ? now : -1;
                });
            }
        };
    }

    /**
     * Returns a weakly consistent spliterator over a snapshot of the buffered elements, reporting
     * {@link Spliterator#CONCURRENT}, {@link Spliterator#ORDERED} and {@link Spliterator#NONNULL}
     * and not {@link Spliterator#SIZED}: others may send and receive while it runs.
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(this, Spliterator.CONCURRENT | Spliterator.ORDERED | Spliterator.NONNULL);
    }

    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().toArray(a);
    }

    @Override
    public void clear() {
        drainTo(new NullSink<>());
    }

    /** Counts elements away; used by clear(). */
    private static final class NullSink<T> extends java.util.AbstractCollection<T> {
        @Override
        public boolean add(T t) {
            return true;
        }

        @Override
        public Iterator<T> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Zero or negative means do not wait (the library's timeout rule, see dev.patterns.time). */
    private static long timeoutNanos(Duration timeout) {
        return Math.max(0L, Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout")));
    }

    @Override
    public String toString() {
        return "Channel" + snapshot() + "[name=" + name + ", capacity=" + capacity + ", overflow=" + overflow
                + ", closed=" + isClosedForSend() + "]";
    }
}
