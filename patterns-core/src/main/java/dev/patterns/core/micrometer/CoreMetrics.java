package dev.patterns.core.micrometer;

import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.ActorSystemStats;
import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelStats;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.StageStats;
import dev.patterns.pipeline.WorkerPool;
import static dev.patterns.core.micrometer.internal.MeterRecipe.counter;
import static dev.patterns.core.micrometer.internal.MeterRecipe.gauge;
import static dev.patterns.core.micrometer.internal.MeterRecipe.timer;

import dev.patterns.core.micrometer.internal.MeterRecipe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds the meters of channels, pipelines (and their stages), worker pools and actor systems to
 * a Micrometer {@link MeterRegistry}.
 *
 * <pre>{@code
 * CoreMetrics.create().channel(orders).pipeline(ingest).actorSystem(system).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter reads the component's {@code stats()} when the registry is polled, so the
 * component's hot paths pay nothing. Meters are tagged by the component's {@code name()} only
 * ({@code name}, plus {@code stage} for a pipeline stage): their number is fixed when they are bound.
 * As with every Micrometer gauge, the registry holds the component weakly: keep a reference to it
 * for as long as it should be reported.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>meter</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code patterns.channel.queued}, {@code .queue.remaining}, {@code .blocked.senders}</td><td>gauge</td><td>name</td></tr>
 * <tr><td>{@code patterns.channel.sent}, {@code .received}, {@code .dropped}</td><td>function counter</td><td>name</td></tr>
 * <tr><td>{@code patterns.pipeline.items}</td><td>function counter</td><td>name, kind</td></tr>
 * <tr><td>{@code patterns.pipeline.dropped.at.source}</td><td>function counter</td><td>name</td></tr>
 * <tr><td>{@code patterns.pipeline.accepted}, {@code .expanded}, {@code .in.progress}</td><td>gauge</td><td>name</td></tr>
 * <tr><td>{@code patterns.stage.*}, {@code patterns.workerpool.*}</td><td>see {@code pipeline(..)}</td><td>name (, stage)</td></tr>
 * <tr><td>{@code patterns.actor.*}</td><td>see {@code actorSystem(..)}</td><td>name</td></tr>
 * </table>
 *
 * <p>This class is a recipe: configure it from one thread, then {@code bindTo} may be called for
 * each registry. Only code that calls it loads Micrometer; the dependency is optional.
 */
public final class CoreMetrics implements MeterBinder {

    private final MeterRecipe recipe = new MeterRecipe();

    private CoreMetrics() {}

    /**
     * Returns an empty binder.
     *
     * @return a binder with nothing to bind yet
     */
    public static CoreMetrics create() {
        return new CoreMetrics();
    }

