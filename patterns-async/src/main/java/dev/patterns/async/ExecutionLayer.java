package dev.patterns.async;

import dev.patterns.pipeline.PoolSizing;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * An executor for one kind of work, bounded so that overload turns into backpressure on the
 * submitter instead of unbounded queues or threads. Three layers, one per kind of work:
 *
 * <table class="striped">
 * <caption>Layers</caption>
 * <tr><th>factory</th><th>threads</th><th>for</th></tr>
 * <tr><td>{@link #io()}, {@link #io(int)}</td><td>a virtual thread per task, optionally at most
 * {@code n} at once</td><td>blocking I/O that unmounts (sockets, JDBC drivers that use
 * {@code j.u.c} locks)</td></tr>
 * <tr><td>{@link #cpu()}, {@link #cpu(int, int)}</td><td>platform threads, one per core, a bounded
 * queue</td><td>computation</td></tr>
 * <tr><td>{@link #blocking(int, int)}</td><td>a fixed number of platform threads, a bounded
 * queue</td><td>legacy blocking code that pins a virtual thread's carrier ({@code synchronized}
 * around I/O, native calls)</td></tr>
 * </table>
 *
 * <p>Every layer holds at most {@link #capacity()} accepted tasks (running plus queued). When it
 * is full, the submitting forms differ, as in {@link java.util.concurrent.BlockingQueue}:
 *
 * <table class="striped">
 * <caption>Submitting when full</caption>
 * <tr><th>blocks</th><th>answers at once</th><th>times out</th></tr>
 * <tr><td>{@link #execute(Runnable)} (and {@code submit}, {@code invokeAll})</td>
 * <td>{@link #tryExecute(Runnable)}</td><td>{@link #execute(Runnable, Duration)}</td></tr>
 * </table>
 *
 * <p>All forms throw {@link RejectedExecutionException} once the layer is shut down. A thread
 * interrupted while blocked in {@code execute(Runnable)} gets a
 * {@code RejectedExecutionException} with its interrupt status set.
 *
 * <p>Lifecycle is {@link ExecutorService}'s: {@link #close()} stops accepting, waits for every
 * accepted task and for the layer's threads to finish; {@link #shutdownNow()} interrupts them and
 * returns the queued tasks. No thread outlives a closed layer. {@link #stats()} counts what was
 * accepted, rejected and why, and how each task ended. Thread-safe. Memory consistency
 * effects: actions before a successful submission <i>happen-before</i> the task runs.
 */
public interface ExecutionLayer extends ExecutorService {

    /**
     * Runs {@code task}, blocking while the layer is full.
     *
     * @param task the task
     * @throws RejectedExecutionException if the layer is shut down, or the caller was
     *     interrupted while waiting (its interrupt status is then set)
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} if the layer has room now.
     *
     * @param task the task
     * @return {@code true} if accepted, {@code false} if the layer is full
     * @throws RejectedExecutionException if the layer is shut down
     * @throws NullPointerException if {@code task} is null
     */
    boolean tryExecute(Runnable task);

    /**
     * Runs {@code task}, waiting at most {@code timeout} for room.
     *
     * @param task the task
     * @param timeout how long to wait for room; zero or negative means do not wait (see
     *     {@linkplain dev.patterns.time the library's timeout rule})
     * @return {@code true} if accepted, {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted while waiting
     * @throws RejectedExecutionException if the layer is shut down
     * @throws NullPointerException if an argument is null
     */
    boolean execute(Runnable task, Duration timeout) throws InterruptedException;

    /**
     * Returns the layer's name, which prefixes its threads' names.
     *
     * @return the name
     */
    String name();

    /**
     * Returns how many tasks the layer holds at most (running plus queued).
     *
     * @return the capacity; {@link Integer#MAX_VALUE} if unbounded
     */
    int capacity();

    /**
     * Returns how many accepted tasks have not finished yet (running or queued).
     *
     * @return the number in flight
     */
    int inFlight();

    /**
     * Returns a snapshot of this layer's counters. Each counter is exact once the submissions and
     * tasks it counts have returned (for example after {@link #close()}); a snapshot taken while
     * tasks run reads its counters one after another, not atomically together, so it may be a few
     * counts behind them. The gauges ({@code running}, {@code queued}, {@code waiting}) are then
     * estimates, but never negative. Cheap enough to poll every second: submitting pays one
     * {@link java.util.concurrent.atomic.LongAdder} increment for it, running a task two, and
     * neither takes a lock or allocates for it.
     *
     * @return the counters now
     */
    ExecutionLayerStats stats();

    /**
     * Returns a layer that starts a virtual thread per task, without limit.
     *
     * @return the layer, named "io"
     */
    static ExecutionLayer io() {
        return Layers.io("io", Integer.MAX_VALUE);
    }

    /**
     * Returns a layer that starts a virtual thread per task, at most {@code concurrency} at
     * once; submitting beyond that waits for a task to finish.
     *
     * @param concurrency at least 1
     * @return the layer, named "io"
     * @throws IllegalArgumentException if {@code concurrency < 1}
     */
    static ExecutionLayer io(int concurrency) {
        return Layers.io("io", concurrency);
    }

    /**
     * Returns a CPU layer: one platform thread per available processor and a queue of 64 tasks
     * per thread.
     *
     * @return the layer, named "cpu"
     */
    static ExecutionLayer cpu() {
        int concurrency = PoolSizing.forCpu();
        return cpu(concurrency, concurrency * 64);
    }

    /**
     * Returns a CPU layer with {@code concurrency} platform threads and a queue of
     * {@code capacity} tasks.
     *
     * @param concurrency at least 1; see {@link PoolSizing#forCpu()}
     * @param capacity at least 0
     * @return the layer, named "cpu"
     * @throws IllegalArgumentException if {@code concurrency < 1} or {@code capacity < 0}
     */
    static ExecutionLayer cpu(int concurrency, int capacity) {
        return Layers.platform("cpu", concurrency, capacity);
    }

    /**
     * Returns a bounded platform-thread layer for legacy blocking code that would pin virtual
     * threads' carriers. Size it with {@link PoolSizing#forBlocking}.
     *
     * @param concurrency at least 1
     * @param capacity at least 0
     * @return the layer, named "blocking"
     * @throws IllegalArgumentException if {@code concurrency < 1} or {@code capacity < 0}
     */
    static ExecutionLayer blocking(int concurrency, int capacity) {
        return Layers.platform("blocking", concurrency, capacity);
    }
}
