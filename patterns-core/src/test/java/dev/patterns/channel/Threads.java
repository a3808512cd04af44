package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts test threads, waits for them to block, and joins and checks every one of them.
 * Timeouts here are only safety nets against a hung test, never part of what is asserted.
 */
final class Threads implements AutoCloseable {

    /** How long a test waits for something that should happen promptly before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<Thread> threads = new ArrayList<>();
    private final List<FutureTask<?>> tasks = new ArrayList<>();
    private final boolean virtual;

    private Threads(boolean virtual) {
        this.virtual = virtual;
    }

    static Threads platform() {
        return new Threads(false);
    }

    static Threads virtual() {
        return new Threads(true);
    }

    /** Starts {@code body} in a new thread; its result or exception is checked by {@link #result}. */
    <T> Started<T> start(String name, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread t = virtual ? Thread.ofVirtual().name(name).unstarted(task) : Thread.ofPlatform().name(name).unstarted(task);
        threads.add(t);
        tasks.add(task);
        t.start();
        return new Started<>(t, task);
    }

    /** A started thread and its outcome. */
    record Started<T>(Thread thread, FutureTask<T> task) {
        /** Returns the body's result, failing the test if it did not end within the patience. */
        T result() throws InterruptedException, ExecutionException {
            try {
                return task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " did not finish: " + thread.getState(), e);
            }
        }

        /** Returns what the body threw, failing the test if it returned normally. */
        Throwable failure() throws InterruptedException {
            try {
                T value = task.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError(thread.getName() + " returned " + value + " but was expected to throw");
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " did not finish: " + thread.getState(), e);
            }
        }

        /** Waits until the thread is parked (WAITING or TIMED_WAITING). */
        void awaitBlocked() {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (true) {
                Thread.State state = thread.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    return;
                }
                if (state == Thread.State.TERMINATED) {
                    throw new AssertionError(thread.getName() + " ended instead of blocking");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError(thread.getName() + " never blocked: " + state);
                }
                Thread.yield();
            }
        }
    }

    /** Joins every thread and asserts that each ended. */
    @Override
    public void close() throws InterruptedException {
        for (Thread t : threads) {
            t.join(PATIENCE.toMillis());
            assertThat(t.isAlive()).as("%s still alive", t.getName()).isFalse();
        }
    }
}
