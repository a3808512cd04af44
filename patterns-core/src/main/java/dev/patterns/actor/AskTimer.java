package dev.patterns.actor;

import dev.patterns.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ask timeouts of one actor system: one thread, started by the first ask, fails each ask still
 * unanswered at its deadline (read from the system's {@link Ticker}) and, when the system
 * terminates, every ask still waiting.
 */
final class AskTimer implements Runnable {

    /*
     * Implementation notes. An ask costs one CAS here: its ReplyRef is pushed onto a Treiber stack
     * (`incoming`, linked through ReplyRef.nextAsk); nothing is removed when the reply arrives. The
     * timer thread drains the stack every TICK while asks keep coming, drops the answered ones, and
     * keeps the rest in a heap ordered by deadline that only it touches (answered ones in the heap
     * are dropped when they reach the top, or by a purge once the heap has doubled). While asks
     * arrive it parks until the earlier of the heap's first deadline and now + TICK; after a tick in
     * which none arrived, until the earlier of the first deadline and now + LONG_PARK; with nothing
     * pending, with no deadline (wakeAt = IDLE). It publishes that instant in `wakeAt`, and an asker
     * unparks it when its deadline is earlier, or when it is the first ask pushed while the timer is
     * in a long park (so answered asks pile up for at most a tick behind a long-waiting one). NOTE:
     * push-then-read-wakeAt (asker) against write-wakeAt-then-read-incoming (timer) is a Dekker pair
     * on volatiles: either the timer sees the new ask before parking, or the asker sees the instant
     * the timer will sleep until (and the first such asker saw an empty stack). So asks with equal
     * timeouts arriving steadily wake the timer once a tick, an unanswered day-long ask once per
     * LONG_PARK, and an idle system never; a deadline is met as precisely as a park with that
     * deadline. LONG_PARK also bounds how late a deadline on a ticker that is not the real clock (a
     * FakeTicker moved by a test) is noticed, since the park itself is a real wait.
     *
     * Rejected: one ScheduledThreadPoolExecutor task per ask, cancelled on reply (a lock, a heap
     * insert and a heap removal per ask, a ScheduledFutureTask allocated, and the timer thread
     * woken whenever its queue had been empty, which in a request/response loop is every ask).
     */

    /** How long answered asks may wait to be dropped while asks keep coming. */
    static final long TICK_NANOS = 10_000_000L;
    /** Longest park while asks are pending but none arrives. */
    static final long LONG_PARK_NANOS = 1_000_000_000L;
    /** Longest delay kept, so that deadlines of asks made at different times compare by subtraction. */
    static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 2;
    private static final long IDLE = Long.MAX_VALUE;
    private static final int MIN_PURGE = 1024;

    private final ActorSystemImpl system;
    private final Ticker ticker;
    private final ThreadFactory threads;
    private final ReentrantLock startLock = new ReentrantLock();
    /** Asks not yet seen by the timer thread, newest first. */
    private final AtomicReference<ReplyRef<?>> incoming = new AtomicReference<>();
    /** Ticker reading the timer thread parks until, or IDLE: no deadline. Written by the timer thread. */
    private volatile long wakeAt = IDLE;
    private volatile boolean shut;
    /** Set once, under startLock. */
    private volatile Thread thread;
    /** Asks not answered when drained, earliest deadline first. Timer thread only. */
    private final PriorityQueue<ReplyRef<?>> pending =
            new PriorityQueue<>((a, b) -> Long.compare(a.deadline - b.deadline, 0));
    /** Heap size at which answered asks are purged. Timer thread only. */
    private int purgeAt = MIN_PURGE;

    AskTimer(ActorSystemImpl system, Ticker ticker, ThreadFactory threads) {
        this.system = system;
        this.ticker = ticker;
        this.threads = threads;
    }

    /**
     * Starts the timeout of {@code ask}: its deadline is {@code delayNanos} from now. An ask made
     * after the system terminated fails at once.
     */
    void add(ReplyRef<?> ask, long delayNanos) {
        long now = ticker.read();
        ask.deadline = now + Math.min(delayNanos, MAX_DELAY_NANOS);
        Thread t = thread;
        if (shut || (t == null && (t = start()) == null)) {
            ask.systemTerminated(); // not pushed: after the timer's last drain nobody would take it off
            return;
        }
        ReplyRef<?> head;
        do {
            head = incoming.get();
            ask.nextAsk = head;
        } while (!incoming.compareAndSet(head, ask));
        if (shut) {
            ask.systemTerminated(); // the timer may have finished its last drain before the push
            return;
        }
        long w = wakeAt;
        if (w == IDLE || ask.deadline - w < 0 || (head == null && w - now > TICK_NANOS)) {
            LockSupport.unpark(t);
        }
    }

    private Thread start() {
        startLock.lock();
        try {
            if (thread == null && !shut) {
                Thread t = threads.newThread(this);
                if (t == null) {
                    throw new IllegalStateException("thread factory of actor system '" + system.name()
                            + "' returned null for the ask timer");
                }
                t.start();
                thread = t;
            }
            return shut ? null : thread;
        } finally {
            startLock.unlock();
        }
    }

    /** Fails every waiting ask and ends the timer thread, if it was started. */
    void shutdown() {
        startLock.lock();
        try {
            shut = true;
        } finally {
            startLock.unlock();
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Ticker reading the timer thread parks until, or {@code Long.MAX_VALUE} for no deadline (for tests). */
    long wakeAt() {
        return wakeAt;
    }

    /** The timer thread, or null if no ask started it. */
    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        for (;;) {
            Thread.interrupted(); // nothing here is interruptible work; shutdown is by `shut`
            boolean arrived = drain();
            if (shut) {
                drain();
                failAll();
                return;
            }
            long now = ticker.read();
            fireExpired(now);
            if (pending.size() >= purgeAt) {
                pending.removeIf(ask -> ask.future().isDone());
                purgeAt = Math.max(MIN_PURGE, 2 * pending.size());
            }
            ReplyRef<?> first = pending.peek();
            long next;
            if (first == null && !arrived) {
                next = IDLE;
            } else {
                next = now + (arrived ? TICK_NANOS : LONG_PARK_NANOS);
                if (first != null && first.deadline - next < 0) {
                    next = first.deadline;
                }
            }
            wakeAt = next;
            if (incoming.get() != null || shut) {
                continue;
            }
            if (next == IDLE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }

    /** Moves the unanswered asks from the stack to the heap; true if the stack held any. */
    private boolean drain() {
        ReplyRef<?> ask = incoming.getAndSet(null);
        boolean any = ask != null;
        while (ask != null) {
            ReplyRef<?> next = ask.nextAsk;
            ask.nextAsk = null;
            if (!ask.future().isDone()) {
                pending.add(ask);
            }
            ask = next;
        }
        return any;
    }

    private void fireExpired(long now) {
        ReplyRef<?> first;
        while ((first = pending.peek()) != null && (first.future().isDone() || first.deadline - now <= 0)) {
            pending.poll();
            if (!first.future().isDone()) {
                first.timedOut();
            }
        }
    }

    private void failAll() {
        List<ReplyRef<?>> all = new ArrayList<>(pending);
        pending.clear();
        for (ReplyRef<?> ask : all) {
            ask.systemTerminated();
        }
    }
}
