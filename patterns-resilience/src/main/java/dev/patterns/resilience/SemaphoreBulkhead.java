package dev.patterns.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import dev.patterns.internal.Checks;
import dev.patterns.time.Deadline;

/**
 * A {@link Bulkhead} over a counting synchronizer (the free slots, like a non-fair
 * {@link java.util.concurrent.Semaphore}): its uncontended acquire is one CAS and its waits park
 * through {@code LockSupport}, which is what a virtual thread needs. Unlike a semaphore, giving
 * back a slot that is not held fails instead of raising the limit.
 */
final class SemaphoreBulkhead implements Bulkhead {

    private final String name;
    /** Numbers the default names. */
    static final java.util.concurrent.atomic.AtomicInteger SEQUENCE = new java.util.concurrent.atomic.AtomicInteger();

    private final int concurrency;
    private final long maxWaitNanos;
    private final Slots slots;
    private final LongAdder rejected = new LongAdder();

    SemaphoreBulkhead(String name, int concurrency, long maxWaitNanos) {
        this.name = Objects.requireNonNull(name, "name");
        this.concurrency = Checks.atLeast("concurrency", concurrency, 1);
        this.maxWaitNanos = maxWaitNanos;
        this.slots = new Slots(concurrency);
    }

    @Override
    public boolean tryEnter() {
        if (slots.tryAcquireShared(1) >= 0) {
            return true;
        }
        rejected.increment();
        BulkheadRejectedEvent.emit(name, concurrency, 0L);
        return false;
    }

    @Override
    public void exit() {
        slots.releaseShared(1);
    }

    @Override
    public Permit tryAcquire() {
        return tryEnter() ? new SlotPermit(this) : null;
    }

    @Override
    public Permit acquire(Duration timeout) throws InterruptedException {
        long nanos = Deadline.saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        if (!enter(nanos)) {
            throw full(timeout);
        }
        return new SlotPermit(this);
    }

    @Override
    public Permit acquire() throws InterruptedException {
        slots.acquireSharedInterruptibly(1);
        return new SlotPermit(this);
    }

    private boolean enter(long nanos) throws InterruptedException {
        if (tryEnterQuietly()) {
            return true;
        }
        if (nanos > 0 && waitForSlot(nanos)) {
            return true;
        }
        rejected.increment();
        BulkheadRejectedEvent.emit(name, concurrency, nanos);
        return false;
    }

    /** The slow path: no slot was free at once; the wait is a JFR event when it exceeds its threshold. */
    private boolean waitForSlot(long nanos) throws InterruptedException {
        BulkheadWaitEvent event = new BulkheadWaitEvent();
        event.begin();
        boolean acquired = false;
        try {
            acquired = slots.tryAcquireSharedNanos(1, nanos);
            return acquired;
        } finally {
            event.end();
            if (event.shouldCommit()) {
                event.bulkhead = name;
                event.acquired = acquired;
                event.commit();
            }
        }
    }

    private boolean tryEnterQuietly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return slots.tryAcquireShared(1) >= 0;
    }

    private CallRejectedException full(Duration waited) {
        return new CallRejectedException(CallRejectedException.Reason.BULKHEAD_FULL,
                "bulkhead '" + name + "' is full: " + concurrency + " calls in flight after waiting " + waited);
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        if (!enter(maxWaitNanos)) {
            throw full(Duration.ofNanos(maxWaitNanos));
        }
        try {
            return callable.call();
        } finally {
            slots.releaseShared(1);
        }
    }

    @Override
    public BulkheadStats stats() {
        return new BulkheadStats(concurrency, concurrency - slots.free(), rejected.sum());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Bulkhead[" + name + ", " + stats() + "]";
    }

    /** The free slots as AQS state; releasing past the limit fails. */
    private final class Slots extends AbstractQueuedSynchronizer {

        private static final long serialVersionUID = 1L;

        Slots(int free) {
            setState(free);
        }

        int free() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int ignored) {
            for (;;) {
                int free = getState();
                if (free == 0) {
                    return -1;
                }
                if (compareAndSetState(free, free - 1)) {
                    return free - 1;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int ignored) {
            for (;;) {
                int free = getState();
                if (free >= concurrency) {
                    throw new IllegalStateException("bulkhead '" + name + "' has no slot in use to exit");
                }
                if (compareAndSetState(free, free + 1)) {
                    return true;
                }
            }
        }
    }

    /** Releases its slot on the first close only. */
    private static final class SlotPermit implements Permit {

        private static final VarHandle CLOSED;

        static {
            try {
                CLOSED = MethodHandles.lookup().findVarHandle(SlotPermit.class, "closed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final SemaphoreBulkhead owner;
        /** Set once, by CAS, by the close that releases the slot. */
        private volatile boolean closed;

        SlotPermit(SemaphoreBulkhead owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            if (CLOSED.compareAndSet(this, false, true)) {
                owner.slots.releaseShared(1);
            }
        }
    }
}
