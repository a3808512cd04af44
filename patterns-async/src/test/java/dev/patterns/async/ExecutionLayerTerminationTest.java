package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No thread outlives a closed layer: when {@code close()} returns, or {@code awaitTermination}
 * or {@code isTerminated()} answer true, every thread that ran a task has ended. The JDK executors
 * underneath signal termination from inside their last worker, so each round checks the threads
 * the moment the layer says it is done.
 */
@Timeout(120)
class ExecutionLayerTerminationTest {

    private static final int ROUNDS = 1_000;

    @Test
    void noCpuThreadOutlivesClose() throws Exception {
        closeRounds("cpu(2, 8)", () -> ExecutionLayer.cpu(2, 8), 2);
    }

    @Test
    void noBlockingThreadOutlivesClose() throws Exception {
        closeRounds("blocking(3, 0)", () -> ExecutionLayer.blocking(3, 0), 3);
    }

    @Test
    void noIoThreadOutlivesClose() throws Exception {
        closeRounds("io(4)", () -> ExecutionLayer.io(4), 4);
    }

    @Test
    void isTerminatedAnswersTrueOnlyOnceEveryThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ExecutionLayer layer = round % 2 == 0 ? ExecutionLayer.cpu(2, 8) : ExecutionLayer.io(2);
            Set<Thread> threads = runOnEveryThread(layer, 2);
            layer.shutdown();
            while (!layer.isTerminated()) {
                Thread.onSpinWait();
            }
            assertNoneAlive(round, layer, threads, "isTerminated()");
        }
    }

    @Test
    void awaitTerminationAnswersTrueOnlyOnceEveryThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ExecutionLayer layer = ExecutionLayer.cpu(2, 8);
            Set<Thread> threads = runOnEveryThread(layer, 2);
            layer.shutdown();
            assertThat(layer.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertNoneAlive(round, layer, threads, "awaitTermination");
        }
    }

    private static void closeRounds(String what, Supplier<ExecutionLayer> factory, int threads) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            ExecutionLayer layer = factory.get();
            Set<Thread> ran = runOnEveryThread(layer, threads);
            layer.close();
            assertThat(layer.isTerminated()).as("%s round %d: terminated after close()", what, round).isTrue();
            assertNoneAlive(round, layer, ran, what + " close()");
        }
    }

    /** Runs {@code n} tasks that meet, so that each ran on its own thread; returns the threads. */
    private static Set<Thread> runOnEveryThread(ExecutionLayer layer, int n) throws InterruptedException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch met = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            layer.execute(() -> {
                threads.add(Thread.currentThread());
                met.countDown();
                try {
                    met.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }
        done.await();
        assertThat(threads).hasSize(n);
        return threads;
    }

    private static void assertNoneAlive(int round, ExecutionLayer layer, Set<Thread> threads, String after) {
        List<String> alive = threads.stream().filter(Thread::isAlive).map(t -> t.getName() + " (state " + t.getState() + ")").toList();
        assertThat(alive).as("%s round %d: alive after %s", layer.name(), round, after).isEmpty();
    }
}
