package dev.patterns.async;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.internal.InterruptibleRun;

/**
 * One execution of a {@link SingleFlight}: the loader run, its promise (sync waiters block on it),
 * the count of waiters still interested, and the list of async waiters to deliver to.
 */
final class Flight<K, V> extends InterruptibleRun implements Runnable {

    /** Waiter count meaning "abandoned: no one may join". */
    private static final int ABANDONED = -1;

    /** Below this many left-but-linked waiters, no sweep: the stack's garbage stays small. */
    private static final int SWEEP_MIN = 64;

    /** Head value once finish() took the list: no waiter may be pushed any more. Never completed. */
    private static final AsyncWaiter<Object> DONE = new AsyncWaiter<>(null, false);

    private static final VarHandle WAITERS;
    private static final VarHandle HEAD;
    private static final VarHandle PUBLISHED;
    private static final VarHandle GARBAGE;
    private static final VarHandle SWEEPING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WAITERS = l.findVarHandle(Flight.class, "waiters", int.class);
            HEAD = l.findVarHandle(Flight.class, "head", AsyncWaiter.class);
            PUBLISHED = l.findVarHandle(Flight.class, "published", boolean.class);
            GARBAGE = l.findVarHandle(Flight.class, "garbage", int.class);
            SWEEPING = l.findVarHandle(Flight.class, "sweeping", boolean.class);
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

    /**
     * Async waiters not yet delivered: a Treiber stack, newest first, linked by AsyncWaiter.next;
     * DONE once finish() took it. Pushed by attach (CAS), popped only of waiters that left.
     */
    private volatile AsyncWaiter<V> head;
    /** Set by the one finish() that publishes the result; via PUBLISHED. */
    private volatile boolean published;
    /** Estimate of waiters that left but may still be linked below the top; via GARBAGE. */
    private volatile int garbage;
    /** Whether a detacher is sweeping the stack; via SWEEPING. */
    private volatile boolean sweeping;
    /** The value or the error; written before head is set to DONE. */
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

    /** Returns how many async waiters are linked in the stack, left ones included (test support). */
    int linked() {
        int n = 0;
        AsyncWaiter<V> h = head;
        for (AsyncWaiter<V> w = h == DONE ? null : h; w != null; w = w.next) {
            n++;
        }
        return n;
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
        if (!interruptIfRunning()) {
            trySkip();
        }
        finish(null, new CancellationException("every waiter left"), owner.abandoned);
    }

    /** Hands the flight to the executor; a rejection fails it. */
    void launch() {
        try {
            owner.executor.execute(this);
        } catch (RuntimeException | Error rejected) {
            if (trySkip()) {
                finish(null, rejected, owner.failures);
            }
        }
    }

    @Override
    public void run() {
        if (!tryStart()) {
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
        endRun(); // clears an interrupt from abandon(), so it cannot reach the executor's next task
        finish(v, err, err == null ? null : owner.failures);
    }

    /**
     * Publishes the result once: counter, unmapping, promise, then the async waiters.
     *
     * @param outcome the stats counter of this outcome (failures, abandoned), or null for a value;
     *     counted before the result is published, so a caller who saw it sees it counted
     * @return whether this result was published (false: the flight was finished already)
     */
    private boolean finish(V v, Throwable err, LongAdder outcome) {
        if (!PUBLISHED.compareAndSet(this, false, true)) {
            return false; // abandoned first; this late result is dropped
        }
        if (outcome != null) {
            if (err != null && outcome == owner.failures) {
                SingleFlightFailedEvent.emit(owner.name, key, err);
            }
            outcome.increment();
        }
        value = v;
        error = err;
        // NOTE: value and error are written before DONE is installed by this volatile getAndSet,
        // so a late attach that reads DONE from head also reads them.
        @SuppressWarnings("unchecked")
        AsyncWaiter<V> list = (AsyncWaiter<V>) HEAD.getAndSet(this, DONE);
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
            AsyncWaiter.NEXT.set(w, null); // plain: drop the chain so a kept future retains nothing
            w.deliver(v, err); // no-op for a waiter that left: its own completion came first
            w = next;
        }
        return true;
    }

    /** Registers an async waiter (already counted by tryJoin or creation): one CAS on head. */
    void attach(AsyncWaiter<V> waiter) {
        AsyncWaiter<V> h = head;
        for (;;) {
            if (h == DONE) {
                waiter.deliver(value, error);
                return;
            }
            AsyncWaiter.NEXT.set(waiter, h); // plain: published by the CAS below
            @SuppressWarnings("unchecked")
            AsyncWaiter<V> witness = (AsyncWaiter<V>) HEAD.compareAndExchange(this, h, waiter);
            if (witness == h) {
                return;
            }
            h = witness;
        }
    }

    /**
     * An async waiter completed on its own (cancel, timeout, complete): it left. Called only by
     * the thread whose completion of the waiter's future won, so at most once per waiter, and
     * never for a waiter that finish() delivered to (its delivery would have won instead).
     */
    void detach(AsyncWaiter<V> waiter) {
        if (!popLeftHeads(waiter)) {
            // Still linked below a live waiter (or popped by another detacher: an overcount that
            // the next sweep corrects). Count it as garbage; sweep when garbage outgrows the live.
            int garbage = (int) GARBAGE.getAndAdd(this, 1) + 1;
            if (garbage > Math.max(SWEEP_MIN, waiters) && head != DONE
                    && SWEEPING.compareAndSet(this, false, true)) {
                try {
                    sweep();
                } finally {
                    sweeping = false;
                }
            }
        }
        leave();
    }

    /**
     * Pops waiters that left off the top of the stack.
     *
     * @return whether this call popped {@code mine}
     */
    private boolean popLeftHeads(AsyncWaiter<V> mine) {
        boolean popped = false;
        for (;;) {
            AsyncWaiter<V> h = head;
            if (h == null || h == DONE) {
                return true; // nothing linked any more (finish() took the list, or all popped)
            }
            if (!h.isDone()) {
                return popped;
            }
            if (HEAD.compareAndSet(this, h, h.next) && h == mine) {
                popped = true;
            }
        }
    }

    /**
     * Unlinks every waiter that left from the stack. Run by one detacher at a time (SWEEPING).
     * See the implementation notes in DefaultSingleFlight for why this is safe beside pushes,
     * head pops and finish().
     */
    private void sweep() {
        int counted = garbage; // read before head: every waiter counted here is below it
        popLeftHeads(null);
        AsyncWaiter<V> cur = head;
        if (cur != null && cur != DONE) {
            AsyncWaiter<V> next;
            while ((next = cur.next) != null && head != DONE) {
                if (next.isDone()) {
                    AsyncWaiter.NEXT.setRelease(cur, next.next); // splice out; only the sweeper writes here
                } else {
                    cur = next;
                }
            }
        }
        GARBAGE.getAndAdd(this, -counted);
    }
}
