package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** Bad configuration fails while building, with a message naming the problem. */
class ConfigurationTest {

    private static PipelineBuilder<Integer, Integer> builder() {
        return Pipeline.fromIterable("cfg", List.of(1, 2, 3));
    }

    @Test
    void stageOptionsAreCheckedAtOnce() {
        assertThatThrownBy(() -> builder().map("m", i -> i, s -> s.concurrency(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> builder().map("m", i -> i, s -> s.buffer(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("buffer: 0 (expected: >= 1)");
        assertThatThrownBy(() -> builder().map("m", i -> i, s -> s.ordered(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window: 0 (expected: >= 1)");
        assertThatThrownBy(() -> builder().map("m", i -> i, s -> s.kind(null)))
                .isInstanceOf(NullPointerException.class).hasMessage("kind");
        assertThatThrownBy(() -> builder().map("m", i -> i, s -> s.errorPolicy(null)))
                .isInstanceOf(NullPointerException.class).hasMessage("errorPolicy");
    }

    @Test
    void theTerminalConsumerRejectsOrderingAndTheBuilderStaysUsable() throws InterruptedException {
        PipelineBuilder<Integer, Integer> b = builder().map("m", i -> i);
        assertThatThrownBy(() -> b.start("sink", i -> { }, s -> s.ordered(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ordered: 4 (expected: not set on the terminal consumer 'sink'; order the stage before it"
                        + " and keep one consumer worker)");
        List<Integer> got = new CopyOnWriteArrayList<>();
        Pipeline<Integer> p = b.start("sink", got::add);
        assertThat(p.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(got).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void functionsAndNamesAreRequired() {
        assertThatThrownBy(() -> builder().map("m", null))
                .isInstanceOf(NullPointerException.class).hasMessage("function");
        assertThatThrownBy(() -> builder().filter("f", null))
                .isInstanceOf(NullPointerException.class).hasMessage("predicate");
        assertThatThrownBy(() -> builder().flatMap("f", null))
                .isInstanceOf(NullPointerException.class).hasMessage("function");
        assertThatThrownBy(() -> builder().map("m", i -> i).start("end", null))
                .isInstanceOf(NullPointerException.class).hasMessage("consumer");
        assertThatThrownBy(() -> builder().map(" ", i -> i))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("stage: ' ' (expected: not blank)");
        assertThatThrownBy(() -> builder().map("m", i -> i).map("m", i -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stage: 'm' (expected: a name not yet used in pipeline 'cfg')");
        assertThatThrownBy(() -> Pipeline.fromIterable("", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name: '' (expected: not blank)");
        assertThatThrownBy(() -> Pipeline.fromIterable("x", null))
                .isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> Pipeline.fromChannel("x", null))
                .isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> Pipeline.fromSink("x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity: 0 (expected: >= 1)");
    }

    @Test
    void aPipelineNeedsAStageAndStartsOnce() throws Exception {
        assertThatThrownBy(() -> builder().start("end", i -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stages: 0 (expected: >= 1 before the terminal consumer)");
        PipelineBuilder<Integer, Integer> b = builder().map("m", i -> i);
        Pipeline<Integer> p = b.start("end", i -> { });
        assertThatThrownBy(() -> b.start("end2", i -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessage("pipeline 'cfg' already started");
        assertThatThrownBy(() -> b.map("late", i -> i))
                .isInstanceOf(IllegalStateException.class).hasMessage("pipeline 'cfg' already started");
        assertThat(p.join().delivered()).isEqualTo(3);
    }

    @Test
    void workerPoolSettingsAreChecked() {
        assertThatThrownBy(() -> WorkerPool.builder("p", null))
                .isInstanceOf(NullPointerException.class).hasMessage("function");
        assertThatThrownBy(() -> WorkerPool.builder(null, x -> x))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> WorkerPool.builder("p", x -> x).concurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> WorkerPool.builder("p", x -> x).inputCapacity(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("inputCapacity: -1 (expected: >= 1)");
        assertThatThrownBy(() -> WorkerPool.builder("p", x -> x).outputCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("outputCapacity: 0 (expected: >= 1)");
        Channel<Object> dropping = Channel.builder(4).overflow(Overflow.DROP_OLDEST).build();
        assertThatThrownBy(() -> WorkerPool.builder("p", x -> x).output(dropping))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("output overflow: DROP_OLDEST (expected: BLOCK)");
        Channel<Object> same = Channel.bounded(4);
        assertThatThrownBy(() -> WorkerPool.builder("p", x -> x).input(same).output(same).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output: the input channel (expected: a different channel)");
    }

    @Test
    void aWorkerPoolBuilderStartsOnce() {
        WorkerPoolBuilder<Integer, Integer> b = WorkerPool.builder("once", x -> x);
        try (WorkerPool<Integer, Integer> pool = b.concurrency(1).start()) {
            assertThatThrownBy(b::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("pool 'once' already started (expected: one start per builder)");
            assertThat(pool.name()).isEqualTo("once");
        }
    }

    @Test
    void errorPoliciesValidate() {
        assertThatThrownBy(() -> ErrorPolicy.retry(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ErrorPolicy.retry(2, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("backoff: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> ErrorPolicy.retry(2, Duration.ZERO).withMultiplier(0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("multiplier: 0.5 (expected: >= 1)");
        assertThatThrownBy(() -> ErrorPolicy.retry(2, Duration.ZERO).whenExhausted(ErrorPolicy.retry(2, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("whenExhausted: Retry[");
        assertThatThrownBy(() -> ErrorPolicy.deadLetter(null, dl -> { }))
                .isInstanceOf(NullPointerException.class).hasMessage("sinkName");
        assertThatThrownBy(() -> ErrorPolicy.deadLetter("dlq", null))
                .isInstanceOf(NullPointerException.class).hasMessage("sink");
    }

    @Test
    void retryBackoffGrowsAndIsCapped() {
        ErrorPolicy.Retry r = ErrorPolicy.retry(10, Duration.ofMillis(10)).withMaxBackoff(Duration.ofMillis(50));
        assertThat(r.backoffNanos(1)).isEqualTo(10_000_000L);
        assertThat(r.backoffNanos(2)).isEqualTo(20_000_000L);
        assertThat(r.backoffNanos(3)).isEqualTo(40_000_000L);
        assertThat(r.backoffNanos(4)).isEqualTo(50_000_000L);
        assertThat(r.withMultiplier(1).backoffNanos(7)).isEqualTo(10_000_000L);
    }

    @Test
    void poolSizingFollowsTheFormula() {
        assertThat(PoolSizing.forBlocking(2, 45, 5)).isEqualTo(20);
        assertThat(PoolSizing.forBlocking(4, 0, 1)).isEqualTo(4);
        assertThat(PoolSizing.forBlocking(3, 1, 2)).isEqualTo(5);
        assertThat(PoolSizing.forCpu()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> PoolSizing.forBlocking(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cores: 0 (expected: >= 1)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(2, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("waitTime: -1.0 (expected: >= 0)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("computeTime: 0.0 (expected: > 0)");
    }

    @Test
    void poolSizingWithUtilizationAndLittlesLaw() {
        assertThat(PoolSizing.forBlocking(4, 1.0, Duration.ofMillis(90), Duration.ofMillis(10))).isEqualTo(40);
        assertThat(PoolSizing.forBlocking(2, 0.5, Duration.ZERO, Duration.ofMillis(10))).isEqualTo(1);
        assertThat(PoolSizing.littlesLaw(1000, Duration.ofMillis(50))).isEqualTo(50);
        assertThat(PoolSizing.littlesLaw(1, Duration.ZERO)).isEqualTo(1);
        assertThatThrownBy(() -> PoolSizing.forBlocking(0, 1, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cores: 0 (expected: >= 1)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(1, 1.5, Duration.ZERO, Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("utilization: 1.5 (expected: > 0 and <= 1)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(1, 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("compute: PT0S (expected: > 0)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(1, 1, Duration.ofMillis(-1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("wait: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> PoolSizing.forBlocking(1, 1, null, Duration.ofMillis(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("wait");
        assertThatThrownBy(() -> PoolSizing.littlesLaw(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("arrivalsPerSecond: 0.0 (expected: > 0)");
        assertThatThrownBy(() -> PoolSizing.littlesLaw(1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("latency");
    }
}
