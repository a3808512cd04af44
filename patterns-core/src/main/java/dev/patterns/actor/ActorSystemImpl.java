package dev.patterns.actor;

import dev.patterns.time.Deadline;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The actor system: registry of top-level actors, dispatcher, ask timer, counters, lifecycle. */
final class ActorSystemImpl implements ActorSystem {

    /*
     * Implementation notes. Termination: `live` counts actors spawned and not yet stopped. close()
     * marks the system closed (spawn refused), stops every top-level actor (each stops its
     * children), waits for `live` to reach zero, then shuts the dispatcher and the timer down and
     * joins every thread they started. A spawn racing with close() re-checks `closed` after
     * registering, so every actor is either stopped by close() or by its own spawn.
     */

    private static final Logger LOG = LoggerFactory.getLogger(ActorSystemImpl.class);
    /** How many handlers of the default dispatcher may block at once before turns wait. */
    static final int MAX_WORKERS = 256;

    final ActorSystemConfig config;
    final Ticker ticker;
    final Sleeper sleeper;
    final int batch;
    final boolean timing;
    private final Dispatcher dispatcher;
    final AskTimer askTimer;
    private final Set<ActorCell<?>> topLevel = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicLong live = new AtomicLong();
    final LongAdder spawned = new LongAdder();
    final LongAdder stopped = new LongAdder();
    final LongAdder handled = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder restarts = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder deadLetters = new LongAdder();
    final LongAdder handlingNanos = new LongAdder();
    final LongAdder mailboxNanos = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when {@code live} reaches zero. */
    private final Condition noneAlive = lock.newCondition();
    /** Guarded by lock. */
    private boolean timerShut;
    private volatile boolean closed;
    private volatile boolean terminated;

    ActorSystemImpl(ActorSystemConfig config) {
        this.config = config;
        this.ticker = config.ticker();
        this.sleeper = config.sleeper();
        this.batch = config.batch();
        this.timing = config.timing();
        ThreadFactory f = config.threadFactory();
        this.dispatcher = config.platformThreads() > 0
                ? new PoolDispatcher(config.platformThreads(), f)
                : new WorkerDispatcher(f, MAX_WORKERS);
        this.askTimer = new AskTimer(this, ticker, f);
        LOG.debug("actor system '{}' started ({})", config.name(),
                config.platformThreads() > 0 ? config.platformThreads() + " platform threads" : "virtual threads");
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }

    // ------------------------------------------------------------------------------- spawning

    @Override
    public <M> ActorRef<M> spawn(Behavior<M> behavior) {
        return spawnCell(null, behavior, null, config.mailbox());
    }

    @Override
    public <M> ActorRef<M> spawn(Behavior<M> behavior, String name) {
        return spawnCell(null, behavior, Objects.requireNonNull(name, "name"), config.mailbox());
    }

    @Override
    public <M> ActorRef<M> spawn(Behavior<M> behavior, String name, Mailbox mailbox) {
        return spawnCell(null, behavior, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(mailbox, "mailbox"));
    }

    <M> ActorCell<M> spawnCell(ActorCell<?> parent, Behavior<M> behavior, String name, Mailbox mailbox) {
        Objects.requireNonNull(behavior, "behavior");
        if (behavior instanceof SpecialBehavior) {
            throw new IllegalArgumentException("behavior: " + behavior + " (expected: receive, setup or a class form)");
        }
        if (closed && parent == null) {
            throw new IllegalStateException("actor system '" + name() + "' is closed");
        }
        ActorCell<M> cell = new ActorCell<>(this, parent, behavior, name, mailbox, ids.incrementAndGet());
        live.incrementAndGet();
        spawned.increment();
        if (parent == null) {
            topLevel.add(cell);
        } else if (!parent.addChild(cell)) {
            throw new IllegalStateException("actor '" + parent.name() + "' has stopped");
        }
        cell.start();
        if (closed && parent == null) {
            cell.stop(); // close() may have missed it
        }
        return cell;
    }

    void actorStopped(ActorCell<?> cell) {
        if (cell.parent == null) {
            topLevel.remove(cell);
        }
        stopped.increment();
        if (live.decrementAndGet() == 0) {
            lock.lock();
            try {
                noneAlive.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    void dispatch(ActorCell<?> cell) {
        dispatcher.execute(cell);
    }

    // ------------------------------------------------------------------- dead letters, drops

    void deadLetter(ActorRef<?> recipient, Object message) {
        deadLetters.increment();
        try {
            config.onDeadLetter().accept(new ActorDeadLetter(recipient, message));
        } catch (RuntimeException e) {
            LOG.warn("dead-letter handler of actor system '{}' failed", name(), e);
        }
    }

    void dropped(ActorRef<?> recipient, Object message) {
        dropped.increment();
        try {
            config.onDrop().accept(new DroppedMessage(recipient, message));
        } catch (RuntimeException e) {
            LOG.warn("drop handler of actor system '{}' failed", name(), e);
        }
    }

    // ------------------------------------------------------------------------------ ask timer

    // AskTimer holds every ask waiting for a reply: one CAS per ask, see its notes.

    // ------------------------------------------------------------------------------ lifecycle

    @Override
    public ActorSystemStats stats() {
        return new ActorSystemStats(name(), live.get(), spawned.sum(), stopped.sum(), handled.sum(),
                failed.sum(), restarts.sum(), dropped.sum(), deadLetters.sum(), mailboxNanos.sum(),
                handlingNanos.sum());
    }

    private void markClosed() {
        if (!closed) {
            LOG.debug("actor system '{}' closing: stopping its actors", name());
        }
        closed = true;
        lock.lock();
        try {
            noneAlive.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        markClosed();
        for (ActorCell<?> cell : topLevel) {
            cell.stop();
        }
        Thread self = Thread.currentThread();
        if (dispatcher.started(self) || self == askTimer.thread()) {
            return; // a handler or an ask's continuation: a thread cannot wait for its own end
        }
        boolean interrupted = false;
        for (;;) {
            try {
                if (awaitTermination(Duration.ofDays(1))) {
                    break;
                }
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    shutdownNow();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<Object> shutdownNow() {
        markClosed();
        List<Object> out = new ArrayList<>();
        for (ActorCell<?> cell : topLevel) {
            cell.stopNowTree(out);
        }
        return out;
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        if (terminated) {
            return true;
        }
        long nanos = Deadline.saturatedNanos(timeout);
        lock.lock();
        try {
            while (!closed || live.get() != 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = noneAlive.awaitNanos(nanos);
            }
            if (!timerShut) {
                timerShut = true;
                askTimer.shutdown(); // its thread fails the asks still waiting, then ends
            }
        } finally {
            lock.unlock();
        }
        dispatcher.shutdown();
        // Joining threads is a real wait: one deadline on the real clock for the workers and the
        // timer together (the system's ticker, maybe a FakeTicker, would never move here).
        long deadline = System.nanoTime() + Math.max(nanos, 1);
        if (!dispatcher.awaitThreads(deadline)) {
            return false;
        }
        Thread timer = askTimer.thread();
        if (timer != null && !joinAll(List.of(timer), deadline)) {
            return false;
        }
        if (!terminated) {
            terminated = true;
            LOG.debug("actor system '{}' terminated: every thread has ended", name());
        }
        return true;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    /** Joins every thread before {@code deadline} (a {@link System#nanoTime()} reading); false if one is still alive then. */
    static boolean joinAll(List<Thread> threads, long deadline) throws InterruptedException {
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
