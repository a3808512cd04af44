package dev.patterns.pipeline;

import dev.patterns.channel.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * N stateless workers that take items from an input {@link Channel}, apply a function, and send
 * the results to an output channel.
 *
 * <pre>{@code
 * try (WorkerPool<Order, Receipt> pool = WorkerPool.<Order, Receipt>builder("charge", gateway::charge)
 *         .kind(WorkKind.IO).concurrency(64)
 *         .errorPolicy(ErrorPolicy.retry(3, Duration.ofMillis(20)).whenExhausted(
 *                 ErrorPolicy.deadLetter("charge-dlq", failedCharges::add)))
 *         .start()) {
 *     pool.input().send(order);               // blocks while the input is full
 *     Receipt r = pool.output().receive();
 * }                                           // close(): finish what was accepted, then stop
 * }</pre>
 *
 * <p><b>Workers.</b> {@link WorkKind#IO} pools run each worker on a virtual thread;
 * {@link WorkKind#CPU} pools on a platform thread. A worker whose function throws goes on with the
 * next item; the failed item follows the {@link ErrorPolicy}. A function that returns
 * {@code null} filters its item out (counted as filtered). {@link VirtualMachineError}s fail the
 * pool and propagate.
 *
 * <p><b>Shutdown is the poison pill.</b> {@link #shutdown()} closes the input: senders are refused
 * from then on, every item already accepted is processed, each worker exits when the input is
 * drained, and the last worker out closes the output, so its readers see end-of-stream after the
 * last result. {@link #shutdownNow(Duration)} interrupts the workers, closes both channels, and
 * returns the items that never ran; a worker that ignores its interrupt is reported, not waited
 * for beyond the grace period. A fail-fast error stops the pool the same way and fails both
 * channels with the error. No thread outlives the pool unless it is reported as stuck.
 *
 * <p><b>Threads.</b> All methods may be called from any thread. Actions before an item is sent to
 * the input <i>happen-before</i> the function is applied to it, which happens-before its result
 * is received from the output.
 *
 * @param <I> the type of input items
 * @param <O> the type of results
 */
public interface WorkerPool<I, O> extends AutoCloseable {

    /**
     * Returns a builder for a pool that applies {@code function} to each item.
     *
     * @param name the pool's name, the prefix of its threads' names
     * @param function the work; must be safe to call from several threads at once
     * @param <I> the type of input items
     * @param <O> the type of results
     * @return a new builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static <I, O> WorkerPoolBuilder<I, O> builder(String name, ThrowingFunction<? super I, ? extends O> function) {
        return new WorkerPoolBuilder<>(name, function);
    }

    /**
     * Returns the pool's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the channel the pool reads; send items to it.
     *
     * @return the input channel
     */
    Channel<I> input();

    /**
     * Returns the channel the pool writes results to; it is closed after the last result.
     *
     * @return the output channel
     */
    Channel<O> output();

    /**
     * Starts a graceful shutdown and returns at once: the input is closed, accepted items are
     * still processed. Idempotent.
     */
    void shutdown();

    /**
     * Waits until every worker has exited, or the timeout elapses.
     *
     * @param timeout the longest wait
     * @return {@code true} if terminated, {@code false} if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Returns whether every worker has exited.
     *
     * @return {@code true} once terminated
     */
    boolean isTerminated();

    /**
     * Stops now: interrupts the workers, closes the input and the output, waits up to 5 seconds
     * for the workers to exit, and returns the items that never ran.
     *
     * @return the items handed back, each counted as returned
     */
    List<I> shutdownNow();

    /**
     * Stops now: refuses new input, interrupts the workers, waits up to {@code grace} for them to
     * exit, and reports the items that never ran and the workers still running. Items a worker
     * held when interrupted are handed back if it let go of them within the grace period; results
     * a worker computed but had not passed on are handed back as their input items.
     * If the calling thread is interrupted while waiting, it stops waiting and keeps its interrupt
     * status.
     *
     * @param grace how long to wait for workers to exit
     * @return the report
     * @throws NullPointerException if {@code grace} is null
     */
    ShutdownReport<I> shutdownNow(Duration grace);

    /**
     * Returns a snapshot of the pool's counters.
     *
     * @return the stats
     */
    StageStats stats();

    /**
     * Returns where the pool is in its life cycle.
     *
     * @return the state
     */
    RunState state();

    /**
     * Returns the error that failed the pool under the fail-fast policy.
     *
     * @return the error, or empty if the pool did not fail
     */
    Optional<Throwable> failure();

    /**
     * Shuts down gracefully and waits for every accepted item to be processed. If interrupted
     * while waiting, stops now ({@link #shutdownNow()}) and returns with the interrupt status set.
     */
    @Override
    void close();
}
