package dev.patterns.channel;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads parked on one side of a channel (receivers waiting for an element, or senders
 * waiting for space), woken one per event, first come first served.
 *
 * <p>The waking side pays one volatile read ({@link #isEmpty()}) when nobody waits. A waiter
 * registers, re-checks the channel, and only then parks; see {@link ArrayChannel}'s implementation
 * notes for why that cannot miss a wake-up. Each wake-up is spent on exactly one waiter, which is
 * taken off the queue by the waker, so a burst of events while a woken thread is still being
 * scheduled does not wake it again (no repeated signals, no thundering herd).
 */
final class WaitQueue {
    /*
     * Guards: `waiters` and every Waiter.woken transition are guarded by `lock`; `size` mirrors
     * waiters.size() and is written under `lock`, read without it. The lock is held for a few
     * deque operations only and never while parking or unparking, so it is not a monitor a
     * virtual thread could pin on.
     */

    /** One parked (or about to park) thread. */
    static final class Waiter {
        final Thread thread = Thread.currentThread();
        /** Set under the queue's lock by the waker; read by the waiter without it. */
        volatile boolean woken;
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Written under lock. */
    private volatile int size;

    /** Returns whether nobody waits: the only cost the fast path pays. */
    boolean isEmpty() {
        return size == 0;
    }

    /** Adds the current thread; the caller must re-check its condition before parking. */
    Waiter register() {
        Waiter w = new Waiter();
        lock.lock();
        try {
            waiters.addLast(w);
            // NOTE: a volatile write; the waiter's re-check (volatile reads) comes after it.
            size = waiters.size();
        } finally {
            lock.unlock();
        }
        return w;
    }

    /** Removes {@code w} unless a waker already took it off (then this is a no-op). */
    void deregister(Waiter w) {
        if (w.woken) {
            return;
        }
        lock.lock();
        try {
            if (!w.woken) {
                // The waiter is usually the last one added: removeLastOccurrence is then O(1).
                waiters.removeLastOccurrence(w);
                size = waiters.size();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the longest-waiting thread, if any. */
    void wakeOne() {
        Waiter w;
        lock.lock();
        try {
            w = waiters.pollFirst();
            if (w == null) {
                return;
            }
            w.woken = true;
            size = waiters.size();
        } finally {
            lock.unlock();
        }
        LockSupport.unpark(w.thread);
    }

    /** Wakes every waiting thread. */
    void wakeAll() {
        Waiter[] all;
        lock.lock();
        try {
            all = waiters.toArray(new Waiter[0]);
            waiters.clear();
            for (Waiter w : all) {
                w.woken = true;
            }
            size = 0;
        } finally {
            lock.unlock();
        }
        for (Waiter w : all) {
            LockSupport.unpark(w.thread);
        }
    }

    /**
     * Parks the registered waiter until woken, interrupted (the status is kept for the caller),
     * or {@code deadline} passes (when timed), then deregisters it.
     */
    static void park(WaitQueue queue, Waiter w, Object blocker, boolean timed, long deadline) {
        try {
            while (!w.woken && !Thread.currentThread().isInterrupted()) {
                if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0L) {
                        return;
                    }
                    LockSupport.parkNanos(blocker, left);
                } else {
                    LockSupport.park(blocker);
                }
            }
        } finally {
            queue.deregister(w);
        }
    }
}
