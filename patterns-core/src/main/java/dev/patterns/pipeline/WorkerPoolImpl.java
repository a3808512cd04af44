package dev.patterns.pipeline;

import dev.patterns.channel.Channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@link WorkerPool}: one {@link Stage} run by an {@link Engine}. */
final class WorkerPoolImpl<I, O> implements WorkerPool<I, O> {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final Engine engine;
    private final Stage stage;
    private final Channel<I> input;
    private final Channel<O> output;

    WorkerPoolImpl(Engine engine, Stage stage, Channel<I> input, Channel<O> output) {
        this.engine = engine;
        this.stage = stage;
        this.input = input;
        this.output = output;
    }

    @Override
    public String name() {
        return engine.name;
    }

    @Override
    public Channel<I> input() {
        return input;
    }

    @Override
    public Channel<O> output() {
        return output;
    }

    @Override
    public void shutdown() {
        engine.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return engine.awaitTermination(timeout);
    }

    @Override
    public boolean isTerminated() {
        return engine.isTerminated();
    }

    @Override
    public List<I> shutdownNow() {
        return shutdownNow(DEFAULT_GRACE).unprocessed();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ShutdownReport<I> shutdownNow(Duration grace) {
        return (ShutdownReport<I>) (ShutdownReport<?>) engine.shutdownNow(grace);
    }

    @Override
    public StageStats stats() {
        return stage.stats();
    }

    @Override
    public RunState state() {
        return engine.runState();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(engine.failure());
    }

    @Override
    public void close() {
        engine.shutdown();
        try {
            engine.awaitTermination();
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The worker threads, for tests that check none outlives the pool. */
    List<Thread> threads() {
        return engine.threads();
    }

    @Override
    public String toString() {
        return "WorkerPool[" + engine.name + ", " + engine.runState() + "]";
    }
}
