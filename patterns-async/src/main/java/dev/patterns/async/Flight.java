package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One execution of a {@link SingleFlight}: the loader run, its promise (sync waiters block on it),
 * the count of waiters still interested, and the list of async waiters to deliver to.
 */
final class Flight<K, V> implements Runnable {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;
    private static final int FINISHED = 4;
    private static final int SKIPPED = 5;

    /** Waiter count meaning "abandoned: no one may join". */
    private static final int ABANDONED = -1;

    private static final VarHandle WAITERS;
    private static final VarHandle STATE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WAITERS = l.findVarHandle(Flight.class, "waiters", int.class);
            STATE = l.findVarHandle(Flight.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DefaultSingleFlight<K, V> owner;
    private final K key;
    private final SingleFlight.Loader<? super K, ? extends V> loader;
    /** Completed once with the value or the loader's exception; sync waiters block on it. */
    final CompletableFuture<V> promise = new CompletableFuture<>();

    /** Callers still waiting, or ABANDONED; via WAITERS. Starts at 1: the caller that created it. */
    private volatile int waiters = 1;
    /** NEW, RUNNING, INTERRUPTING, INTERRUPTED, FINISHED, SKIPPED; via STATE. */
    private volatile int state;
    /** The thread running the loader; published by the NEW -> RUNNING CAS. */
    private Thread runner;

    private final ReentrantLock lock = new ReentrantLock();
    /** Async waiters not yet delivered, a doubly linked list. Guarded by lock. */
    private AsyncWaiter<V> head;
    /** Set once the result is known and the async list detached. Guarded by lock. */
    private boolean done;
    /** The value or the error; written before done is set under lock. */
    private V value;
    private Throwable error;

    Flight(DefaultSingleFlight<K, V> owner, K key, SingleFlight.Loader<? super K, ? extends V> loader) {
        this.owner = owner;
        this.key = key;
        this.loader = loader;
    }

    /** Counts one more waiter unless the flight was abandoned. Lock-free, allocation-free. */
    boolean tryJoin() {
        for (;;) {
            int w = waiters;
            if (w == ABANDONED) {
                return false;
            }
            if (WAITERS.compareAndSet(this, w, w + 1)) {
                return true;
            }
        }
    }

    /** Returns the waiter count (test support). */
    int waiters() {
        return waiters;
    }

    /** A waiter gave up: count it out; the last one out cancels the execution if so configured. */
    void leave() {
        owner.waitersLeft.increment();
        int left = (int) WAITERS.getAndAdd(this, -1) - 1;
        if (left == 0 && owner.cancelWhenAbandoned && !promise.isDone()
                && WAITERS.compareAndSet(this, 0, ABANDONED)) {
            abandon();
        }
    }

    private void abandon() {
        owner.flights.remove(key, this);
        if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
            state = INTERRUPTED;
        } else {
            STATE.compareAndSet(this, NEW, SKIPPED);
        }
        if (finish(null, new CancellationException("every waiter left"))) {
            owner.abandoned.increment();
        }
    }

    /** Hands the flight to the executor; a rejection fails it. */
    void launch() {
        try {
            owner.executor.execute(this);
        } catch (RuntimeException | Error rejected) {
            if (STATE.compareAndSet(this, NEW, SKIPPED) && finish(null, rejected)) {
                owner.failures.increment();
            }
        }
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        if (!STATE.compareAndSet(this, NEW, RUNNING)) {
            runner = null;
            return; // abandoned before it started; already finished
        }
        V v = null;
        Throwable err = null;
        try {
            v = loader.load(key);
            if (v == null) {
                err = new NullPointerException("loader returned null");
            }
        } catch (Throwable e) {
            err = e;
        }
        if (!STATE.compareAndSet(this, RUNNING, FINISHED)) {
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            // NOTE: the interrupt came from abandon(); clear it so it does not reach the
            // executor's next task on this thread.
            Thread.interrupted();
        }
        runner = null;
        if (finish(v, err) && err != null) {
            owner.failures.increment();
        }
    }

    /**
     * Publishes the result once: promise, unmapping, then the async waiters.
     *
     * @return whether this result was published (false: the flight was finished already)
     */
    private boolean finish(V v, Throwable err) {
        lock.lock();
        AsyncWaiter<V> list;
        try {
            if (done) {
                return false; // abandoned first; this late result is dropped
            }
            value = v;
            error = err;
            done = true;
            list = head;
            head = null;
            for (AsyncWaiter<V> w = list; w != null; w = w.next) {
                w.linked = false;
            }
        } finally {
            lock.unlock();
        }
        // NOTE: unmap before publishing the result, so that a caller who saw this result (and
        // anything that happened after it) can never join this flight again: its next call
        // starts a fresh execution. A caller arriving in between starts one too, which is fine.
        owner.flights.remove(key, this);
        if (err == null) {
            promise.complete(v);
        } else {
            promise.completeExceptionally(err);
        }
        for (AsyncWaiter<V> w = list; w != null; ) {
            AsyncWaiter<V> next = w.next;
            w.prev = null;
            w.next = null;
            w.deliver(v, err);
            w = next;
        }
        return true;
    }

    /** Registers an async waiter (already counted by tryJoin or creation). */
    void attach(AsyncWaiter<V> waiter) {
        lock.lock();
        try {
            if (!done) {
                waiter.linked = true;
                waiter.next = head;
                if (head != null) {
                    head.prev = waiter;
                }
                head = waiter;
                return;
            }
        } finally {
            lock.unlock();
        }
        waiter.deliver(value, error);
    }

    /** An async waiter completed on its own (cancel, timeout): unlink it and count it out. */
    void detach(AsyncWaiter<V> waiter) {
        boolean left;
        lock.lock();
        try {
            left = waiter.linked;
            if (left) {
                waiter.linked = false;
                if (waiter.prev != null) {
                    waiter.prev.next = waiter.next;
                } else {
                    head = waiter.next;
                }
                if (waiter.next != null) {
                    waiter.next.prev = waiter.prev;
                }
                waiter.prev = null;
                waiter.next = null;
            }
        } finally {
            lock.unlock();
        }
        if (left) {
            leave();
        }
    }
}
