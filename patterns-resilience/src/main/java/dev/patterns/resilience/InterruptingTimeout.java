package dev.patterns.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Runs each call as a {@link FutureTask} on a fresh thread; cancels it with interrupt on timeout. */
final class InterruptingTimeout implements Timeout {

    /** Numbers the default names. */
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final long limitNanos;
    private final long graceNanos;
    private final ThreadFactory threads;
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder abandoned = new LongAdder();

    InterruptingTimeout(String name, long limitNanos, long graceNanos, ThreadFactory threads) {
        this.name = name;
        this.limitNanos = limitNanos;
        this.graceNanos = graceNanos;
        this.threads = Objects.requireNonNull(threads, "threads");
    }

    @Override
    public <T> T call(Callable<T> callable) throws Exception {
        Objects.requireNonNull(callable, "callable");
        FutureTask<T> task = new FutureTask<>(callable);
        Thread worker = threads.newThread(task);
        if (worker == null) {
            throw new IllegalStateException("thread factory " + threads + " made no thread");
        }
        worker.start();
        try {
            return task.get(limitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw rethrow(failed);
        } catch (TimeoutException late) {
            if (!task.cancel(true)) {
                return finished(task); // completed as the limit passed: keep its outcome
            }
            timedOut.increment();
            boolean ended = worker.join(Duration.ofNanos(graceNanos));
            if (!ended) {
                abandoned.increment();
            }
            throw new TimeoutException("call timed out after " + Duration.ofNanos(limitNanos) + " and was interrupted"
                    + (ended ? "" : "; it did not end within " + Duration.ofNanos(graceNanos) + " and is still running"));
        } catch (InterruptedException interrupted) {
            task.cancel(true);
            try {
                if (!worker.join(Duration.ofNanos(graceNanos))) {
                    abandoned.increment();
                }
            } catch (InterruptedException again) {
                interrupted.addSuppressed(again);
            }
            throw interrupted;
        }
    }

    private static <T> T finished(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException failed) {
            throw rethrow(failed);
        } catch (CancellationException impossible) {
            throw new IllegalStateException("task cancelled by someone else", impossible);
        }
    }

    private static Exception rethrow(ExecutionException failed) {
        Throwable cause = failed.getCause();
        if (cause instanceof Error error) {
            throw error;
        }
        return cause instanceof Exception exception ? exception : failed;
    }

    @Override
    public Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    @Override
    public TimeoutStats stats() {
        return new TimeoutStats(timedOut.sum(), abandoned.sum());
    }

    @Override
    public String toString() {
        return "Timeout[" + name + ", " + limit() + "]";
    }

    @Override
    public String name() {
        return name;
    }
}
