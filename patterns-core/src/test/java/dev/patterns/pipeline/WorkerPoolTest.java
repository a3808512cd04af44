package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.channel.Channel;
import dev.patterns.channel.ChannelClosedException;
import dev.patterns.time.FakeTicker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker pool on its own: kinds, poison pill, error policies, stats, shutdownNow. */
@Timeout(60)
class WorkerPoolTest {

    @Test
    void ioPoolsRunOnVirtualThreadsAndCpuPoolsOnPlatformThreads() throws Exception {
        WorkerPool<Integer, Integer> io = WorkerPool.<Integer, Integer>builder("io", x -> x).kind(WorkKind.IO).concurrency(50).start();
        WorkerPool<Integer, Integer> cpu = WorkerPool.<Integer, Integer>builder("cpu", x -> x).kind(WorkKind.CPU).start();
        List<Thread> ioThreads = ((WorkerPoolImpl<Integer, Integer>) io).threads();
        List<Thread> cpuThreads = ((WorkerPoolImpl<Integer, Integer>) cpu).threads();
        assertThat(ioThreads).hasSize(50).allMatch(Thread::isVirtual);
        assertThat(cpuThreads).hasSize(PoolSizing.forCpu()).noneMatch(Thread::isVirtual).allMatch(Thread::isDaemon);
        assertThat(cpuThreads.get(0).getName()).isEqualTo("cpu-0");
        io.close();
        cpu.close();
        assertThat(io.state()).isEqualTo(RunState.COMPLETED);
        Threads.assertAllEnded(ioThreads);
        Threads.assertAllEnded(cpuThreads);
    }

    @Test
    void closingTheInputIsThePoisonPillTheLastWorkerOutClosesTheOutput() throws Exception {
        int items = 50_000;
        WorkerPool<Integer, Long> pool = WorkerPool.<Integer, Long>builder("square", i -> (long) i * i)
                .concurrency(3).inputCapacity(64).outputCapacity(64).start();
        Threads.Joined producer = Threads.start("producer", () -> {
            for (int i = 0; i < items; i++) {
                pool.input().send(i);
            }
            pool.shutdown();
        });
        List<Long> results = new ArrayList<>();
        long received = pool.output().consume(results::add);
        producer.join();
        // consume returned: the output was closed, and only after the last result
        assertThat(received).isEqualTo(items);
        assertThat(pool.awaitTermination(Threads.PATIENCE)).isTrue();
        Collections.sort(results);
        for (int i = 0; i < items; i++) {
            assertThat(results.get(i)).isEqualTo((long) i * i);
        }
        StageStats stats = pool.stats();
        assertThat(stats.done()).isEqualTo(items);
        assertThat(stats.taken()).isEqualTo(items);
        assertThat(stats.liveWorkers()).isZero();
        assertThat(stats.finished()).isEqualTo(items);
        assertThatThrownBy(() -> pool.input().send(1)).isInstanceOf(ChannelClosedException.class);
        Threads.assertAllEnded(((WorkerPoolImpl<Integer, Long>) pool).threads());
    }

    @Test
    void aThrowingWorkerGoesOnAndItsItemsAreDeadLettered() throws Exception {
        List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
        FakeTicker time = FakeTicker.start();
        AtomicInteger calls = new AtomicInteger();
        try (WorkerPool<Integer, Integer> pool = WorkerPool.<Integer, Integer>builder("flaky", i -> {
            calls.incrementAndGet();
            if (i % 10 == 0) {
                throw new IllegalStateException("bad " + i);
            }
            return i;
        }).concurrency(1).errorPolicy(ErrorPolicy.retry(4, Duration.ofMillis(10)).withSleeper(time)
                .whenExhausted(ErrorPolicy.deadLetter("flaky-dlq", dead::add))).start()) {
            for (int i = 0; i < 100; i++) {
                pool.input().send(i);
            }
            pool.shutdown();
            assertThat(pool.output().consume(i -> assertThat(i % 10).isNotZero())).isEqualTo(90);
            assertThat(pool.awaitTermination(Threads.PATIENCE)).isTrue();
            StageStats stats = pool.stats();
            assertThat(stats.deadLettered()).isEqualTo(10);
            assertThat(stats.retried()).isEqualTo(30);
            assertThat(stats.done()).isEqualTo(90);
            assertThat(calls.get()).isEqualTo(90 + 10 * 4);
            // 10, 20 and 40 ms of backoff per dead item, on the fake clock
            assertThat(time.read()).isEqualTo(10 * Duration.ofMillis(70).toNanos());
            assertThat(dead).hasSize(10).allSatisfy(dl -> {
                assertThat(dl.stage()).isEqualTo("flaky");
                assertThat(dl.sink()).isEqualTo("flaky-dlq");
                assertThat(dl.attempts()).isEqualTo(4);
                assertThat(dl.error()).hasMessage("bad " + dl.item());
            });
        }
    }

