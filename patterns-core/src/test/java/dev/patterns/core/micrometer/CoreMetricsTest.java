package dev.patterns.core.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.patterns.actor.ActorRef;
import dev.patterns.actor.ActorSystem;
import dev.patterns.actor.Behavior;
import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.WorkerPool;
import dev.patterns.testing.Meters;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every meter of {@link CoreMetrics}: its name, tags and value after a scripted scenario. */
@Timeout(60)
class CoreMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void channelMetersFollowTheExecutorConventionsPlusDrops() throws Exception {
        Channel<Integer> orders = Channel.<Integer>builder(2).name("orders").overflow(Overflow.DROP_NEWEST).build();
        CoreMetrics.create().channel(orders).bindTo(registry);
        orders.put(1);
        orders.put(2);
        orders.put(3); // dropped: the channel is full
        assertThat(orders.take()).isEqualTo(1);

        Tags tags = Tags.of("name", "orders");
        assertThat(gauge("patterns.channel.queued", tags)).isEqualTo(1);
        assertThat(gauge("patterns.channel.queue.remaining", tags)).isEqualTo(1);
        assertThat(counter("patterns.channel.sent", tags)).isEqualTo(3);
        assertThat(counter("patterns.channel.received", tags)).isEqualTo(1);
        assertThat(counter("patterns.channel.dropped", tags)).isEqualTo(1);
        assertThat(gauge("patterns.channel.blocked.senders", tags)).isZero();
        assertThat(namesStartingWith("patterns.channel")).hasSize(6);
    }

    @Test
    void blockedSendersAreCounted() throws Exception {
        Channel<Integer> jobs = Channel.<Integer>builder(1).name("jobs").build();
        CoreMetrics.create().channel(jobs).bindTo(registry);
        Tags tags = Tags.of("name", "jobs");
        jobs.put(1);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                jobs.put(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (gauge("patterns.channel.blocked.senders", tags) == 0) {
            assertThat(sender.isAlive()).as("the sender waits for space").isTrue();
            Thread.onSpinWait();
        }
        assertThat(gauge("patterns.channel.blocked.senders", tags)).isEqualTo(1);
        assertThat(jobs.take()).isEqualTo(1);
        sender.join();
        assertThat(gauge("patterns.channel.blocked.senders", tags)).isZero();
        assertThat(gauge("patterns.channel.queued", tags)).isEqualTo(1);
    }

    @Test
    void pipelineMetersCountItemsByOutcomeAndEachStage() throws Exception {
        Pipeline<Integer> ingest = Pipeline.fromIterable("ingest", List.of(1, 2, 3, 4, 5, 6))
                .filter("even", n -> n % 2 == 0)
                .start("sink", n -> { });
        CoreMetrics.create().pipeline(ingest).bindTo(registry);
        PipelineStats done = ingest.join();

        Tags tags = Tags.of("name", "ingest");
        assertThat(gauge("patterns.pipeline.accepted", tags)).isEqualTo(6);
        assertThat(gauge("patterns.pipeline.expanded", tags)).isZero();
        assertThat(counter("patterns.pipeline.dropped.at.source", tags)).isZero();
        assertThat(counter("patterns.pipeline.items", tags.and("kind", "filtered"))).isEqualTo(3);
        assertThat(counter("patterns.pipeline.items", tags.and("kind", "delivered"))).isEqualTo(3);
        for (String kind : List.of("dead_lettered", "failed", "returned")) {
            assertThat(counter("patterns.pipeline.items", tags.and("kind", kind))).as(kind).isZero();
        }
        assertThat(gauge("patterns.pipeline.in.progress", tags)).isZero();
        Tags even = tags.and("stage", "even");
        assertThat(counter("patterns.stage.completed", even)).isEqualTo(done.stage("even").done());
        assertThat(counter("patterns.stage.failed", even)).isZero();
        assertThat(counter("patterns.stage.retried", even)).isZero();
        assertThat(counter("patterns.stage.dead.lettered", even)).isZero();
        assertThat(gauge("patterns.stage.queued", even)).isZero();
        assertThat(gauge("patterns.stage.queue.remaining", even)).isEqualTo(done.stage("even").queueCapacity());
        assertThat(gauge("patterns.stage.active", even)).isZero();
        assertThat(gauge("patterns.stage.pool.size", even)).isZero();
        assertThat(counter("patterns.stage.completed", tags.and("stage", "sink"))).isEqualTo(3);
        assertThat(namesStartingWith("patterns.pipeline")).hasSize(9);
        assertThat(namesStartingWith("patterns.stage")).hasSize(8 * done.stages().size());
    }

    @Test
    void workerPoolMetersFollowTheExecutorConventions() throws Exception {
        WorkerPool<Integer, Integer> squares = WorkerPool.<Integer, Integer>builder("squares", n -> {
            if (n < 0) {
                throw new IllegalArgumentException("negative");
            }
            return n * n;
        }).concurrency(2).inputCapacity(8).outputCapacity(8).start();
        CoreMetrics.create().workerPool(squares).bindTo(registry);
        Tags tags = Tags.of("name", "squares");
        assertThat(gauge("patterns.workerpool.pool.size", tags)).isEqualTo(2);
        squares.input().put(2);
        squares.input().put(3);
        squares.input().put(4);
        squares.shutdown();
        assertThat(squares.awaitTermination(Duration.ofSeconds(30))).isTrue();

        assertThat(counter("patterns.workerpool.completed", tags)).isEqualTo(3);
        assertThat(counter("patterns.workerpool.failed", tags)).isZero();
        assertThat(counter("patterns.workerpool.retried", tags)).isZero();
        assertThat(counter("patterns.workerpool.dead.lettered", tags)).isZero();
        assertThat(gauge("patterns.workerpool.queued", tags)).isZero();
        assertThat(gauge("patterns.workerpool.queue.remaining", tags)).isEqualTo(8);
        assertThat(gauge("patterns.workerpool.active", tags)).isZero();
        assertThat(gauge("patterns.workerpool.pool.size", tags)).isZero();
        assertThat(namesStartingWith("patterns.workerpool")).hasSize(8);
    }

    @Test
    void actorSystemMetersCountMessagesAndTimeThem() throws Exception {
        ActorSystem system = ActorSystem.builder().name("shop").timing(true).build();
        try {
            CoreMetrics.create().actorSystem(system).bindTo(registry);
            ActorRef<String> clerk = system.spawn(Behavior.<String>receive((ctx, m) -> Behavior.same()), "clerk");
            Tags tags = Tags.of("name", "shop");
            assertThat(gauge("patterns.actor.system.actors", tags)).isEqualTo(1);
            clerk.tell("a");
            clerk.tell("b");
            clerk.tell("c");
        } finally {
            system.close();
        }
        assertThat(system.awaitTermination(Duration.ofSeconds(30))).isTrue();

        Tags tags = Tags.of("name", "shop");
        assertThat(gauge("patterns.actor.system.actors", tags)).isZero();
        assertThat(counter("patterns.actor.spawned", tags)).isEqualTo(1);
        assertThat(counter("patterns.actor.stopped", tags)).isEqualTo(1);
        assertThat(counter("patterns.actor.restarts", tags)).isZero();
        assertThat(counter("patterns.actor.messages", tags.and("kind", "handled"))).isEqualTo(3);
        assertThat(counter("patterns.actor.messages", tags.and("kind", "failed"))).isZero();
        assertThat(counter("patterns.actor.messages", tags.and("kind", "dropped"))).isZero();
        assertThat(counter("patterns.actor.messages", tags.and("kind", "dead_letter"))).isZero();
        FunctionTimer mailbox = registry.get("patterns.actor.mailbox.time").tags(tags).functionTimer();
        FunctionTimer handling = registry.get("patterns.actor.handling.time").tags(tags).functionTimer();
        assertThat(mailbox.count()).isEqualTo(3);
        assertThat(handling.count()).isEqualTo(3);
        // a FunctionTimer keeps seconds as a double: nanoseconds come back with rounding (…631.0000000001)
        assertThat(mailbox.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(system.stats().mailboxNanos(), within(0.5));
        assertThat(handling.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(system.stats().handlingNanos(), within(0.5));
        assertThat(namesStartingWith("patterns.actor")).hasSize(10);
    }

    @Test
    void oneBinderBindsToSeveralRegistriesAndRejectsNull() {
        Channel<Integer> jobs = Channel.<Integer>builder(4).name("jobs").build();
        CoreMetrics metrics = CoreMetrics.create().channel(jobs);
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.bindTo(other);
        assertThat(jobs.offer(1)).isTrue();
        assertThat(other.get("patterns.channel.queued").tags("name", "jobs").gauge().value()).isEqualTo(1);
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("registry");
        assertThatThrownBy(() -> metrics.channel(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("channel");
    }

    private double gauge(String name, Tags tags) {
        return Meters.gauge(registry, name, tags);
    }

    private double counter(String name, Tags tags) {
        return Meters.counter(registry, name, tags);
    }

    private List<Meter.Id> namesStartingWith(String prefix) {
        return Meters.startingWith(registry, prefix);
    }
}
