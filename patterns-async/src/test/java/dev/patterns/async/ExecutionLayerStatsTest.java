package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ExecutionLayer#stats()}: each counter driven through a scenario whose counts are known. */
class ExecutionLayerStatsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void releaseAndJoin() throws InterruptedException {
        release.countDown();
        for (Thread t : started) {
            assertThat(t.join(Duration.ofSeconds(10))).as("%s ended", t).isTrue();
        }
    }

    /** A task that says it runs, then waits for {@link #release} (and returns if interrupted). */
    private Runnable blocked(CountDownLatch running) {
        return () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private Thread start(Runnable body) {
        Thread t = Thread.ofPlatform().start(body);
        started.add(t);
        return t;
    }

    /** Waits for a condition another thread makes true; fails rather than hang. */
    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s for: %s", what).isNegative();
            Thread.onSpinWait();
        }
    }

    /** The sums {@link ExecutionLayerStats} promises once the layer is terminated. */
    private static void assertBalanced(ExecutionLayerStats s) {
        assertThat(s.running()).as("running").isZero();
        assertThat(s.queued()).as("queued").isZero();
        assertThat(s.waiting()).as("waiting").isZero();
        assertThat(s.accepted()).as("accepted = started + drained")
                .isEqualTo(s.started() + s.drained());
        assertThat(s.started()).as("started = completed + failed + cancelled")
                .isEqualTo(s.completed() + s.failed() + s.cancelled());
        assertThat(s.submitted()).isEqualTo(s.accepted() + s.rejectedFull() + s.rejectedShutDown()
                + s.rejectedInterrupted());
    }

    @Test
    void aPlatformLayerCountsRunningQueuedAndEveryKindOfRefusal() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(1, 1);
        CountDownLatch running = new CountDownLatch(1);
        assertThat(cpu.stats()).isEqualTo(new ExecutionLayerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        cpu.execute(blocked(running));
        running.await();
        CountDownLatch secondRan = new CountDownLatch(1);
        assertThat(cpu.tryExecute(secondRan::countDown)).as("queued").isTrue();
        ExecutionLayerStats full = cpu.stats();
        assertThat(full.accepted()).isEqualTo(2);
        assertThat(full.started()).isEqualTo(1);
        assertThat(full.running()).isEqualTo(1);
        assertThat(full.queued()).isEqualTo(1);
        assertThat(full.completed()).isZero();

        assertThat(cpu.tryExecute(() -> { })).isFalse();
        assertThat(cpu.execute(() -> { }, Duration.ZERO)).isFalse();
        assertThat(cpu.execute(() -> { }, Duration.ofMillis(1))).isFalse();
        assertThat(cpu.stats().rejectedFull()).isEqualTo(3);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> cpu.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> cpu.execute(() -> { }, Duration.ofSeconds(1)))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        ExecutionLayerStats refused = cpu.stats();
        assertThat(refused.rejectedInterrupted()).isEqualTo(2);
        assertThat(refused.rejected()).isEqualTo(5);
        assertThat(refused.submitted()).isEqualTo(7);
        assertThat(refused.accepted()).as("refusals accept nothing").isEqualTo(2);

        release.countDown();
        secondRan.await();
        cpu.close();
        assertThatThrownBy(() -> cpu.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> cpu.tryExecute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        ExecutionLayerStats end = cpu.stats();
        assertThat(end).isEqualTo(new ExecutionLayerStats(2, 3, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0));
        assertBalanced(end);
    }

    @Test
    void futureTasksAreCountedByHowTheyEnded() throws Exception {
        ExecutionLayer layer = ExecutionLayer.blocking(1, 3);
        CountDownLatch running = new CountDownLatch(1);
        layer.execute(blocked(running));
        running.await();
        Future<Integer> fails = layer.submit(() -> {
            throw new IllegalStateException("boom");
        });
        Future<Integer> cancelledBeforeItRan = layer.submit(() -> 1);
        Future<Integer> succeeds = layer.submit(() -> 2);
        assertThat(cancelledBeforeItRan.cancel(false)).isTrue();
        assertThat(layer.stats().queued()).isEqualTo(3);
        release.countDown();
        assertThat(succeeds.get()).isEqualTo(2);
        assertThatThrownBy(fails::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
        layer.close();

        ExecutionLayerStats s = layer.stats();
        assertThat(s.accepted()).isEqualTo(4);
        assertThat(s.started()).as("the cancelled task's thread still reached it").isEqualTo(4);
        assertThat(s.completed()).as("the blocked task and the one that succeeded").isEqualTo(2);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.cancelled()).isEqualTo(1);
        assertBalanced(s);
    }

    @Test
    void aTaskThatThrowsIsCountedFailed() throws Exception {
        ExecutionLayer io = ExecutionLayer.io(2);
        CountDownLatch threw = new CountDownLatch(1);
        io.execute(() -> {
            threw.countDown();
            throw new IllegalStateException("expected by the test: a plain Runnable that throws");
        });
        threw.await();
        io.execute(() -> { });
        io.close();
        ExecutionLayerStats s = io.stats();
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.started()).isEqualTo(2);
        assertBalanced(s);
    }

    @Test
    void invokeAnyCountsTheLoserCancelled() throws Exception {
        ExecutionLayer io = ExecutionLayer.io(2);
        CountDownLatch running = new CountDownLatch(1);
        Callable<String> blocker = () -> {
            running.countDown();
            release.await(); // interrupted by invokeAny's cancel(true)
            return "blocker";
        };
        // The blocker is submitted first and cannot finish, so invokeAny submits the second task.
        assertThat(io.invokeAny(List.of(blocker, () -> "fast"))).isEqualTo("fast");
        io.close();
        ExecutionLayerStats s = io.stats();
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(s.cancelled()).isEqualTo(1);
        assertThat(s.failed()).isZero();
        assertBalanced(s);
    }

    @Test
    void invokeAnyWhenEveryTaskFailsCountsEachFailed() throws Exception {
        ExecutionLayer io = ExecutionLayer.io(2);
        Callable<String> fails = () -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> io.invokeAny(List.of(fails, fails, fails)))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
        io.close();
        ExecutionLayerStats s = io.stats();
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.completed()).isZero();
        assertBalanced(s);
    }

    @Test
    void aTimedInvokeAnyThatTimesOutCancelsAndCountsItsTask() throws Exception {
        ExecutionLayer io = ExecutionLayer.io(2);
        CountDownLatch running = new CountDownLatch(1);
        Callable<String> blocker = () -> {
            running.countDown();
            release.await();
            return "late";
        };
        assertThatThrownBy(() -> io.invokeAny(List.of(blocker), 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        io.close();
        ExecutionLayerStats s = io.stats();
        assertThat(s.accepted()).isEqualTo(1);
        assertThat(s.cancelled()).isEqualTo(1);
        assertBalanced(s);
        try (ExecutionLayer other = ExecutionLayer.io(1)) {
            assertThatThrownBy(() -> other.invokeAny(List.<Callable<String>>of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks: 0 (expected: >= 1)");
            assertThatThrownBy(() -> other.invokeAny(null)).isInstanceOf(NullPointerException.class).hasMessage("tasks");
            assertThatThrownBy(() -> other.invokeAny(List.of(() -> "x"), 1, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("unit");
        }
    }

    @Test
    void aSubmitterWaitingForRoomIsCountedAndRejectedWhenTheLayerShutsDownMeanwhile() throws Exception {
        ExecutionLayer layer = ExecutionLayer.blocking(1, 0);
        CountDownLatch running = new CountDownLatch(1);
        layer.execute(blocked(running));
        running.await();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread submitter = start(() -> {
            try {
                layer.execute(() -> { });
            } catch (RejectedExecutionException e) {
                thrown.set(e);
            }
        });
        awaitUntil(() -> layer.stats().waiting() == 1, "the submitter waits for room");
        assertThat(layer.stats().accepted()).isEqualTo(1);
        layer.shutdown();
        release.countDown(); // the permit goes back; the submitter takes it and is refused
        assertThat(submitter.join(Duration.ofSeconds(10))).isTrue();
        assertThat(thrown.get()).isInstanceOf(RejectedExecutionException.class);
        assertThat(layer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        ExecutionLayerStats s = layer.stats();
        assertThat(s.accepted()).as("the refused task is not counted accepted").isEqualTo(1);
        assertThat(s.rejectedShutDown()).isEqualTo(1);
        assertThat(s.completed()).isEqualTo(1);
        assertThat(layer.inFlight()).as("the refused task's permit went back").isZero();
        assertBalanced(s);
    }

    @Test
    void anUnboundedIoLayerCountsEveryTaskRunning() throws Exception {
        ExecutionLayer io = ExecutionLayer.io();
        CountDownLatch running = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            io.execute(blocked(running));
        }
        running.await();
        ExecutionLayerStats busy = io.stats();
        assertThat(busy.running()).isEqualTo(50);
        assertThat(busy.queued()).isZero();
        assertThat(busy.started()).isEqualTo(50);
        release.countDown();
        io.close();
        ExecutionLayerStats s = io.stats();
        assertThat(s.completed()).isEqualTo(50);
        assertBalanced(s);
    }

    @Test
    void concurrentSubmittersLoseNoCount() throws Exception {
        int perSubmitter = 20_000;
        ExecutionLayer cpu = ExecutionLayer.cpu(2, 16);
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger acceptedByCaller = new AtomicInteger();
        CyclicBarrier go = new CyclicBarrier(2);
        Runnable submitter = () -> {
            try {
                go.await();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            for (int i = 0; i < perSubmitter; i++) {
                if (cpu.tryExecute(ran::incrementAndGet)) {
                    acceptedByCaller.incrementAndGet();
                }
            }
        };
        Thread a = start(submitter);
        Thread b = start(submitter);
        assertThat(a.join(Duration.ofSeconds(30))).isTrue();
        assertThat(b.join(Duration.ofSeconds(30))).isTrue();
        cpu.close();
        ExecutionLayerStats s = cpu.stats();
        assertThat(s.submitted()).isEqualTo(2L * perSubmitter);
        assertThat(s.accepted()).isEqualTo(acceptedByCaller.get());
        assertThat(s.completed()).isEqualTo(ran.get()).isEqualTo(acceptedByCaller.get());
        assertThat(s.rejectedFull()).isEqualTo(2L * perSubmitter - acceptedByCaller.get());
        assertBalanced(s);
    }
}
