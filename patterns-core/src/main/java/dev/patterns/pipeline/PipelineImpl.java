package dev.patterns.pipeline;

import dev.patterns.channel.Channel;

import java.util.ArrayList;
import java.util.List;

/** The {@link Pipeline}: stages run by an {@link Engine}; the last stage is the terminal consumer. */
final class PipelineImpl<T> extends EngineLifecycle<Object> implements Pipeline<T> {

    /** Null when the source is an iterable. */
    private final Channel<T> input;

    PipelineImpl(Engine engine, Channel<T> input) {
        super(engine);
        this.input = input;
    }

    @Override
    public Channel<T> input() {
        if (input == null) {
            throw new IllegalStateException("pipeline '" + engine.name + "' reads an Iterable and has no input channel");
        }
        return input;
    }

    @Override
    public PipelineStats join() throws InterruptedException {
        engine.awaitTermination();
        Throwable failure = engine.failure();
        if (failure != null) {
            throw new PipelineFailedException(engine.failedStage(), failure);
        }
        return stats();
    }

    @Override
    public PipelineStats stats() {
        List<StageStats> stages = new ArrayList<>(engine.stages.size());
        long expanded = 0, filtered = 0, deadLettered = 0, failed = 0, returned = 0;
        for (Stage s : engine.stages) {
            StageStats st = s.stats();
            stages.add(st);
            if (s.output != null) {
                expanded += st.emitted() - st.done();
            }
            filtered += st.filtered();
            deadLettered += st.deadLettered();
            failed += st.failed();
            returned += st.returned();
        }
        long delivered = stages.get(stages.size() - 1).done();
        // Read the source last: an item counted downstream was accepted before this read.
        long accepted = engine.accepted();
        return new PipelineStats(engine.name, engine.runState(), accepted, expanded, delivered, filtered,
                deadLettered, failed, returned, engine.droppedAtSource(), stages, engine.failure());
    }

    @Override
    String kind() {
        return "Pipeline";
    }
}
