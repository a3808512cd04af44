package dev.patterns.resilience;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.time.Deadline;

/**
 * A {@link Bulkhead} over a {@link Semaphore}: its uncontended acquire is one CAS and its waits
 * park through {@code LockSupport}, which is what a virtual thread needs.
 */
final class SemaphoreBulkhead implements Bulkhead {

    private final String name;
    private final int maxConcurrent;
    private final long maxWaitNanos;
    private final Semaphore slots;
    private final LongAdder rejected = new LongAdder();

    SemaphoreBulkhead(String name, int maxConcurrent, long maxWaitNanos) {
        this.name = Objects.requireNonNull(name, "name");
        this.maxConcurrent = Checks.atLeast("maxConcurrent", maxConcurrent, 1);
        this.maxWaitNanos = maxWaitNanos;
        this.slots = new Semaphore(maxConcurrent);
    }

    @Override
    public boolean tryEnter() {
        if (slots.tryAcquire()) {
            return true;
        }
        rejected.increment();
        return false;
    }

    @Override
    public void exit() {
        // NOTE: checked before releasing, so an unmatched exit can not raise the limit.
        if (slots.availablePermits() >= maxConcurrent) {
            throw new IllegalStateException("bulkhead '" + name + "' has no slot in use to exit");
        }
        slots.release();
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
        slots.acquire();
        return new SlotPermit(this);
    }

    private boolean enter(long nanos) throws InterruptedException {
        if (slots.tryAcquire(Math.max(0L, nanos), TimeUnit.NANOSECONDS)) {
            return true;
        }
        rejected.increment();
        return false;
    }

    private CallRejectedException full(Duration waited) {
        return new CallRejectedException(CallRejectedException.Reason.BULKHEAD_FULL,
                "bulkhead '" + name + "' is full: " + maxConcurrent + " calls in flight after waiting " + waited);
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
            slots.release();
        }
    }

    @Override
    public Stats stats() {
        return new Stats(maxConcurrent, maxConcurrent - slots.availablePermits(), rejected.sum());
    }

    @Override
    public String toString() {
        return "Bulkhead[" + name + ", " + stats() + "]";
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
                owner.slots.release();
            }
        }
    }
}
