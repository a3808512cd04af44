package dev.patterns.actor;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A new thread (virtual by default) per turn: a handler may block without holding up any other
 * actor.
 */
final class VirtualDispatcher implements Dispatcher {

    /*
     * Implementation notes. "Every thread ended" is proven by joins, not by counting: each turn
     * thread, as its last act, swaps itself into `last` and joins the thread it replaced before
     * decrementing `running`. The threads therefore form a chain in which each one has seen its
     * predecessor end; when `running` reaches zero, joining `last` proves every thread ended.
     */

    private final ThreadFactory factory;
    private final AtomicLong running = new AtomicLong();
    private final AtomicReference<Thread> last = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when {@code running} drops to zero. */
    private final Condition idle = lock.newCondition();

    VirtualDispatcher(ThreadFactory factory) {
        this.factory = factory;
    }

    @Override
    public void execute(Runnable turn) {
        running.incrementAndGet();
        Thread t = factory.newThread(() -> {
            try {
                turn.run();
            } finally {
                exited();
            }
        });
        if (t == null) {
            running.decrementAndGet();
            throw new IllegalStateException("thread factory returned null");
        }
        t.start();
    }

    private void exited() {
        Thread previous = last.getAndSet(Thread.currentThread());
        if (previous != null) {
            ActorSystemImpl.joinUninterruptibly(previous);
        }
        if (running.decrementAndGet() == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void shutdown() {
        // nothing lingers: each thread ends with its turn
    }

    @Override
    public boolean awaitThreads(long timeoutNanos) throws InterruptedException {
        long nanos = timeoutNanos;
        lock.lock();
        try {
            while (running.get() != 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        Thread t = last.get();
        if (t != null) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.max(nanos, 0))));
            return !t.isAlive();
        }
        return true;
    }
}
