package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * "Terminated" means every thread has ended: {@code isTerminated()} and a terminal
 * {@code stats().state()} must agree with {@code Thread.join}, not with a worker counting itself
 * out just before its thread ends. Each round polls the observer as fast as it can and checks the
 * recorded threads the moment it answers "terminated".
 */
@Timeout(120)
class TerminationTest {

    private static final int ROUNDS = 1_000;

    @Test
    void aWorkerPoolIsTerminatedOnlyOnceEveryWorkerThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            WorkerPoolImpl<Integer, Integer> pool = (WorkerPoolImpl<Integer, Integer>)
                    WorkerPool.<Integer, Integer>builder("pool" + round, x -> x).kind(WorkKind.CPU).concurrency(2).start();
            pool.shutdown();
            awaitThenCheck(round, pool.threads(), pool::isTerminated, "isTerminated()");
            Threads.assertAllEnded(pool.threads());
        }
    }

    @Test
    void aWorkerPoolReportsATerminalStateOnlyOnceEveryWorkerThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            WorkerPoolImpl<Integer, Integer> pool = (WorkerPoolImpl<Integer, Integer>)
                    WorkerPool.<Integer, Integer>builder("pool" + round, x -> x).kind(WorkKind.CPU).concurrency(2).start();
            pool.shutdown();
            awaitThenCheck(round, pool.threads(), () -> pool.state() == RunState.COMPLETED, "state() == COMPLETED");
            assertThat(pool.isTerminated()).isTrue();
        }
    }

    @Test
    void aPipelineIsTerminatedOnlyOnceEveryThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            PipelineImpl<Integer> p = (PipelineImpl<Integer>) Pipeline.<Integer>fromSink("p" + round, 4)
                    .map("inc", i -> i + 1, s -> s.concurrency(2))
                    .start("drop", i -> { });
            p.input().send(round);
            p.shutdown();
            boolean stats = round % 2 == 0;
            awaitThenCheck(round, p.threads(),
                    stats ? () -> p.stats().state() == RunState.COMPLETED : p::isTerminated,
                    stats ? "stats().state() == COMPLETED" : "isTerminated()");
            assertThat(p.join().delivered()).isEqualTo(1);
        }
    }

    @Test
    void aStoppedPoolIsTerminatedOnlyOnceEveryWorkerThreadHasEnded() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            WorkerPoolImpl<Integer, Integer> pool = (WorkerPoolImpl<Integer, Integer>)
                    WorkerPool.<Integer, Integer>builder("stopped" + round, x -> x).kind(WorkKind.CPU).concurrency(2).start();
            // a zero grace: shutdownNow interrupts and returns at once, the workers still leaving
            pool.shutdownNow(java.time.Duration.ZERO);
            awaitThenCheck(round, pool.threads(), () -> pool.state() == RunState.STOPPED, "state() == STOPPED");
            assertThat(pool.isTerminated()).isTrue();
        }
    }

    /** Spins on the observer until it answers true, then asserts no recorded thread is alive. */
    private static void awaitThenCheck(int round, List<Thread> threads, Supplier<Boolean> terminated, String what) {
        Threads.await(terminated::get, what);
        List<String> alive = threads.stream().filter(Thread::isAlive).map(t -> t.getName() + " " + t.getState()).toList();
        assertThat(alive).as("round %d: %s was true while these threads were alive", round, what).isEmpty();
    }
}
