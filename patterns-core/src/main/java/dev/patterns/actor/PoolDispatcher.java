package dev.patterns.actor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/** A fixed pool of threads taking actor turns from one queue: for CPU-bound actors. */
final class PoolDispatcher implements Dispatcher {

    private static final Runnable POISON = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Set once, by the first shutdown(); no monitor, so a virtual thread calling it never pins. */
    private final AtomicBoolean shutdown = new AtomicBoolean();

    PoolDispatcher(int concurrency, ThreadFactory factory) {
        for (int i = 0; i < concurrency; i++) {
            Thread t = factory.newThread(this::work);
            if (t == null) {
                throw new IllegalStateException("thread factory returned null");
            }
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void work() {
        for (;;) {
            Runnable turn;
            try {
                turn = queue.take();
            } catch (InterruptedException e) {
                continue; // meant for a handler that has already returned
            }
            if (turn == POISON) {
                return;
            }
            Thread.interrupted(); // an interrupt meant for one actor's handler must not reach the next
            turn.run();
        }
    }

    @Override
    public void execute(Runnable turn) {
        queue.add(turn);
    }

    @Override
    public void shutdown() {
        if (shutdown.compareAndSet(false, true)) {
            for (int i = 0; i < threads.size(); i++) {
                queue.add(POISON);
            }
        }
    }

    @Override
    public boolean started(Thread thread) {
        return threads.contains(thread); // filled in the constructor, read-only since
    }

    @Override
    public boolean awaitThreads(long deadlineNanos) throws InterruptedException {
        return ActorSystemImpl.joinAll(threads, deadlineNanos);
    }
}
