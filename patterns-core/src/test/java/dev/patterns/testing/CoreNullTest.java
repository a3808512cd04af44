package dev.patterns.testing;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import dev.patterns.channel.ChannelStats;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.StageOptions;
import dev.patterns.pipeline.WorkerPool;
import dev.patterns.time.Deadline;
import dev.patterns.time.FakeTicker;
import dev.patterns.time.Sleeper;
import dev.patterns.time.Ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every public reference parameter of patterns-core rejects null (see {@link NullChecks}). */
@Timeout(60)
class CoreNullTest {

    @Test
    void everyPublicParameterOfTheExportedPackagesRejectsNull() throws Exception {
        Channel<Object> channel = Channel.bounded(8);
        AtomicReference<StageOptions> options = new AtomicReference<>();
        WorkerPool<Object, Object> pool = WorkerPool.builder("pool", x -> x).workers(1).start();
        Pipeline<Object> pipeline = Pipeline.fromSink("pipeline", 4)
                .map("same", x -> x, s -> options.set(s))
                .start("drop", x -> { });
        try {
            NullChecks.forModuleOf(Channel.class)
                    .setDefault(Ticker.class, FakeTicker.start())
                    .setDefault(Channel.class, Channel.bounded(1))
                    .setDefault(ErrorPolicy.class, ErrorPolicy.failFast())
                    .nullable(ChannelClosedException.class, "ChannelClosedException", 1, "documented: null when the channel was closed normally")
                    .nullable(ChannelStats.class, "ChannelStats", 6, "documented: null unless the channel was failed")
                    .nullable(PipelineStats.class, "PipelineStats", 11, "documented: null unless the pipeline failed")
                    .nullable(Channel.class, "contains", "Collection.contains answers false for null, as ArrayBlockingQueue does")
                    .nullable(Channel.class, "remove", 0, "Collection.remove(Object) answers false for null, as ArrayBlockingQueue does")
                    .instances(channel, Channel.builder(8), pool, WorkerPool.builder("b", x -> x), pipeline,
                            Pipeline.fromSink("builder", 4), options.get(), Deadline.after(Duration.ofSeconds(1), Ticker.system()),
                            FakeTicker.start(), Ticker.system(), Sleeper.system(), ErrorPolicy.failFast(),
                            ErrorPolicy.retry(2, Duration.ofMillis(1)), ErrorPolicy.deadLetter("dead", d -> { }))
                    .noInstance(dev.patterns.pipeline.ThrowingFunction.class, "the user's function: the library calls it, never with null")
                    .noInstance(dev.patterns.pipeline.ThrowingConsumer.class, "the user's consumer: the library calls it, never with null")
                    .noInstance(dev.patterns.pipeline.ThrowingPredicate.class, "the user's predicate: the library calls it, never with null")
                    .run();
        } finally {
            pool.close();
            pipeline.close();
        }
    }
}