    /**
     * Adds a channel, following Micrometer's executor conventions: gauges
     * {@code patterns.channel.queued} (elements buffered), {@code patterns.channel.queue.remaining}
     * (free slots; unbounded channels report {@code Integer.MAX_VALUE - size}) and
     * {@code patterns.channel.blocked.senders} (senders parked on a full channel), and the
     * cumulative counters
     * {@code patterns.channel.sent}, {@code patterns.channel.received} and
     * {@code patterns.channel.dropped} (elements an overflow policy discarded).
     *
     * @param channel the channel, tagged by its {@code name()}
     * @return this binder
     */
    public CoreMetrics channel(Channel<?> channel) {
        Objects.requireNonNull(channel, "channel");
        Tags tags = Tags.of("name", channel.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.channel.queued", "elements buffered in the channel", tags, channel,
                    c -> c.stats().size());
            gauge(registry, "patterns.channel.queue.remaining", "free slots in the channel", tags, channel,
                    c -> {
                        ChannelStats s = c.stats();
                        return (double) s.capacity() - s.size();
                    });
            gauge(registry, "patterns.channel.blocked.senders", "senders waiting for space", tags, channel,
                    c -> c.stats().blockedSenders());
            counter(registry, "patterns.channel.sent", "elements accepted by the channel", tags, channel,
                    c -> c.stats().sent());
            counter(registry, "patterns.channel.received", "elements taken from the channel", tags, channel,
                    c -> c.stats().received());
            counter(registry, "patterns.channel.dropped", "elements discarded by the overflow policy", tags,
                    channel, c -> c.stats().dropped());
        });
        return this;
    }

    /**
     * Adds a pipeline and each of its stages. Pipeline meters: {@code patterns.pipeline.items}
     * (function counter of the items that reached a final bucket, tag {@code kind} =
     * {@code delivered}, {@code filtered}, {@code dead_lettered}, {@code failed},
     * {@code returned}; the kinds add up to every item finished), the function counter
     * {@code patterns.pipeline.dropped.at.source} (items a drop policy of the source channel
     * discarded before the pipeline accepted them), and the gauges
     * {@code patterns.pipeline.accepted} and {@code patterns.pipeline.expanded} (cumulative totals
     * that may step back for a moment, so gauges rather than counters: {@code accepted} is the
     * source channel's sent minus dropped, which a {@code DROP_OLDEST} eviction lowers, and
     * {@code expanded} is results minus inputs of one-to-many stages, read apart) and
     * {@code patterns.pipeline.in.progress}. Each stage,
     * tagged {@code name} (the pipeline) and {@code stage}, gets the worker-pool meters described
     * at {@link #workerPool(WorkerPool)} under the prefix {@code patterns.stage}.
     *
     * @param pipeline the pipeline, tagged by its {@code name()}
     * @return this binder
     */
    public CoreMetrics pipeline(Pipeline<?> pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        Tags tags = Tags.of("name", pipeline.name());
        List<String> stages = pipeline.stats().stages().stream().map(StageStats::name).toList();
        recipe.add(registry -> {
            gauge(registry, "patterns.pipeline.accepted", "items the source accepted, cumulative", tags,
                    pipeline, p -> p.stats().accepted());
            gauge(registry, "patterns.pipeline.expanded", "extra items made by one-to-many stages, cumulative",
                    tags, pipeline, p -> p.stats().expanded());
            counter(registry, "patterns.pipeline.dropped.at.source", "items the source channel dropped", tags,
                    pipeline, p -> p.stats().droppedAtSource());
            item(registry, tags, pipeline, "delivered", PipelineStats::delivered);
            item(registry, tags, pipeline, "filtered", PipelineStats::filtered);
            item(registry, tags, pipeline, "dead_lettered", PipelineStats::deadLettered);
            item(registry, tags, pipeline, "failed", PipelineStats::failed);
            item(registry, tags, pipeline, "returned", PipelineStats::returned);
            gauge(registry, "patterns.pipeline.in.progress", "items accepted and not yet finished", tags,
                    pipeline, p -> p.stats().inProgress());
            for (String stage : stages) {
                pool(registry, "patterns.stage", tags.and("stage", stage), pipeline, p -> p.stats().stage(stage));
            }
        });
        return this;
    }

    /**
     * Adds a worker pool, following Micrometer's executor conventions: gauges
     * {@code patterns.workerpool.queued}, {@code .queue.remaining}, {@code .active} (busy
     * workers), {@code .pool.size} (live workers); function counters {@code .completed} (items
     * handled), {@code .failed}, {@code .retried} and {@code .dead.lettered}.
     *
     * @param pool the pool, tagged by its {@code name()}
     * @return this binder
     */
    public CoreMetrics workerPool(WorkerPool<?, ?> pool) {
        Objects.requireNonNull(pool, "pool");
        Tags tags = Tags.of("name", pool.name());
        recipe.add(registry -> pool(registry, "patterns.workerpool", tags, pool, WorkerPool::stats));
        return this;
    }

    /**
     * Adds an actor system: gauge {@code patterns.actor.system.actors} (live actors); function
     * counters {@code patterns.actor.spawned}, {@code patterns.actor.stopped},
     * {@code patterns.actor.restarts} and {@code patterns.actor.messages} (tag {@code kind} =
     * {@code handled}, {@code failed}, {@code dropped}, {@code dead_letter}); function timers
     * {@code patterns.actor.mailbox.time} and {@code patterns.actor.handling.time} (count: messages
     * handled; total: the time they waited in mailboxes and ran in handlers, zero unless the system
     * was built with {@code timing(true)}). Individual actors are not tagged (fixed cardinality).
     *
     * @param system the actor system, tagged by its {@code name()}
     * @return this binder
     */
    public CoreMetrics actorSystem(ActorSystem system) {
        Objects.requireNonNull(system, "system");
        Tags tags = Tags.of("name", system.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.actor.system.actors", "live actors", tags, system, s -> s.stats().actors());
            counter(registry, "patterns.actor.spawned", "actors spawned", tags, system, s -> s.stats().spawned());
            counter(registry, "patterns.actor.stopped", "actors stopped", tags, system, s -> s.stats().stopped());
            counter(registry, "patterns.actor.restarts", "actor restarts by supervision", tags, system,
                    s -> s.stats().restarts());
            message(registry, tags, system, "handled", ActorSystemStats::handled);
            message(registry, tags, system, "failed", ActorSystemStats::failed);
            message(registry, tags, system, "dropped", ActorSystemStats::dropped);
            message(registry, tags, system, "dead_letter", ActorSystemStats::deadLetters);
            timer(registry, "patterns.actor.mailbox.time", "time handled messages waited in mailboxes", tags, system,
                    s -> s.stats().handled(), s -> s.stats().mailboxNanos());
            timer(registry, "patterns.actor.handling.time", "time spent in message handlers", tags, system,
                    s -> s.stats().handled(), s -> s.stats().handlingNanos());
        });
        return this;
    }

    /**
     * Registers every added component's meters.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        recipe.bindTo(registry);
    }

    private static <T> void pool(MeterRegistry registry, String prefix, Tags tags, T source,
            java.util.function.Function<T, StageStats> stats) {
        gauge(registry, prefix + ".queued", "items waiting for a worker", tags, source,
                s -> stats.apply(s).queueDepth());
        gauge(registry, prefix + ".queue.remaining", "free slots in the queue", tags, source, s -> {
            StageStats st = stats.apply(s);
            return (double) st.queueCapacity() - st.queueDepth();
        });
        gauge(registry, prefix + ".active", "workers handling an item", tags, source,
                s -> stats.apply(s).busyWorkers());
        gauge(registry, prefix + ".pool.size", "live workers", tags, source, s -> stats.apply(s).liveWorkers());
        counter(registry, prefix + ".completed", "items handled", tags, source, s -> stats.apply(s).done());
        counter(registry, prefix + ".failed", "items that failed", tags, source, s -> stats.apply(s).failed());
        counter(registry, prefix + ".retried", "attempts retried", tags, source, s -> stats.apply(s).retried());
        counter(registry, prefix + ".dead.lettered", "items dead-lettered", tags, source,
                s -> stats.apply(s).deadLettered());
    }

    private static void item(MeterRegistry registry, Tags tags, Pipeline<?> pipeline, String kind,
            ToDoubleFunction<PipelineStats> field) {
        counter(registry, "patterns.pipeline.items", "items through the pipeline by outcome",
                tags.and("kind", kind), pipeline, p -> field.applyAsDouble(p.stats()));
    }

    private static void message(MeterRegistry registry, Tags tags, ActorSystem system, String kind,
            ToDoubleFunction<ActorSystemStats> field) {
        counter(registry, "patterns.actor.messages", "messages by outcome", tags.and("kind", kind), system,
                s -> field.applyAsDouble(s.stats()));
    }
}
