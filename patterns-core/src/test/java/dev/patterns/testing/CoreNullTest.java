package dev.patterns.testing;

import dev.patterns.core.micrometer.CoreMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.patterns.actor.ActorContext;
import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.Behavior;
import dev.patterns.actor.Mailbox;
import dev.patterns.actor.SupervisorStrategy;
import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import dev.patterns.channel.ChannelStats;
import dev.patterns.channel.redis.RedisStreamBuilder;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        WorkerPool<Object, Object> pool = WorkerPool.builder("pool", x -> x).concurrency(1).start();
        Pipeline<Object> pipeline = Pipeline.fromSink("pipeline", 4)
                .map("same", x -> x, s -> options.set(s))
                .start("drop", x -> { });
        ActorSystem actors = ActorSystem.builder().name("nulls").build();
        CompletableFuture<ActorContext<Object>> context = new CompletableFuture<>();
        ActorRef<Object> actor = actors.spawn(Behavior.setup(ctx -> {
            context.complete(ctx);
            return Behavior.receive((c, m) -> Behavior.same());
        }), "null-checked");
        try {
            NullChecks.forModuleOf(Channel.class)
                    .setDefault(Ticker.class, FakeTicker.start())
                    .setDefault(Channel.class, Channel.bounded(1))
                    .setDefault(ErrorPolicy.class, ErrorPolicy.failFast())
                    .setDefault(Mailbox.class, Mailbox.bounded(4))
                    .setDefault(SupervisorStrategy.class, SupervisorStrategy.stop())
                    .setDefault(Behavior.class, Behavior.receive((c, m) -> Behavior.same()))
                    .setDefault(MeterRegistry.class, new SimpleMeterRegistry())
                    .nullable(ChannelClosedException.class, "ChannelClosedException", 1, "documented: null when the channel was closed normally")
                    .nullable(ChannelStats.class, "ChannelStats", 6, "documented: null unless the channel was failed")
                    .nullable(PipelineStats.class, "PipelineStats", 11, "documented: null unless the pipeline failed")
                    .nullable(Channel.class, "contains", "Collection.contains answers false for null, as ArrayBlockingQueue does")
                    .nullable(Channel.class, "remove", 0, "Collection.remove(Object) answers false for null, as ArrayBlockingQueue does")
                    .instances(channel, Channel.builder(8), pool, WorkerPool.builder("b", x -> x), pipeline,
                            Pipeline.fromSink("builder", 4), options.get(), Deadline.after(Duration.ofSeconds(1), Ticker.system()),
                            FakeTicker.start(), Ticker.system(), Sleeper.system(), ErrorPolicy.failFast(),
                            ErrorPolicy.retry(2, Duration.ofMillis(1)), ErrorPolicy.deadLetter("dead", d -> { }),
                            actors, actor, ActorSystem.builder(), context.get(30, TimeUnit.SECONDS),
                            RedisStreamBuilder.ofStrings("nulls"), CoreMetrics.create())
                    .noInstance(dev.patterns.pipeline.ThrowingFunction.class, "the user's function: the library calls it, never with null")
                    .noInstance(dev.patterns.pipeline.ThrowingConsumer.class, "the user's consumer: the library calls it, never with null")
                    .noInstance(dev.patterns.pipeline.ThrowingPredicate.class, "the user's predicate: the library calls it, never with null")
                    .noInstance(dev.patterns.actor.BehaviorFactory.class, "the user's setup step: the library calls it, never with null")
                    .noInstance(dev.patterns.actor.MessageHandler.class, "the user's handler: the library calls it, never with null")
                    .noInstance(dev.patterns.actor.SignalHandler.class, "the user's handler: the library calls it, never with null")
                    .noInstance(dev.patterns.channel.redis.RedisStreamProducer.class, "needs a live server: RedisStreamNullTest")
                    .noInstance(dev.patterns.channel.redis.RedisStreamConsumer.class, "needs a live server: RedisStreamNullTest")
                    .noInstance(dev.patterns.channel.redis.StreamDelivery.class, "needs a live server: RedisStreamNullTest")
                    .noInstance(dev.patterns.channel.redis.RedisStreamSource.class, "needs a live server: RedisStreamNullTest")
                    .noInstance(dev.patterns.channel.redis.StreamItem.class, "needs a live server: RedisStreamNullTest")
                    .run();
        } finally {
            pool.close();
            pipeline.close();
            actors.close();
        }
    }
}
