package dev.patterns.channel;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;

/**
 * The {@link java.util.concurrent.BlockingQueue} face of {@link ArrayChannel}: each queue method
 * in terms of the channel's operations (sends, receives, their wake-ups and close rules) and the
 * ring's snapshots. Holds no state of its own.
 */
abstract class ChannelQueue<E> extends MpmcRing<E> implements Channel<E> {

    ChannelQueue(int capacity) {
        super(capacity);
    }

    // ---- what the channel provides

    /** The non-waiting send under the overflow policy: OK, FULL or REFUSED_CLOSED. */
    abstract int trySendOrCode(E element);

    /**
     * @param nanos how long to wait for space (BLOCK only); Long.MAX_VALUE with !timed = forever
     * @param throwing whether closed and FAIL-full throw rather than answer false
     * @return true if sent, false on timeout (or, when !throwing, closed / FAIL-full)
     */
    abstract boolean sendBlocking(E element, long nanos, boolean timed, boolean throwing)
            throws InterruptedException;

    /** Returns an element, or null on timeout or at end-of-stream. */
    abstract E receiveBlocking(long nanos, boolean timed) throws InterruptedException;

    /** Receives the oldest element if it was sent before position {@code end}, else null. */
    abstract E receiveBefore(long end);

    abstract ChannelClosedException closedException();

    abstract ChannelFullException fullException();

    static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
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
            throw closedException();
        }
        throw fullException();
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
        return tryReceive();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        checkInterrupt();
        return receiveBlocking(unit.toNanos(timeout), true);
    }

    @Override
    public E peek() {
        return peekRing();
    }

    @Override
    public int size() {
        return sizeNow();
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
            E element = receiveBefore(end);
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

    @Override
    public boolean contains(Object o) {
        if (o == null) {
            return false;
        }
        for (Object e : snapshot().items) {
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
        return snapshot().iterator();
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
        return snapshot().items.toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return snapshot().items.toArray(a);
    }

    @Override
    public void clear() {
        drainTo(new NullSink<>());
    }

    /** Counts elements away; used by clear(). */
    private static final class NullSink<T> extends AbstractCollection<T> {
        @Override
        public boolean add(T t) {
            return true;
        }

        @Override
        public Iterator<T> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }
}
