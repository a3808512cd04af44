package dev.patterns.async;

import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;

/**
 * The thread factory of a layer, which remembers the threads it made until they have ended, so
 * that the layer can report termination only once its threads are gone: the JDK executors signal
 * termination from inside their last worker, a moment before that thread ends.
 */
final class LayerThreads implements ThreadFactory {
    /*
     * A made thread sits in `running` until its body returns; then it moves itself to `exiting`
     * (added there first, removed from `running` after), where it stays until it is seen dead.
     * An observer that walks `running` and then `exiting` therefore meets every thread that may
     * be alive. A thread that was made but never started stays in `running`; it is not alive and
     * join returns at once. `exiting` is pruned from its head as new threads are made, so a
     * thread-per-task layer does not keep every thread it ever ran.
     */

    /** How many live threads at the head of `exiting` a prune looks past before it stops. */
    private static final int PRUNE_PATIENCE = 4;

    private final ThreadFactory factory;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Thread> exiting = new ConcurrentLinkedQueue<>();

    LayerThreads(ThreadFactory factory) {
        this.factory = factory;
    }

    @Override
    public Thread newThread(Runnable body) {
        Objects.requireNonNull(body, "body");
        prune();
        Thread[] self = new Thread[1];
        Thread t = factory.newThread(() -> {
            try {
                body.run();
            } finally {
                exiting.add(self[0]);
                running.remove(self[0]);
            }
        });
        if (t != null) {
            self[0] = t;
            running.add(t);
        }
        return t;
    }

    /** Whether every thread made so far has ended. */
    boolean allEnded() {
        return noneAlive(running) && noneAlive(exiting);
    }

    /**
     * Waits until every thread made so far has ended, at most {@code nanos}.
     *
     * @return {@code true} if all ended in time
     */
    boolean join(long nanos) throws InterruptedException {
        Deadline deadline = Deadline.afterNanos(nanos, Ticker.system());
        return join(running, deadline) && join(exiting, deadline);
    }

    private static boolean join(Iterable<Thread> threads, Deadline deadline) throws InterruptedException {
        for (Thread t : threads) {
            if (t.isAlive() && (deadline.isExpired() || !t.join(deadline.remaining()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean noneAlive(Iterable<Thread> threads) {
        for (Thread t : threads) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void prune() {
        int alive = 0;
        for (Iterator<Thread> it = exiting.iterator(); it.hasNext() && alive < PRUNE_PATIENCE; ) {
            if (it.next().isAlive()) {
                alive++;
            } else {
                it.remove();
            }
        }
    }
}
