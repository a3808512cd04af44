package dev.patterns.async;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.patterns.time.Deadline;

/**
 * An {@link ExecutionLayer} over a JDK executor: a semaphore of {@code capacity} permits bounds the
 * accepted tasks; each task releases its permit when it ends.
 */
final class BoundedLayer extends AbstractExecutorService implements ExecutionLayer {

    private final String name;
    private final ExecutorService delegate;
    private final int capacity;
    /** One permit per task accepted and not yet ended. */
    private final Semaphore permits;

    BoundedLayer(String name, ExecutorService delegate, int capacity) {
        this.name = name;
        this.delegate = delegate;
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException(name + ": interrupted while waiting for room", e);
        }
        hand(task);
    }

    @Override
    public boolean tryExecute(Runnable task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        if (!permits.tryAcquire()) {
            return false;
        }
        hand(task);
        return true;
    }

    @Override
    public boolean execute(Runnable task, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(timeout, "timeout");
        checkOpen();
        if (!permits.tryAcquire(Deadline.saturatedNanos(timeout), TimeUnit.NANOSECONDS)) {
            return false;
        }
        hand(task);
        return true;
    }

    private void checkOpen() {
        if (delegate.isShutdown()) {
            throw new RejectedExecutionException(name + " is shut down");
        }
    }

    /** Hands a task holding a permit to the delegate; the permit goes back when it ends. */
    private void hand(Runnable task) {
        try {
            delegate.execute(new Permitted(task));
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** A task that returns its permit when it ends, and whose identity shutdownNow reports. */
    private final class Permitted implements Runnable {
        final Runnable task;

        Permitted(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            try {
                task.run();
            } finally {
                permits.release();
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int inFlight() {
        return capacity - permits.availablePermits();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = delegate.shutdownNow();
        List<Runnable> unwrapped = new java.util.ArrayList<>(never.size());
        for (Runnable r : never) {
            if (r instanceof BoundedLayer.Permitted p) {
                permits.release();
                unwrapped.add(p.task);
            } else {
                unwrapped.add(r);
            }
        }
        return unwrapped;
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "ExecutionLayer[" + name + ", capacity=" + capacity + ", inFlight=" + inFlight() + "]";
    }
}
