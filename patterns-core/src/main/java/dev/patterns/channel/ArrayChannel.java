package dev.patterns.channel;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Channel} over a circular array guarded by one lock with two conditions.
 */
final class ArrayChannel<E> extends AbstractQueue<E> implements Channel<E> {
    /*
     * Implementation notes.
     *
     * One ReentrantLock guards the ring (items, head, count) and the counters; notFull and notEmpty
     * are its conditions. close/fail signal both conditions to every waiter. Drop handlers run
     * after the lock is released, in the sending thread.
     */

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Object[] items;
    private final Overflow overflow;
    private final Consumer<? super E> dropHandler;

    /** Guarded by lock. Index of the oldest element. */
    private int head;
    /** Guarded by lock. Buffered elements. */
    private int count;
    /** Guarded by lock. */
    private long sent;
    /** Guarded by lock. */
    private long received;
    /** Guarded by lock. */
    private long dropped;
    /** Written under lock; volatile so that isClosedForSend needs no lock. */
    private volatile boolean closed;
    /** Guarded by lock; set once with closed. */
    private Throwable failure;

    ArrayChannel(int capacity, Overflow overflow, Consumer<? super E> dropHandler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.items = new Object[capacity];
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        this.dropHandler = Objects.requireNonNull(dropHandler, "dropHandler");
    }

    // ---- sending

    @Override
    public void send(E element) throws InterruptedException {
        doSend(element, Long.MAX_VALUE, true, true);
    }

