package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionLayerTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedTasks() {
        release.countDown();
    }

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

    private static Set<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix + "-")).collect(Collectors.toSet());
    }

    @Test
    void ioRunsEachTaskOnAVirtualThreadAndLimitsConcurrency() throws Exception {
        try (ExecutionLayer io = ExecutionLayer.io(2)) {
            assertThat(io.submit(() -> Thread.currentThread().isVirtual()).get()).isTrue();
            CountDownLatch running = new CountDownLatch(2);
            io.execute(blocked(running));
            io.execute(blocked(running));
            running.await();
            assertThat(io.inFlight()).isEqualTo(2);
            assertThat(io.tryExecute(() -> { })).as("full").isFalse();
            assertThat(io.execute(() -> { }, Duration.ofMillis(1))).as("still full").isFalse();
            release.countDown();
            CountDownLatch ran = new CountDownLatch(1);
            io.execute(ran::countDown); // blocks until a permit returns
            ran.await();
            assertThat(io.capacity()).isEqualTo(2);
        }
    }

    @Test
    void unboundedIoAcceptsEverything() throws Exception {
        try (ExecutionLayer io = ExecutionLayer.io()) {
            CountDownLatch running = new CountDownLatch(100);
            for (int i = 0; i < 100; i++) {
                assertThat(io.tryExecute(blocked(running))).isTrue();
            }
            running.await();
            assertThat(io.inFlight()).isEqualTo(100);
            release.countDown();
        }
    }

    @Test
    void cpuLayerAppliesBackpressureWhenThreadsAndQueueAreFull() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(2, 2);
        try {
            CountDownLatch running = new CountDownLatch(2);
            cpu.execute(blocked(running));
            cpu.execute(blocked(running));
            running.await();
            assertThat(cpu.tryExecute(() -> { })).as("queued 1").isTrue();
            assertThat(cpu.tryExecute(() -> { })).as("queued 2").isTrue();
            assertThat(cpu.tryExecute(() -> { })).as("threads and queue full").isFalse();
            assertThat(cpu.inFlight()).isEqualTo(4);

            CountDownLatch accepted = new CountDownLatch(1);
            Thread submitter = Thread.ofPlatform().start(() -> {
                cpu.execute(() -> { });
                accepted.countDown();
            });
            assertThat(accepted.getCount()).isEqualTo(1);
            release.countDown();
            assertThat(submitter.join(Duration.ofSeconds(10))).isTrue();
            assertThat(accepted.getCount()).isZero();
        } finally {
            cpu.close();
        }
        assertThat(cpu.isTerminated()).isTrue();
        assertThat(cpu.inFlight()).isZero();
    }

    @Test
    void anInterruptedSubmitterIsRejectedWithItsInterruptStatusSet() throws Exception {
        try (ExecutionLayer layer = ExecutionLayer.blocking(1, 0)) {
            CountDownLatch running = new CountDownLatch(1);
            layer.execute(blocked(running));
            running.await();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread submitter = Thread.ofPlatform().start(() -> {
                try {
                    layer.execute(() -> { });
                } catch (RejectedExecutionException e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            submitter.interrupt();
            assertThat(submitter.join(Duration.ofSeconds(10))).isTrue();
            assertThat(thrown.get()).hasMessageContaining("interrupted while waiting for room");
            assertThat(stillInterrupted.get()).isTrue();
            release.countDown();
        }
    }

    @Test
    void closeWaitsForTasksAndLeavesNoThreadBehind() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(2, 8);
        ExecutionLayer legacy = ExecutionLayer.blocking(3, 8);
        ExecutionLayer io = ExecutionLayer.io(4);
        List<Future<Integer>> results = new java.util.ArrayList<>();
        for (ExecutionLayer layer : List.of(cpu, legacy, io)) {
            for (int i = 0; i < 6; i++) {
                int n = i;
                results.add(layer.submit(() -> n * n));
            }
        }
        Set<Thread> platformThreads = threadsNamed(cpu.name());
        platformThreads.addAll(threadsNamed(legacy.name()));
        assertThat(platformThreads).isNotEmpty();
        for (ExecutionLayer layer : List.of(cpu, legacy, io)) {
            layer.close();
            assertThat(layer.isTerminated()).isTrue();
            assertThatThrownBy(() -> layer.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                    .hasMessage(layer.name() + " is shut down");
            assertThatThrownBy(() -> layer.tryExecute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        }
        for (Future<Integer> f : results) {
            assertThat(f.isDone()).isTrue();
        }
        assertThat(results.get(5).get()).isEqualTo(25);
        for (Thread t : platformThreads) {
            assertThat(t.join(Duration.ofSeconds(10))).as("%s ended", t.getName()).isTrue();
        }
        assertThat(threadsNamed(cpu.name())).isEmpty();
        assertThat(threadsNamed(legacy.name())).isEmpty();
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndReturnsTheQueuedOnes() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(1, 2);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        cpu.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        running.await();
        Runnable queued = () -> { };
        cpu.execute(queued);
        List<Runnable> never = cpu.shutdownNow();
        assertThat(never).containsExactly(queued);
        interrupted.await();
        assertThat(cpu.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(cpu.inFlight()).isZero();
        assertThatThrownBy(() -> cpu.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> cpu.tryExecute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> cpu.execute(() -> { }, Duration.ZERO)).isInstanceOf(RejectedExecutionException.class);
        // accepted 2, rejected 3 for shutdown, started 1, completed 1 (it returned after its
        // interrupt), drained 1 (the task shutdownNow returned), nothing running, queued or waiting
        assertThat(cpu.stats()).isEqualTo(new ExecutionLayerStats(2, 0, 3, 0, 1, 1, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void aFailingTaskReturnsItsPermit() throws Exception {
        try (ExecutionLayer layer = ExecutionLayer.blocking(1, 0)) {
            Future<?> f = layer.submit(() -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
            assertThat(layer.submit(() -> 1).get()).isEqualTo(1);
        }
    }

    @Test
    void badInputFailsFastWithClearMessages() {
        assertThatThrownBy(() -> ExecutionLayer.io(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ExecutionLayer.cpu(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ExecutionLayer.blocking(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: -1 (expected: >= 0)");
        try (ExecutionLayer layer = ExecutionLayer.blocking(1, 0)) {
            assertThatThrownBy(() -> layer.execute(null)).isInstanceOf(NullPointerException.class).hasMessage("task");
            assertThatThrownBy(() -> layer.tryExecute(null)).isInstanceOf(NullPointerException.class).hasMessage("task");
            assertThatThrownBy(() -> layer.execute(() -> { }, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        }
    }
}
