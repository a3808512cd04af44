package dev.patterns.pipeline;

import dev.patterns.channel.Channel;
import dev.patterns.internal.Checks;

import java.time.Duration;
import java.util.List;

/**
 * A running pipeline: a source, then stages of stateless workers joined by bounded channels, then
 * a terminal consumer.
 *
 * <pre>{@code
 * Pipeline<String> lines = Pipeline.<String>fromSink("ingest", 4096)
 *         .map("parse", Event::parse, s -> s.concurrency(2))
 *         .filter("relevant", e -> e.severity() >= WARN)
 *         .map("enrich", geo::enrich, s -> s.kind(WorkKind.IO).concurrency(32).ordered(256))
 *         .start("store", db::insert);
 * lines.input().send(line);        // from any number of producer threads; blocks while full
 * lines.shutdown();                // no more input: every stage drains, then closes the next
 * PipelineStats done = lines.join();
 * }</pre>
 *
 * <p><b>Backpressure.</b> Every channel is bounded; a stage whose output is full waits, so a slow
 * stage slows the ones before it down to the source, and memory stays bounded by the buffers, the
 * workers and the reorder windows, whatever the input size.
 *
 * <p><b>Completion flows downstream.</b> {@link #shutdown()} (or closing a channel source, or an
 * iterable source running out) closes the first channel; each stage's last worker out closes the
 * next stage's channel after its last result, so every accepted item is processed before the
 * pipeline terminates. {@link #shutdownNow(Duration)} stops every stage at once and returns the
 * items that never ran. A fail-fast error does the same and keeps the error.
 *
 * <p><b>Accounting.</b> {@link #stats()} accounts for every item; see {@link PipelineStats}.
 *
 * <p><b>Threads.</b> All methods may be called from any thread. Actions before an item is accepted
 * <i>happen-before</i> each stage's work on it and the terminal consumer's.
 *
 * @param <T> the type of items the source provides
 */
public interface Pipeline<T> extends AutoCloseable {

    /**
     * Starts building a pipeline that reads every element of {@code source} (on a virtual
     * thread), then completes.
     *
     * @param name the pipeline's name, the prefix of its threads' names
     * @param source the items; {@code null} elements fail the pipeline
     * @param <T> the type of items
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static <T> PipelineBuilder<T, T> fromIterable(String name, Iterable<? extends T> source) {
        return new PipelineBuilder<>(name, null, java.util.Objects.requireNonNull(source, "source"));
    }

    /**
     * Starts building a pipeline that reads {@code source} until it is closed. The channel is the
     * first stage's buffer; {@link #shutdown()} closes it.
     *
     * @param name the pipeline's name, the prefix of its threads' names
     * @param source the channel
     * @param <T> the type of items
     * @return a builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static <T> PipelineBuilder<T, T> fromChannel(String name, Channel<T> source) {
        return new PipelineBuilder<>(name, java.util.Objects.requireNonNull(source, "source"), null);
    }

    /**
     * Starts building a pipeline with a new bounded channel as its source: any number of
     * producer threads send into {@link #input()}, and wait while it is full (backpressure).
     *
     * @param name the pipeline's name, the prefix of its threads' names
     * @param capacity the capacity of the input channel
     * @param <T> the type of items
     * @return a builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or {@code capacity < 1}
     */
    static <T> PipelineBuilder<T, T> fromSink(String name, int capacity) {
        Checks.atLeast("capacity", capacity, 1);
        return new PipelineBuilder<>(name, Channel.<T>builder(capacity).name(name + "/input").build(), null);
    }

    /**
     * Returns the pipeline's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the channel producers send items into.
     *
     * @return the source channel
     * @throws IllegalStateException if the pipeline reads an {@link Iterable}
     */
    Channel<T> input();

    /**
     * Starts a graceful shutdown and returns at once: no more input is accepted (an iterable
     * source stops after its current element), and every accepted item is still processed.
     * Idempotent.
     */
    void shutdown();

    /**
     * Waits until every thread of the pipeline has exited, or the timeout elapses.
     *
     * @param timeout the longest wait
     * @return {@code true} if terminated, {@code false} if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code timeout} is null
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Returns whether every thread of the pipeline has exited.
     *
     * @return {@code true} once terminated
     */
    boolean isTerminated();

    /**
     * Waits until the pipeline has terminated and returns its final stats. Does not shut it down:
     * call {@link #shutdown()} first unless the source ends by itself.
     *
     * @return the final stats
     * @throws InterruptedException if interrupted while waiting
     * @throws PipelineFailedException if a stage failed fast; its cause is the error
     */
    PipelineStats join() throws InterruptedException;

    /**
     * Stops now, waiting up to 5 seconds for the workers to exit; returns the items that never
     * ran.
     *
     * @return the items handed back, each counted as returned
     * @see #shutdownNow(Duration)
     */
    List<Object> shutdownNow();

    /**
     * Stops now: closes every channel, interrupts every worker, waits up to {@code grace} for them
     * to exit, and reports the items that never ran and the workers still running. Each returned
     * item is of the type of the stage it was waiting at. If the calling thread is interrupted
     * while waiting, it stops waiting and keeps its interrupt status.
     *
     * @param grace how long to wait for the workers
     * @return the report
     * @throws NullPointerException if {@code grace} is null
     */
    ShutdownReport<Object> shutdownNow(Duration grace);

    /**
     * Returns a snapshot of the pipeline and its stages.
     *
     * @return the stats
     */
    PipelineStats stats();

    /**
     * Shuts down gracefully and waits for every accepted item to be processed. If interrupted
     * while waiting, stops now and returns with the interrupt status set.
     */
    @Override
    void close();
}
