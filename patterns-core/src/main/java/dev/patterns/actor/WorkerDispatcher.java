package dev.patterns.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Long-lived worker threads (virtual by default) taking ready actors from one lock-free run queue:
 * a turn costs a queue hand-off, and an idle worker is woken only when no worker is already awake.
 *
 * <p>Blocking handlers. A handler that blocks keeps its worker: a virtual worker unmounts from its
 * carrier, but the turn still occupies the worker. So when a turn is queued and no worker is idle,
 * the dispatcher starts another worker, up to {@code maxWorkers}; up to that many handlers may
 * block at once without holding up the others. With platform threads from the factory the same
 * holds, but each blocked handler then also holds an OS thread.
 */
final class WorkerDispatcher implements Dispatcher {

    /*
     * Implementation notes.
     *
     * No lost wake-up. A worker that finds the run queue empty marks itself IDLE, lists itself in
     * `idle`, polls the queue once more and only then parks, and parks again for as long as it is
     * IDLE. execute() offers the turn first and then claims a listed worker by CAS IDLE -> WOKEN
     * before unparking it. Either the worker's second poll sees the turn, or execute() sees the
     * listed worker; a worker whose second poll found work withdraws by CAS IDLE -> RUNNING, which
     * leaves a stale entry that execute() skips (its CAS fails). If no worker can be claimed,
     * execute() starts one more (at most one starting at a time, up to maxWorkers). A worker that
     * takes a turn and still sees the queue non-empty does the same before running it (its turn
     * may block), so a turn queued while a start was already under way is not left behind.
     *
     * Happens-before between turns: ConcurrentLinkedQueue's offer happens-before the poll that
     * takes the element, so the next turn sees everything that preceded its scheduling.
     *
     * Spinning: before listing itself idle a worker polls the queue SPINS times; a turn it finds
     * then was never offered to it through `idle`, so the protocol above is unchanged. The spin
     * holds a carrier for a few microseconds at most and never parks inside a monitor. While any
     * worker spins (`spinning` > 0) signalWork neither wakes nor starts a worker: the spinner will
     * take the turn, and waking another (or starting a new thread) is the cost the spin exists to
     * save. No turn is stranded by that: execute() offers, then reads `spinning`; a spinner
     * decrements `spinning`, then polls (listing itself idle first when the spin found nothing,
     * or checking for more work before running the turn it found). All are volatile accesses, so
     * if execute() read a count that includes the spinner, the spinner's later poll sees the turn.
     *
     * Threads end only at shutdown; `threads` lists every one started, so close() joins them all.
     */

    /**
     * Polls of the run queue (with {@link Thread#onSpinWait()}) before a worker with nothing to do
     * parks: a few microseconds, in which a request/response partner usually sends again, saving
     * the unpark of this worker (ask round trip 0.041 -> 0.084 /µs in ActorAskBenchmark).
     */
    static final int SPINS = 300;
    private static final int RUNNING = 0;
    private static final int IDLE = 1;
    private static final int WOKEN = 2;

    private final ThreadFactory factory;
    private final int maxWorkers;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Worker> idle = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock; every worker thread started. */
    private final List<Thread> threads = new ArrayList<>();
    /** Written under lock; read racily as a hint. */
    private volatile int workers;
    /** A worker was started and has not yet polled: do not start another. */
    private volatile boolean starting;
    private volatile boolean shutdown;
    /** Workers polling in awaitTurn's spin, not listed in `idle`. */
    private final AtomicInteger spinning = new AtomicInteger();

    private static final class Worker {
        final AtomicInteger state = new AtomicInteger(RUNNING);
        Thread thread;
    }

    WorkerDispatcher(ThreadFactory factory, int maxWorkers) {
        this.factory = factory;
        this.maxWorkers = maxWorkers;
    }

    /** The number of worker threads started so far. */
    int workers() {
        return workers;
    }

    @Override
    public void execute(Runnable turn) {
        queue.offer(turn);
        signalWork();
    }

    /** Wakes an idle worker, or else starts one if allowed: there is a turn in the queue. */
    private void signalWork() {
        if (spinning.get() > 0) {
            return; // a spinning worker will poll the queue again (see the notes)
        }
        for (Worker w; (w = idle.poll()) != null; ) {
            if (w.state.compareAndSet(IDLE, WOKEN)) {
                LockSupport.unpark(w.thread);
                return;
            }
        }
        if (!starting && workers < maxWorkers) {
            startWorker();
        }
    }

    private void startWorker() {
        Worker w = new Worker();
        lock.lock();
        try {
            if (shutdown || starting || workers >= maxWorkers) {
                return;
            }
            Thread t = factory.newThread(() -> work(w));
            if (t == null) {
                throw new IllegalStateException("thread factory returned null");
            }
            w.thread = t;
            threads.add(t);
            workers = threads.size();
            starting = true;
            t.start();
        } finally {
            lock.unlock();
        }
    }

    private void work(Worker w) {
        starting = false;
        for (;;) {
            Runnable turn = queue.poll();
            if (turn == null) {
                turn = awaitTurn(w);
                if (turn == null) {
                    return;
                }
            }
            if (!queue.isEmpty()) {
                signalWork(); // this turn may block: more work waits, let another worker take it
            }
            Thread.interrupted(); // an interrupt meant for one actor's handler must not reach the next
            turn.run();
        }
    }

    /** Parks until a turn is available; null at shutdown with nothing left to run. */
    private Runnable awaitTurn(Worker w) {
        spinning.incrementAndGet();
        for (int spins = SPINS; spins > 0; spins--) {
            Thread.onSpinWait(); // a request/response partner usually sends again within microseconds
            Runnable turn = queue.poll();
            if (turn != null) {
                spinning.decrementAndGet(); // then work() checks for more work before running it
                return turn;
            }
        }
        spinning.decrementAndGet(); // then list as idle and poll once more, as below
        for (;;) {
            w.state.set(IDLE);
            idle.offer(w);
            Runnable turn = queue.poll();
            if (turn != null) {
                w.state.set(RUNNING); // IDLE -> RUNNING withdraws; WOKEN -> RUNNING uses the claim
                return turn;
            }
            while (w.state.get() == IDLE && !shutdown) {
                LockSupport.park(this);
            }
            w.state.set(RUNNING);
            turn = queue.poll();
            if (turn != null) {
                return turn;
            }
            if (shutdown) {
                return null;
            }
        }
    }

    @Override
    public void shutdown() {
        List<Thread> all;
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            shutdown = true;
            all = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        for (Thread t : all) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean started(Thread thread) {
        lock.lock();
        try {
            return threads.contains(thread);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitThreads(long deadlineNanos) throws InterruptedException {
        List<Thread> all;
        lock.lock();
        try {
            all = List.copyOf(threads);
        } finally {
            lock.unlock();
        }
        return ActorSystemImpl.joinAll(all, deadlineNanos);
    }
}
