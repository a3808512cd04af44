package dev.patterns.bench.pipeline;

import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.WorkKind;

/** This library: a {@link Pipeline} fed through its sink channel. */
final class PatternsStages implements ThreeStages {

    private final Completion completion = new Completion();
    private final Pipeline<Box> pipeline;

    PatternsStages(int parallelism, int buffer) {
        pipeline = Pipeline.<Box>fromSink("bench", buffer)
                .map("s1", ThreeStages::stage1, s -> s.kind(WorkKind.CPU).concurrency(parallelism).buffer(buffer))
                .map("s2", ThreeStages::stage2, s -> s.kind(WorkKind.CPU).concurrency(parallelism).buffer(buffer))
                .map("s3", ThreeStages::stage3, s -> s.kind(WorkKind.CPU).concurrency(parallelism).buffer(buffer))
                .start("count", completion::deliver, s -> s.buffer(buffer));
    }

    @Override
    public long push(Box[] items) throws InterruptedException {
        completion.begin(items.length);
        var in = pipeline.input();
        for (Box b : items) {
            in.send(b);
        }
        return completion.await();
    }

    @Override
    public void close() throws InterruptedException {
        pipeline.shutdown();
        pipeline.join();
    }
}
