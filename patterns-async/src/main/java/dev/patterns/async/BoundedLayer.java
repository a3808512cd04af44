package dev.patterns.async;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import dev.patterns.time.Deadline;
import dev.patterns.time.Ticker;

/**
 * An {@link ExecutionLayer} over a JDK executor: a semaphore of {@code capacity} permits bounds the
 * accepted tasks; each task releases its permit when it ends.
 */
final class BoundedLayer extends AbstractExecutorService implements ExecutionLayer {

    /*
     * Counters. Monotonic LongAdders, except accepted, which is incremented before the hand-off
     * (so a task's acceptance happens-before its start, and queued = accepted - started - drained
     * is never read below zero) and decremented again if the delegate refuses the task. A task
     * counts its outcome before it releases its permit, so a submitter that got the permit back
     * sees the outcome counted. The gauges are derived in stats(), which reads each "later"
     * counter before the counters it is subtracted from.
     */

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExecutionLayer.class);

    private final String name;
    /** Whether "terminated" was logged (once, by whoever saw it first). */
    private final java.util.concurrent.atomic.AtomicBoolean terminationLogged =
            new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService delegate;
    /** The threads the delegate made: terminated means they have ended, not only the delegate. */
    private final LayerThreads threads;
    private final int capacity;
    /** One permit per task accepted and not yet ended. */
    private final Semaphore permits;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejectedFull = new LongAdder();
    private final LongAdder rejectedShutDown = new LongAdder();
    private final LongAdder rejectedInterrupted = new LongAdder();
    /**
     * The earliest {@link Ticker#system()} reading at which the next rejection event may be committed. Racy on purpose: two
     * rejecting threads may both commit one; the gate only bounds the rate.
     */
    private volatile long rejectEventGate = Ticker.system().read();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder drained = new LongAdder();

    BoundedLayer(String name, ExecutorService delegate, LayerThreads threads, int capacity) {
        this.name = name;
        this.delegate = delegate;
        this.threads = threads;
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
        LOG.debug("execution layer '{}' started, capacity {}", name, capacity);
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            reject(rejectedInterrupted, "interrupted");
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
            reject(rejectedFull, "full");
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
        boolean acquired;
        try {
            acquired = permits.tryAcquire(Deadline.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            reject(rejectedInterrupted, "interrupted");
            throw e;
        }
        if (!acquired) {
            reject(rejectedFull, "full");
            return false;
        }
        hand(task);
        return true;
    }

    /** Counts a rejection and records it as a JFR event, at most one per LayerRejectedEvent.GAP_NANOS. */
    private void reject(LongAdder counter, String reason) {
        counter.increment();
        LayerRejectedEvent event = new LayerRejectedEvent();
        if (!event.shouldCommit()) {
            return;
        }
        long now = Ticker.system().read();
        if (now - rejectEventGate >= 0) {
            rejectEventGate = now + LayerRejectedEvent.GAP_NANOS;
            event.layer = name;
            event.reason = reason;
            event.capacity = capacity;
            event.rejected = rejectedFull.sum() + rejectedShutDown.sum() + rejectedInterrupted.sum();
            event.commit();
        }
    }

    private void checkOpen() {
        if (delegate.isShutdown()) {
            reject(rejectedShutDown, "shut_down");
            throw new RejectedExecutionException(name + " is shut down");
        }
    }

    /** Hands a task holding a permit to the delegate; the permit goes back when it ends. */
    private void hand(Runnable task) {
        accepted.increment();
        try {
            delegate.execute(new Permitted(task));
        } catch (RuntimeException | Error e) {
            // NOTE: the delegate refuses only once shut down (its queue holds every permit), or
            // with an Error when no thread could be started; either way the task was not taken.
            accepted.decrement();
            if (e instanceof RejectedExecutionException) {
                reject(rejectedShutDown, "shut_down");
            }
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
            started.increment();
            boolean threw = true;
            try {
                task.run();
                threw = false;
            } finally {
                if (threw) {
                    failed.increment();
                } else {
                    countOutcome(task);
                }
                permits.release();
            }
        }
    }

    /**
     * Counts a task that returned. A {@link FutureTask} (what {@code submit} and the
     * {@code invoke*} methods make) keeps its exception or cancellation in its state; its
     * {@code state()} reads a field and allocates nothing.
     */
    private void countOutcome(Runnable task) {
        if (task instanceof FutureTask<?> future) {
            switch (future.state()) {
                case FAILED -> failed.increment();
                case CANCELLED -> cancelled.increment();
                default -> completed.increment(); // SUCCESS; RUNNING if another thread runs it
            }
        } else {
            completed.increment();
        }
    }

    /*
     * invokeAny is overridden because AbstractExecutorService's runs each task inside an
     * ExecutorCompletionService wrapper, a FutureTask that always ends normally, so the layer
     * would count every invokeAny task completed. Here each task is its own FutureTask, which
     * reports itself to the caller's queue when it ends. Same algorithm: submit one task at a
     * time while none has ended, return the first value, cancel the rest.
     */

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, false, 0L);
        } catch (TimeoutException e) {
            throw new AssertionError("untimed invokeAny timed out", e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(unit, "unit");
        return invokeAny(tasks, true, unit.toNanos(timeout));
    }

    private <T> T invokeAny(Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(tasks, "tasks");
        int notStarted = tasks.size();
        if (notStarted == 0) {
            throw new IllegalArgumentException("tasks: 0 (expected: >= 1)");
        }
        BlockingQueue<Future<T>> ended = new LinkedBlockingQueue<>();
        List<Future<T>> futures = new ArrayList<>(notStarted);
        Iterator<? extends Callable<T>> it = tasks.iterator();
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        ExecutionException last = null;
        try {
            futures.add(race(it.next(), ended));
            notStarted--;
            int active = 1;
            for (;;) {
                Future<T> f = ended.poll();
                if (f == null) {
                    if (notStarted > 0) {
                        notStarted--;
                        futures.add(race(it.next(), ended));
                        active++;
                    } else if (active == 0) {
                        break;
                    } else if (timed) {
                        f = ended.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (f == null) {
                            throw new TimeoutException(name + ": no task succeeded within " + nanos + " ns");
                        }
                    } else {
                        f = ended.take();
                    }
                }
                if (f != null) {
                    active--;
                    try {
                        return f.get();
                    } catch (ExecutionException e) {
                        last = e;
                    } catch (CancellationException e) {
                        last = new ExecutionException(name + ": a task was cancelled", e);
                    }
                }
            }
            throw last;
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private <T> Future<T> race(Callable<T> task, BlockingQueue<Future<T>> ended) {
        Objects.requireNonNull(task, "task");
        FutureTask<T> f = new FutureTask<>(task) {
            @Override
            protected void done() {
                ended.add(this);
            }
        };
        execute(f);
        return f;
    }

    @Override
    public ExecutionLayerStats stats() {
        // NOTE: each counter is read before the ones it is subtracted from (a task counts its
        // acceptance before its start, its start before its outcome), so no gauge reads negative.
        long completedNow = completed.sum();
        long failedNow = failed.sum();
        long cancelledNow = cancelled.sum();
        long startedNow = started.sum();
        long drainedNow = drained.sum();
        long acceptedNow = accepted.sum();
        int running = gauge(startedNow - completedNow - failedNow - cancelledNow);
        int queued = gauge(acceptedNow - startedNow - drainedNow);
        return new ExecutionLayerStats(acceptedNow, rejectedFull.sum(), rejectedShutDown.sum(), rejectedInterrupted.sum(),
                startedNow, completedNow, failedNow, cancelledNow, drainedNow, running, queued,
                permits.getQueueLength());
    }

    /** Clamps a difference of counters read at slightly different moments to {@code [0, MAX]}. */
    private static int gauge(long difference) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, difference));
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
        if (!delegate.isShutdown()) {
            LOG.debug("execution layer '{}' closing: accepts no more tasks", name);
        }
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = delegate.shutdownNow();
        LOG.debug("execution layer '{}' shut down now: {} task(s) never ran, running ones interrupted", name,
                never.size());
        List<Runnable> unwrapped = new java.util.ArrayList<>(never.size());
        for (Runnable r : never) {
            if (r instanceof BoundedLayer.Permitted p) {
                drained.increment();
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
        // NOTE: the delegate first: once it is terminated it makes no more threads.
        return delegate.isTerminated() && threads.allEnded();
    }

    /**
     * {@inheritDoc} Answers {@code true} only once every thread of the layer has ended: the
     * executor underneath reports termination from inside its last thread, and this method then
     * joins the threads.
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        Deadline deadline = Deadline.afterNanos(unit.toNanos(timeout), Ticker.system());
        boolean ended = delegate.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS)
                && threads.join(deadline.remainingNanos());
        if (ended && terminationLogged.compareAndSet(false, true)) {
            LOG.debug("execution layer '{}' terminated: every thread has ended", name);
        }
        return ended;
    }

    @Override
    public String toString() {
        return "ExecutionLayer[" + name + ", capacity=" + capacity + ", inFlight=" + inFlight() + "]";
    }
}
