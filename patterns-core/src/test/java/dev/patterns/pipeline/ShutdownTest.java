package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.channel.ChannelClosedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Graceful close, shutdownNow, stuck workers, fail-fast and fatal errors. */
@Timeout(60)
class ShutdownTest {

    @Test
    void closeMidStreamProcessesEveryAcceptedItemAndEndsEveryThread() throws Exception {
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        Pipeline<Integer> p = Pipeline.<Integer>fromSink("close", 64)
                .map("double", i -> i * 2, s -> s.concurrency(2).buffer(8))
                .filter("even-thousands", i -> i % 1000 != 0, s -> s.kind(WorkKind.IO).concurrency(3).buffer(8))
                .start("collect", delivered::add);
        CountDownLatch halfway = new CountDownLatch(1);
        AtomicLong sent = new AtomicLong();
        Threads.Joined producer = Threads.start("producer", () -> {
            try {
                for (int i = 0; ; i++) {
                    p.input().send(i);
                    sent.incrementAndGet();
                    if (i == 5_000) {
                        halfway.countDown();
                    }
                }
            } catch (ChannelClosedException expected) {
                // the pipeline was shut down while this producer was still sending
            }
        });
        halfway.await();
        p.shutdown();
        PipelineStats stats = p.join();
        producer.join();

        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.accepted()).isEqualTo(sent.get()).isGreaterThan(5_000);
        assertThat(stats.delivered() + stats.filtered()).isEqualTo(sent.get());
        assertThat(stats.returned()).isZero();
        assertThat(stats.balanced()).isTrue();
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < sent.get(); i++) {
            if ((i * 2) % 1000 != 0) {
                expected.add(i * 2);
            }
        }
        assertThat(new HashSet<>(delivered)).isEqualTo(expected);
        assertThat(delivered).hasSize(expected.size());
        assertThatThrownBy(() -> p.input().send(1)).isInstanceOf(ChannelClosedException.class);
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
        // stopping a pipeline that already completed hands back nothing and keeps its state
        assertThat(p.shutdownNow()).isEmpty();
        assertThat(p.stats().state()).isEqualTo(RunState.COMPLETED);
    }

    @Test
    void shutdownOfAnIterableSourceStopsReadingAndFinishesWhatWasAccepted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        Pipeline<Integer> p = Pipeline.fromIterable("endless", () -> IntStream.iterate(0, i -> i + 1).iterator())
                .map("inc", i -> i + 1, s -> s.concurrency(2).buffer(32))
                .start("count", i -> {
                    delivered.incrementAndGet();
                    started.countDown();
                });
        started.await();
        p.shutdown();
        PipelineStats stats = p.join();
        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.delivered()).isEqualTo(delivered.get()).isEqualTo(stats.accepted()).isPositive();
        assertThat(stats.balanced()).isTrue();
        assertThatThrownBy(p::input).isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline 'endless' reads an Iterable and has no input channel");
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
    }

    @Test
    void shutdownNowReturnsWhatNeverRanAndEndsEveryThreadWithinTheGrace() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch consumerHolding = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        Pipeline<Integer> p = Pipeline.<Integer>fromSink("now", 16)
                .map("a", i -> i, s -> s.concurrency(2).buffer(8))
                .flatMap("twice", i -> List.of(i, -i - 1), s -> s.kind(WorkKind.IO).concurrency(2).buffer(8))
                .start("blocked", i -> {
                    consumerHolding.countDown();
                    never.await();
                    delivered.incrementAndGet();
                }, s -> s.buffer(8));
        int sentCount = 0;
        while (p.input().trySend(sentCount)) {
            sentCount++;
        }
        int sent = sentCount;
        consumerHolding.await();
        Threads.await(() -> p.stats().stage("blocked").queueDepth() == 8, "the terminal queue is full");

        ShutdownReport<Object> report = p.shutdownNow(Duration.ofSeconds(10));
        assertThat(report.terminated()).isTrue();
        assertThat(report.stuckWorkers()).isEmpty();
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());

        PipelineStats stats = p.stats();
        assertThat(stats.state()).isEqualTo(RunState.STOPPED);
        assertThat(delivered.get()).isZero();
        assertThat(stats.accepted()).isEqualTo(sent);
        assertThat(stats.returned()).isEqualTo(report.unprocessed().size());
        assertThat(stats.accepted() + stats.expanded()).isEqualTo(stats.returned());
        assertThat(stats.balanced()).isTrue();
        // every source item i comes back once: as i (not yet doubled), or as i and -i-1 (its
        // two results, split across the terminal stage's queue, its worker and a partial emit)
        List<Integer> positives = new ArrayList<>();
        List<Integer> negatives = new ArrayList<>();
        for (Object o : report.unprocessed()) {
            int v = (Integer) o;
            if (v < 0) {
                negatives.add(-v - 1);
            } else {
                positives.add(v);
            }
        }
        Collections.sort(positives);
        assertThat(positives).isEqualTo(IntStream.range(0, sent).boxed().toList());
        assertThat(negatives).doesNotHaveDuplicates().allMatch(i -> i < sent).isNotEmpty();
        assertThat(stats.expanded()).isEqualTo(negatives.size());
        assertThatThrownBy(() -> p.input().send(1)).isInstanceOf(ChannelClosedException.class);
        assertThat(p.shutdownNow()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void aWorkerIgnoringInterruptsIsReportedNotWaitedOnForever(WorkKind kind) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sawInterrupt = new CountDownLatch(1);
        WorkerPool<String, String> pool = WorkerPool.<String, String>builder("stubborn", s -> {
            holding.countDown();
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException ignored) {
                    sawInterrupt.countDown();
                }
            }
            return s;
        }).kind(kind).concurrency(1).start();
        // Sent together before the worker wakes: a CPU worker takes both in one batch and owns
        // them; an I/O worker takes one item at a time.
        pool.input().addAll(List.of("stuck-item", "queued-item"));
        holding.await();

        ShutdownReport<String> report = pool.shutdownNow(Duration.ofMillis(100));
        assertThat(report.terminated()).isFalse();
        assertThat(pool.state()).isEqualTo(RunState.STOPPING);
        // the interrupt was sent before the grace began; the worker may see it only later
        assertThat(sawInterrupt.await(Threads.PATIENCE.toNanos(), TimeUnit.NANOSECONDS)).isTrue();
        assertThat(report.stuckWorkers()).hasSize(1);
        assertThat(report.stuckWorkers().get(0)).startsWith("stubborn-0 holding stuck-item");
        if (kind == WorkKind.IO) {
            assertThat(report.unprocessed()).containsExactly("queued-item");
            assertThat(pool.stats().inFlight()).isEqualTo(1);
        } else if (report.unprocessed().isEmpty()) {
            assertThat(report.stuckWorkers().get(0)).isEqualTo("stubborn-0 holding stuck-item (taken in a batch of 2)");
            assertThat(pool.stats().inFlight()).isEqualTo(2);
        }

        release.countDown();
        assertThat(pool.awaitTermination(Threads.PATIENCE)).isTrue();
        Threads.assertAllEnded(((WorkerPoolImpl<String, String>) pool).threads());
        StageStats stats = pool.stats();
        // the late finisher's result was not passed on: its item is handed back and counted
        assertThat(stats.returned()).isEqualTo(2);
        assertThat(stats.done()).isZero();
        assertThat(stats.inFlight()).isZero();
        List<String> late = pool.shutdownNow();
        assertThat(report.unprocessed().size() + late.size()).isEqualTo(2);
        assertThat(late).contains("stuck-item");
        assertThat(pool.state()).isEqualTo(RunState.STOPPED);
    }

    @Test
    void failFastFailsEveryChannelWithTheCause() throws Exception {
        IllegalArgumentException bad = new IllegalArgumentException("bad item 13");
        AtomicLong delivered = new AtomicLong();
        // the failing item waits until all twenty are sent, so that the failure cannot close the
        // input while the test is still sending
        CountDownLatch allSent = new CountDownLatch(1);
        Pipeline<Integer> p = Pipeline.<Integer>fromSink("ff", 1024)
                .map("check", i -> {
                    if (i == 13) {
                        allSent.await();
                        throw bad;
                    }
                    return i;
                }, s -> s.concurrency(1))
                .start("count", i -> delivered.incrementAndGet());
        for (int i = 0; i < 20; i++) {
            p.input().send(i);
        }
        allSent.countDown();
        assertThatThrownBy(p::join).isInstanceOf(PipelineFailedException.class)
                .hasCause(bad).hasMessageContaining("stage 'check' failed");
        assertThatThrownBy(() -> p.input().send(99)).isInstanceOf(ChannelClosedException.class).hasCause(bad);
        ShutdownReport<Object> report = p.shutdownNow(Duration.ofSeconds(5));
        PipelineStats stats = p.stats();
        assertThat(stats.state()).isEqualTo(RunState.FAILED);
        assertThat(stats.failure()).isSameAs(bad);
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(delivered.get()).isLessThanOrEqualTo(13);
        assertThat(stats.delivered() + stats.failed() + stats.returned()).isEqualTo(20);
        assertThat(report.unprocessed()).hasSize((int) stats.returned()).doesNotContain(13);
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
    }

    @Test
    void aDeadLetterSinkThatThrowsFailsThePipelineWithBothErrors() throws Exception {
        IllegalStateException work = new IllegalStateException("work failed");
        IllegalStateException sink = new IllegalStateException("sink full");
        Pipeline<Integer> p = Pipeline.fromIterable("dlq", List.of(1, 2, 3))
                .map("w", i -> {
                    throw work;
                }, s -> s.concurrency(1).errorPolicy(ErrorPolicy.deadLetter("broken", dl -> {
                    throw sink;
                })))
                .start("end", i -> { });
        assertThatThrownBy(p::join).isInstanceOf(PipelineFailedException.class).hasCause(sink);
        assertThat(sink.getSuppressed()).containsExactly(work);
        p.shutdownNow(Duration.ofSeconds(5));
        PipelineStats stats = p.stats();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(stats.deadLettered()).isZero();
        assertThat(stats.balanced()).isTrue();
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
    }

    @Test
    void virtualMachineErrorsAreNotRetriedNorSwallowed() throws Exception {
        StackOverflowError fatal = new StackOverflowError("simulated");
        AtomicLong calls = new AtomicLong();
        List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            Pipeline<Integer> p = Pipeline.fromIterable("fatal", List.of(1, 2, 3))
                    .map("w", i -> {
                        calls.incrementAndGet();
                        throw fatal;
                    }, s -> s.concurrency(1).errorPolicy(ErrorPolicy.retry(5, Duration.ZERO)
                            .whenExhausted(ErrorPolicy.deadLetter("dlq", dl -> { }))))
                    .start("end", i -> { });
            assertThatThrownBy(p::join).isInstanceOf(PipelineFailedException.class).hasCause(fatal);
            Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
            p.shutdownNow(Duration.ofSeconds(5));
            PipelineStats stats = p.stats();
            assertThat(calls.get()).isEqualTo(1);
            assertThat(stats.failed()).isEqualTo(1);
            assertThat(stats.deadLettered()).isZero();
            assertThat(stats.stage("w").retried()).isZero();
            assertThat(stats.balanced()).isTrue();
            assertThat(uncaught).containsExactly(fatal);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
