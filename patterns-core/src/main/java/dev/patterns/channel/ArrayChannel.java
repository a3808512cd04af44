package dev.patterns.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.patterns.internal.Checks;
import dev.patterns.time.Deadline;

/**
 * The {@link Channel}: the lock-free ring of {@link MpmcRing} with overflow policies, close and
 * park-based waiting on queues that only waiters touch; its {@code BlockingQueue} methods are in
 * {@link ChannelQueue}.
 */
final class ArrayChannel<E> extends ChannelQueue<E> {
    /*
     * Implementation notes.
     *
     * The ring (slots, sequences, the producer and consumer words, CLOSED and FROZEN) is MpmcRing,
     * which this class extends so that the hot path reads its fields with no indirection; the
     * BlockingQueue methods are ChannelQueue. This class adds what makes the ring a channel: the
     * overflow policies, waiting and waking, and closing with a reason.
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
     * Wake-ups follow the ring's CAS: offerAndWake() and receiveBefore() wrap the ring's
     * primitives, and every send and receive of the channel goes through them. Guards: each
     * WaitQueue guards its own waiters; closeState is set once by CAS; the ring's fields are the
     * ring's (see MpmcRing).
     */

    private static final VarHandle CLOSE_STATE;

    static {
        try {
            CLOSE_STATE = MethodHandles.lookup().findVarHandle(ArrayChannel.class, "closeState", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Longest timed wait, so that a deadline never overflows (about 73 years). */
    private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 4;
    /** Marks a normal close in closeState (a failure is stored as its Throwable). */
    private static final Object CLOSED_NORMALLY = new Object();

    private final Overflow overflow;
    private final String name;
    private final Consumer<? super E> dropHandler;

    /** Receivers parked, or about to park, on an empty channel. */
    private final WaitQueue receivers = new WaitQueue();
    /** Senders parked, or about to park, on a full channel. */
    private final WaitQueue senders = new WaitQueue();

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
        super(Checks.atLeast("capacity", capacity, 1));
        this.name = Objects.requireNonNull(name, "name");
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        this.dropHandler = Objects.requireNonNull(dropHandler, "dropHandler");
    }

    // ---- the ring's primitives, with the wake-ups

    /** offerRing, then wakes one receiver if any waits. */
    private int offerAndWake(E element) {
        int code = offerRing(element);
        // NOTE: volatile read after the ring's CAS on the producer word; see "Waiting" above.
        if (code == OK && !receivers.isEmpty()) {
            receivers.wakeOne();
        }
        return code;
    }

    /** pollRing, then wakes one sender if any waits. */
    private E pollAndWake() {
        return receiveBefore(Long.MAX_VALUE);
    }

    @Override
    E receiveBefore(long end) {
        E element = pollRingBefore(end);
        // NOTE: volatile read after the ring's CAS on the consumer word; see "Waiting" above.
        if (element != null && !senders.isEmpty()) {
            senders.wakeOne();
        }
        return element;
    }

    @Override
    void afterRemoval() {
        if (!senders.isEmpty()) {
            senders.wakeOne();
        }
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
    @Override
    int trySendOrCode(E element) {
        int code = offerAndWake(element);
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
                    E evicted = pollAndWake();
                    if (evicted != null) {
                        evictedOldest.getAndIncrement();
                        recordDrop();
                        dropHandler.accept(evicted);
                    }
                    code = offerAndWake(element);
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

    @Override
    boolean sendBlocking(E element, long nanos, boolean timed, boolean throwing)
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
                throw fullException();
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
                code = offerAndWake(element);
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
            throw closedException();
        }
        return false;
    }

    @Override
    ChannelClosedException closedException() {
        return new ChannelClosedException("channel '" + name + "' is closed", failureOrNull());
    }

    @Override
    ChannelFullException fullException() {
        return new ChannelFullException("channel '" + name + "' is full (capacity: " + capacity + ")");
    }

    // ---- receiving

    @Override
    public E receive() throws InterruptedException {
        checkInterrupt();
        E element = receiveBlocking(0L, false);
        if (element == null) {
            throw closedException();
        }
        return element;
    }

    @Override
    public E tryReceive() {
        return pollAndWake();
    }

    @Override
    public E receive(Duration timeout) throws InterruptedException {
        long nanos = timeoutNanos(timeout);
        checkInterrupt();
        E element = receiveBlocking(nanos, true);
        if (element == null && isClosedForReceive()) {
            throw closedException();
        }
        return element;
    }

    @Override
    E receiveBlocking(long nanos, boolean timed) throws InterruptedException {
        E element = pollAndWake();
        if (element != null || (timed && nanos <= 0L)) {
            return element;
        }
        long deadline = timed ? System.nanoTime() + Math.min(nanos, MAX_WAIT_NANOS) : 0L;
        while (true) {
            // NOTE: read CLOSED before re-polling: if the channel was closed before an empty poll,
            // no send can follow it, so the stream has ended.
            boolean closed = isClosedWord();
            element = pollAndWake();
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

    @Override
    public long consume(Consumer<? super E> action) throws InterruptedException {
        Objects.requireNonNull(action, "action");
        long n = 0;
        while (true) {
            E element = receiveBlocking(0L, false);
            if (element == null) {
                if (failureOrNull() != null) {
                    throw closedException(); // failed: the cause is attached
                }
                return n;
            }
            action.accept(element);
            n++;
        }
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
        closeRing();
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

    /** Zero or negative means do not wait (the library's timeout rule, see dev.patterns.time). */
    private static long timeoutNanos(Duration timeout) {
        return Math.max(0L, Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout")));
    }

    @Override
    public String toString() {
        return "Channel" + snapshot().items + "[name=" + name + ", capacity=" + capacity + ", overflow=" + overflow
                + ", closed=" + isClosedForSend() + "]";
    }
}
