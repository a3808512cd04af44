package dev.patterns.pipeline;

import dev.patterns.channel.Channel;

import java.util.Optional;

/** The {@link WorkerPool}: one {@link Stage} run by an {@link Engine}. */
final class WorkerPoolImpl<I, O> extends EngineLifecycle<I> implements WorkerPool<I, O> {

    private final Stage stage;
    private final Channel<I> input;
    private final Channel<O> output;

    WorkerPoolImpl(Engine engine, Stage stage, Channel<I> input, Channel<O> output) {
        super(engine);
        this.stage = stage;
        this.input = input;
        this.output = output;
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
    String kind() {
        return "WorkerPool";
    }
}