    @Override
    public boolean trySend(E element) {
        try {
            return doSend(element, 0L, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("a send that does not wait cannot be interrupted", e);
        }
    }

    @Override
    public boolean send(E element, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        return doSend(element, timeoutNanos(timeout), true, true);
    }

    /**
     * @param waitNanos how long to wait for space under BLOCK; 0 = do not wait
     * @param throwing whether closed/full(FAIL) throw rather than answer false
     * @param interruptible whether to check for interrupts
     */
    private boolean doSend(E element, long waitNanos, boolean throwing, boolean interruptible)
            throws InterruptedException {
        Objects.requireNonNull(element, "element");
        E evicted = null;
        boolean droppedNewest = false;
        if (interruptible) {
            lock.lockInterruptibly();
        } else {
            lock.lock();
        }
        try {
            long nanos = waitNanos;
            while (true) {
                if (closed) {
                    if (throwing) {
                        throw new ChannelClosedException("channel is closed", failure);
                    }
                    return false;
                }
                if (count < items.length) {
                    enqueue(element);
                    sent++;
                    break;
                }
                switch (overflow) {
                    case DROP_NEWEST -> {
                        sent++;
                        dropped++;
                        droppedNewest = true;
                    }
                    case DROP_OLDEST -> {
                        evicted = dequeue();
                        dropped++;
                        enqueue(element);
                        sent++;
                    }
                    case FAIL -> {
                        if (throwing) {
                            throw new ChannelFullException("channel is full (capacity: " + items.length + ")");
                        }
                        return false;
                    }
                    case BLOCK -> {
                        if (nanos <= 0L) {
                            return false;
                        }
                        nanos = waitNanos == Long.MAX_VALUE ? awaitForever(notFull) : notFull.awaitNanos(nanos);
                        continue;
                    }
                }
                break;
            }
        } finally {
            lock.unlock();
        }
        if (droppedNewest) {
            dropHandler.accept(element);
        } else if (evicted != null) {
            dropHandler.accept(evicted);
        }
        return true;
    }

    private static long awaitForever(Condition condition) throws InterruptedException {
        condition.await();
        return Long.MAX_VALUE;
    }

    /** Requires lock held and count < capacity. */
    private void enqueue(E element) {
        assert lock.isHeldByCurrentThread() && count < items.length;
        int tail = head + count;
        if (tail >= items.length) {
            tail -= items.length;
        }
        items[tail] = element;
        count++;
        notEmpty.signal();
    }

    /** Requires lock held and count > 0. */
    @SuppressWarnings("unchecked")
    private E dequeue() {
        assert lock.isHeldByCurrentThread() && count > 0;
        E element = (E) items[head];
        items[head] = null;
        head = head + 1 == items.length ? 0 : head + 1;
        count--;
        notFull.signal();
        return element;
    }

    // ---- receiving

    @Override
    public E receive() throws InterruptedException {
        return doReceive(Long.MAX_VALUE, true);
    }

    @Override
    public E tryReceive() {
        lock.lock();
        try {
            if (count == 0) {
                return null;
            }
            received++;
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E receive(Duration timeout) throws InterruptedException {
        return doReceive(timeoutNanos(timeout), true);
    }

    /** Returns null on timeout; at end-of-stream throws if {@code throwAtEnd}, else returns null. */
    private E doReceive(long waitNanos, boolean throwAtEnd) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = waitNanos;
            while (count == 0) {
                if (closed) {
                    if (throwAtEnd) {
                        throw new ChannelClosedException("channel is closed", failure);
                    }
                    return null;
                }
                if (nanos <= 0L) {
                    return null;
                }
                nanos = waitNanos == Long.MAX_VALUE ? awaitForever(notEmpty) : notEmpty.awaitNanos(nanos);
            }
            received++;
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long consume(Consumer<? super E> action) throws InterruptedException {
        Objects.requireNonNull(action, "action");
        long n = 0;
        while (true) {
            E element = doReceive(Long.MAX_VALUE, false);
            if (element == null) {
                Throwable cause = failureIfEnded();
                if (cause != null) {
                    throw new ChannelClosedException("channel failed", cause);
                }
                return n;
            }
            action.accept(element);
            n++;
        }
    }

    private Throwable failureIfEnded() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
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
        if (maxElements <= 0) {
            return 0;
        }
        lock.lock();
        try {
            int n = Math.min(maxElements, count);
            for (int i = 0; i < n; i++) {
                // NOTE: counted one at a time so that a sink that throws leaves the counters exact.
                E element = dequeue();
                received++;
                sink.add(element);
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    // ---- closing

    @Override
    public boolean close() {
        return closeWith(null);
    }

    @Override
    public boolean fail(Throwable cause) {
        return closeWith(Objects.requireNonNull(cause, "cause"));
    }

    private boolean closeWith(Throwable cause) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            failure = cause;
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosedForSend() {
        return closed;
    }

    @Override
    public boolean isClosedForReceive() {
        lock.lock();
        try {
            return closed && count == 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int capacity() {
        return items.length;
    }

    @Override
    public Overflow overflow() {
        return overflow;
    }

    @Override
    public ChannelStats stats() {
        lock.lock();
        try {
            return new ChannelStats(items.length, count, sent, received, dropped, closed, failure);
        } finally {
            lock.unlock();
        }
    }

    // ---- BlockingQueue

    @Override
    public boolean add(E element) {
        Objects.requireNonNull(element, "element");
        try {
            if (doSend(element, 0L, true, false)) {
                return true;
            }
        } catch (InterruptedException e) {
            throw new AssertionError("a send that does not wait cannot be interrupted", e);
        }
        throw new ChannelFullException("channel is full (capacity: " + items.length + ")");
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
        long nanos = unit.toNanos(timeout);
        if (overflow == Overflow.FAIL) {
            return doSend(element, 0L, false, true);
        }
        return doSend(element, nanos, false, true);
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
        return doReceive(unit.toNanos(timeout), false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        lock.lock();
        try {
            return count == 0 ? null : (E) items[head];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return items.length - size();
    }

    @Override
    public boolean remove(Object o) {
        if (o == null) {
            return false;
        }
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                int at = (head + i) % items.length;
                if (o.equals(items[at])) {
                    for (int j = i; j < count - 1; j++) {
                        items[(head + j) % items.length] = items[(head + j + 1) % items.length];
                    }
                    items[(head + count - 1) % items.length] = null;
                    count--;
                    received++;
                    notFull.signal();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Iterator<E> iterator() {
        Iterator<E> it = snapshot().iterator();
        return new Iterator<>() {
            private E last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public E next() {
                last = it.next();
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                ArrayChannel.this.remove(last);
                last = null;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private List<E> snapshot() {
        lock.lock();
        try {
            List<E> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add((E) items[(head + i) % items.length]);
            }
            return list;
        } finally {
            lock.unlock();
        }
    }

    private static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
        return dev.patterns.time.Deadline.saturatedNanos(timeout);
    }

    @Override
    public String toString() {
        return "Channel" + snapshot() + "[capacity=" + items.length + ", overflow=" + overflow
                + ", closed=" + closed + "]";
    }
}