    @Test
    void nullResultsAreFilteredAndStatsShowBusyAndIdleWorkers() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Channel<String> out = Channel.bounded(16);
        WorkerPool<String, String> pool = WorkerPool.<String, String>builder("gate", s -> {
            if (s.startsWith("wait")) {
                inside.countDown();
                release.await();
            }
            return s.startsWith("drop") ? null : s;
        }).kind(WorkKind.IO).concurrency(4).inputCapacity(1).output(out).start();
        pool.input().send("wait-1");
        pool.input().send("wait-2");
        inside.await();
        Threads.await(() -> pool.stats().busyWorkers() == 2, "two workers are busy");
        StageStats busy = pool.stats();
        assertThat(busy.idleWorkers()).isEqualTo(2);
        assertThat(busy.inFlight()).isEqualTo(2);
        release.countDown();
        pool.input().send("drop-me");
        pool.input().send("keep");
        pool.close();
        StageStats stats = pool.stats();
        assertThat(stats.done()).isEqualTo(3);
        assertThat(stats.filtered()).isEqualTo(1);
        assertThat(stats.busyWorkers()).isZero();
        List<String> results = new ArrayList<>();
        out.drainTo(results);
        assertThat(results).containsExactlyInAnyOrder("wait-1", "wait-2", "keep");
        assertThat(out.isClosedForReceive()).isTrue();
    }

    @Test
    void shutdownNowReturnsQueuedItemsTyped() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        WorkerPool<String, String> pool = WorkerPool.<String, String>builder("slow", s -> {
            holding.countDown();
            new CountDownLatch(1).await();
            return s;
        }).concurrency(1).inputCapacity(8).start();
        for (String s : List.of("a", "b", "c", "d")) {
            pool.input().send(s);
        }
        holding.await();
        List<String> never = pool.shutdownNow();
        assertThat(never).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(pool.isTerminated()).isTrue();
        assertThat(pool.state()).isEqualTo(RunState.STOPPED);
        assertThat(pool.output().isClosedForReceive()).isTrue();
        assertThat(pool.stats().returned()).isEqualTo(4);
        Threads.assertAllEnded(((WorkerPoolImpl<String, String>) pool).threads());
    }

    @Test
    void failFastFailsTheOutputSoReadersSeeTheCause() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        // the worker holds the failing item until all ten are sent: otherwise the failure may
        // close the input while the test is still sending, and the test would race its subject
        CountDownLatch allSent = new CountDownLatch(1);
        WorkerPool<Integer, Integer> pool = WorkerPool.<Integer, Integer>builder("ff", i -> {
            if (i == 3) {
                allSent.await();
                throw boom;
            }
            return i;
        }).concurrency(1).start();
        for (int i = 0; i < 10; i++) {
            pool.input().send(i);
        }
        allSent.countDown();
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> pool.output().consume(got::add)).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(pool.awaitTermination(Threads.PATIENCE)).isTrue();
        assertThat(pool.failure()).containsSame(boom);
        assertThat(pool.state()).isEqualTo(RunState.FAILED);
        List<Integer> returned = pool.shutdownNow();
        StageStats stats = pool.stats();
        assertThat(stats.failed()).isEqualTo(1);
        assertThat(got.size() + 1 + returned.size()).isEqualTo(10);
        assertThat(stats.done() + stats.failed() + stats.returned()).isEqualTo(10);
    }
}
