package dev.patterns.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads parked on one side of a channel (receivers waiting for an element, or senders
 * waiting for space), woken one per event, first come first served.
 *
 * <p>The waking side pays one volatile read ({@link #isEmpty()}) when nobody waits. A waiter
 * registers, re-checks the channel, and only then parks; see {@link ArrayChannel}'s implementation
 * notes for why that cannot miss a wake-up. Each wake-up is spent on exactly one waiter, which is
 * taken off the queue by the waker, so a burst of events while a woken thread is still being
 * scheduled does not wake it again (no repeated signals, no thundering herd).
 *
 * <p>Waiting allocates nothing in steady state: the queue keeps the nodes of finished waits in a
 * free list and hands them to the next waits (up to {@link #POOL_LIMIT} of them).
 */
final class WaitQueue {
    /*
     * Implementation notes.
     *
     * Nodes. A Node is linked in the wait list (prev/next) while its waiter is registered, and in
     * the free list (next only) while nobody uses it. Both lists, and every field of every node,
     * are guarded by `lock`; only `waiter` is also read without it, by the waiting thread.
     *
     * Ownership. A waiter does not own its node for the whole wait: the waker that takes a node
     * off the wait list puts it back on the free list at once, under the lock, and the next
     * register() on this side may hand it to another thread before the woken thread has even
     * been scheduled. So "woken" is not a flag in the node, which the next user would reset, but
     * the node's `waiter` field: register() sets it to the registering thread, every unlink (by a
     * waker, or by the waiter itself on timeout or interrupt) clears it, and a reuse sets it to
     * the next registrant. A waiter is still on the list exactly while `waiter` is itself: only
     * itself could set it back, and it cannot register again before this wait has ended (one
     * thread, one wait at a time). This holds however often the node is reused in between, so
     * there is no ABA. The waker reads the thread under the lock, before the node can be reused,
     * so it unparks the thread it dequeued and nobody else. Its unpark can arrive late, after
     * that thread has moved on to another wait: that wait finds itself still the node's waiter
     * and parks again, as after any spurious wake-up.
     *
     * The lock. A test-and-test-and-set spin lock, not a ReentrantLock: a contended
     * ReentrantLock.lock() allocates a queue node (AbstractQueuedSynchronizer.ExclusiveNode), and
     * that was the allocation left on the blocking path once the wait nodes were reused. Every
     * critical section here is a few field writes that never block, allocate only when a side
     * first grows (or on close), and never call out; a thread that finds the lock taken spins
     * briefly and then yields, so a holder descheduled on a machine with more threads than cores
     * gets the CPU back. It is never held while parking or unparking, and a virtual thread that
     * yields here releases its carrier.
     *
     * Memory. A free list keeps at most as many nodes as threads once waited on this side at the
     * same time, capped at POOL_LIMIT (24 bytes each with compressed oops), and dies with the
     * channel; the wait list itself needs no array, so a burst of waiters leaves no grown deque.
     *
     * Rejected designs. (1) One node per thread in a ThreadLocal, shared by all channels: no free
     * list, but every thread that ever waited keeps, for its whole life, the node plus a
     * ThreadLocalMap entry (and on first use the map and its 16-slot table): with a million
     * virtual threads that each wait once, well over a hundred bytes each, retained, where the
     * free list holds a few nodes per channel; and a hash probe on every park. (2) A node per
     * wait (the previous version): 24 bytes per park, the only allocation left on the blocking
     * path. (3) A flag `woken` in a pooled node: the next registrant resets it while the woken
     * thread may not have read it yet, so that thread parks again and the wake-up is lost.
     */

    /** Most nodes a free list keeps; beyond it a finished wait's node is left to the collector. */
    static final int POOL_LIMIT = 256;

    /** A waiter's place in the wait list, or a spare in the free list. */
    static final class Node {
        /**
         * The registered thread while linked in the wait list, else null or a later waiter.
         * Written under the queue's lock; read by the waiter without it.
         */
        volatile Thread waiter;
        /** Guarded by the queue's lock. */
        Node prev;
        /** Guarded by the queue's lock (the wait list, or the free list). */
        Node next;
    }

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(WaitQueue.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spins on a taken lock before yielding. */
    private static final int LOCK_SPINS = 32;

    /** 1 while a thread holds the lock; accessed through LOCKED (CAS to take, release to free). */
    @SuppressWarnings("unused")
    private volatile int locked;
    /** Oldest waiter. Guarded by lock. */
    private Node head;
    /** Newest waiter. Guarded by lock. */
    private Node tail;
    /** Spare nodes, linked by next. Guarded by lock. */
    private Node free;
    /** Nodes in the free list. Guarded by lock. */
    private int freeCount;
    /** Nodes ever created by this queue; for tests. Guarded by lock. */
    private int created;
    /** Waiters in the wait list. Written under lock. */
    private volatile int size;

    private void lock() {
        if (LOCKED.compareAndSet(this, 0, 1)) {
            return;
        }
        int spins = 0;
        do {
            if (spins < LOCK_SPINS) {
                Thread.onSpinWait();
                spins++;
            } else {
                Thread.yield();
            }
        } while (locked != 0 || !LOCKED.compareAndSet(this, 0, 1));
    }

    private void unlock() {
        // NOTE: release orders every write of the critical section before the next holder's CAS.
        LOCKED.setRelease(this, 0);
    }

    /** Returns whether nobody waits: the only cost the fast path pays. */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Adds the current thread at the tail; the caller must re-check its condition before parking,
     * and then call {@link #park} or {@link #deregister} with the returned node.
     */
    Node register() {
        Thread me = Thread.currentThread();
        lock();
        try {
            Node n = free;
            if (n != null) {
                free = n.next;
                freeCount--;
            } else {
                n = new Node();
                created++;
            }
            n.waiter = me;
            n.next = null;
            n.prev = tail;
            if (tail == null) {
                head = n;
            } else {
                tail.next = n;
            }
            tail = n;
            // NOTE: a volatile write; the waiter's re-check (volatile reads) comes after it.
            size = size + 1;
            return n;
        } finally {
            unlock();
        }
    }

    /**
     * Ends the current thread's wait on {@code n}: unlinks it unless a waker already took it off
     * (then this is a no-op, and the node may already serve another wait).
     */
    void deregister(Node n) {
        Thread me = Thread.currentThread();
        if (n.waiter != me) {
            return;
        }
        lock();
        try {
            if (n.waiter == me) {
                unlink(n);
                recycle(n);
            }
        } finally {
            unlock();
        }
    }

    /** Wakes the longest-waiting thread, if any. */
    void wakeOne() {
        Thread t;
        lock();
        try {
            Node n = head;
            if (n == null) {
                return;
            }
            // NOTE: read the thread before recycle(): from then on the node may serve another wait.
            t = n.waiter;
            unlink(n);
            recycle(n);
        } finally {
            unlock();
        }
        LockSupport.unpark(t);
    }

    /** Wakes every waiting thread (close: allocates the array of threads to unpark). */
    void wakeAll() {
        Thread[] all;
        lock();
        try {
            all = new Thread[size];
            int i = 0;
            for (Node n = head; n != null; n = head) {
                all[i++] = n.waiter;
                unlink(n);
                recycle(n);
            }
        } finally {
            unlock();
        }
        for (Thread t : all) {
            LockSupport.unpark(t);
        }
    }

    /** Takes {@code n} off the wait list and clears its waiter. Requires lock. */
    private void unlink(Node n) {
        assert locked == 1;
        Node p = n.prev;
        Node s = n.next;
        if (p == null) {
            head = s;
        } else {
            p.next = s;
        }
        if (s == null) {
            tail = p;
        } else {
            s.prev = p;
        }
        // NOTE: this volatile write is what the waiter's loop reads: no longer its node, so woken.
        n.waiter = null;
        size = size - 1;
    }

    /** Puts an unlinked node on the free list, or drops it when the list is full. Requires lock. */
    private void recycle(Node n) {
        assert locked == 1;
        n.prev = null;
        if (freeCount < POOL_LIMIT) {
            n.next = free;
            free = n;
            freeCount++;
        } else {
            n.next = null;
        }
    }

    /** Returns how many nodes this queue has created; for tests. */
    int nodesCreated() {
        lock();
        try {
            return created;
        } finally {
            unlock();
        }
    }

    /** Returns the number of registered waiters; for tests. */
    int waiting() {
        return size;
    }

    /**
     * Parks the current thread, registered on {@code n}, until woken, interrupted (the status is
     * kept for the caller), or {@code deadline} passes (when timed), then deregisters it.
     */
    static void park(WaitQueue queue, Node n, Object blocker, boolean timed, long deadline) {
        Thread me = Thread.currentThread();
        try {
            while (n.waiter == me && !me.isInterrupted()) {
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
            queue.deregister(n);
        }
    }
}
