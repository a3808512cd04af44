package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class FanOutTest extends FanOutFixture {

    /** A call that blocks until interrupted and records that it was. */
    private Callable<String> blocker(CountDownLatch interrupted) {
        return blocker(new CountDownLatch(1), interrupted);
    }

    /** A call that says it is running, blocks until interrupted, and records that it was. */
    private Callable<String> blocker(CountDownLatch running, CountDownLatch interrupted) {
        return () -> {
            running.countDown();
            try {
                never.await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    /** Runs {@code call} once {@code gate} opened: the deciding call waits for the blockers to run. */
    private static Callable<String> after(CountDownLatch gate, Callable<String> call) {
        return () -> {
            gate.await();
            return call.call();
        };
    }

    private static Callable<String> value(String v) {
        return () -> v;
    }

    private static Callable<String> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    @Test
    void allByDeadlineReturnsWhatCompletedWhenTheDeadlinePasses() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.allByDeadline(Duration.ofMillis(300)),
                List.of(value("a"), failing("b broke"), blocker(running, interrupted), value("d")));
        awaitReports(g, 3);
        running.await();
        assertThat(g.tryJoin()).isEmpty();
        time.advance(Duration.ofMillis(299));
        assertThat(g.tryJoin()).as("not before the deadline").isEmpty();
        assertThat(interrupted.getCount()).isEqualTo(1);

        time.advance(Duration.ofMillis(1));
        Gathered<String> r = g.join();

        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).as("straggler interrupted").isTrue();
        assertThat(r.values()).containsExactly("a", "d");
        assertThat(r.completed()).containsExactly(0, 3);
        assertThat(r.failed()).containsExactly(1);
        assertThat(r.timedOut()).containsExactly(2);
        assertThat(r.outcome(1)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error()).hasMessage("b broke"));
        assertThat(r.outcome(2)).isEqualTo(new Outcome.TimedOut<String>(true));
        assertThat(r.unfinished()).isEmpty();
        assertThat(r.satisfied()).isFalse();
        assertThat(r.elapsedNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(g.tryJoin()).contains(r);
    }

    @Test
    void allByDeadlineSettlesEarlyWhenEveryCallFinished() throws Exception {
        Gathered<String> r = fanOut.gather(GatherPolicy.allByDeadline(Duration.ofMillis(300)),
                List.of(value("a"), value("b"), failing("c")));
        assertThat(r.values()).containsExactly("a", "b");
        assertThat(r.failed()).containsExactly(2);
        assertThat(r.elapsedNanos()).as("no fake time passed").isZero();
    }

    @Test
    void allReturnsValuesInSubmissionOrder() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        Gathering<Integer> g = fanOut.start(GatherPolicy.all(), List.<Callable<Integer>>of(() -> {
            first.await();
            return 1;
        }, () -> 2, () -> 3));
        awaitReports(g, 2);
        first.countDown();
        Gathered<Integer> r = g.join();
        assertThat(r.satisfied()).isTrue();
        assertThat(r.valuesOrThrow()).containsExactly(1, 2, 3);
    }

    @Test
    void allFailsFastAndInterruptsTheRest() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(2);
        Gathered<String> r = fanOut.gather(GatherPolicy.all(), List.of(blocker(running, interrupted),
                after(running, failing("boom")), blocker(running, interrupted)));
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(r.failed()).containsExactly(1);
        assertThat(r.cancelled()).containsExactly(0, 2);
        assertThat(r.satisfied()).isFalse();
        assertThatThrownBy(r::valuesOrThrow).isInstanceOf(FanOutException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom")
                .satisfies(e -> assertThat(((FanOutException) e).result()).isSameAs(r));
    }

    @Test
    void quorumReachedCancelsTheRest() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(2);
        Gathered<String> r = fanOut.gather(GatherPolicy.quorum(3), List.of(value("a"), blocker(running, interrupted),
                value("c"), blocker(running, interrupted), after(running, value("e"))));
        assertThat(r.satisfied()).isTrue();
        assertThat(r.values()).containsExactly("a", "c", "e");
        assertThat(r.cancelled()).containsExactly(1, 3);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void quorumSettlesAsSoonAsItCanNoLongerBeReached() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(2);
        Gathered<String> r = fanOut.gather(GatherPolicy.quorum(3), List.of(failing("1"), blocker(running, interrupted),
                failing("3"), blocker(running, interrupted), after(running, failing("5"))));
        assertThat(r.satisfied()).isFalse();
        assertThat(r.failed()).containsExactly(0, 2, 4);
        assertThat(r.cancelled()).containsExactly(1, 3);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThatThrownBy(r::valuesOrThrow).isInstanceOf(FanOutException.class);
    }

    @Test
    void quorumNotReachedByTheDeadlineTimesOut() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(2);
        Gathering<String> g = fanOut.start(GatherPolicy.quorum(3).within(Duration.ofMillis(100)),
                List.of(value("a"), blocker(running, interrupted), value("c"), blocker(running, interrupted)));
        awaitReports(g, 2);
        running.await();
        assertThat(g.tryJoin()).isEmpty();
        time.advance(Duration.ofMillis(100));
        Gathered<String> r = g.join();
        assertThat(r.satisfied()).isFalse();
        assertThat(r.values()).containsExactly("a", "c");
        assertThat(r.timedOut()).containsExactly(1, 3);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void firstSuccessWinsTheRaceAndInterruptsTheLosers() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Gathered<String> r = fanOut.gather(GatherPolicy.firstSuccess(),
                List.of(blocker(running, interrupted), failing("replica down"), after(running, value("fast"))));
        assertThat(r.satisfied()).isTrue();
        assertThat(r.firstValue()).contains("fast");
        assertThat(r.outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void firstSuccessWhenAllFailIsNotSatisfied() throws Exception {
        Gathered<String> r = fanOut.gather(GatherPolicy.firstSuccess(), List.of(failing("x"), failing("y")));
        assertThat(r.satisfied()).isFalse();
        assertThat(r.firstValue()).isEmpty();
        assertThat(r.failed()).containsExactly(0, 1);
    }

    @Test
    void hedgingStartsABackupOnlyAfterTheDelay() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Callable<String> primary = blocker(running, interrupted);
        Callable<String> call = () -> attempts.getAndIncrement() == 0 ? primary.call() : "backup";
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(Duration.ofMillis(50), 3), List.of(call));
        assertThat(g.started()).isEqualTo(1);
        running.await();
        assertThat(g.tryJoin()).isEmpty();
        time.advance(Duration.ofMillis(49));
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("no backup before the delay").isEqualTo(1);

        time.advance(Duration.ofMillis(1));
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("backup at the delay").isEqualTo(2);
        awaitReports(g, 1);
        Gathered<String> r = g.join();

        assertThat(r.firstValue()).contains("backup");
        assertThat(r.outcomes()).hasSize(2);
        assertThat(r.outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(g.started()).as("third attempt never started").isEqualTo(2);
    }

    @Test
    void aBackupThatFinishesWhileBeingLaunchedSettlesTheGatheringAtOnce() throws Exception {
        // Regression: the backup finished inside the owner's launch step, was counted there, and
        // the owner then slept until the primary finished (found by HedgedRequestsDemo).
        AtomicInteger launches = new AtomicInteger();
        FanOut inlineBackups = FanOut.builder().ticker(time).executor(r -> {
            if (launches.getAndIncrement() == 0) {
                counting.newThread(r).start();
            } else {
                r.run(); // the backup runs, and finishes, inside launch
            }
        }).build();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Callable<String> primary = blocker(running, interrupted);
        Callable<String> call = () -> attempts.getAndIncrement() == 0 ? primary.call() : "backup";
        Gathering<String> g = inlineBackups.start(GatherPolicy.hedged(Duration.ofMillis(50), 2), List.of(call));
        running.await();
        AtomicReference<Gathered<String>> joined = new AtomicReference<>();
        Thread joiner = Thread.ofPlatform().start(() -> {
            try {
                joined.set(g.join());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (joiner.getState() != Thread.State.TIMED_WAITING) {
            assertThat(joiner.isAlive()).isTrue();
            Thread.onSpinWait();
        }
        time.advance(Duration.ofMillis(50));
        g.wakeUp();
        assertThat(joiner.join(Duration.ofSeconds(10))).as("join returned without waiting for the primary").isTrue();
        assertThat(joined.get().firstValue()).contains("backup");
        assertThat(joined.get().outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void hedgingStartsTheNextAttemptAtOnceWhenAllStartedFailedAndUsesReplicasInTurn() throws Exception {
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(Duration.ofHours(1), 3),
                List.of(failing("replica 0"), value("replica 1")));
        Gathered<String> r = g.join();
        assertThat(r.outcomes()).hasSize(2);
        assertThat(r.failed()).containsExactly(0);
        assertThat(r.firstValue()).contains("replica 1");
        assertThat(time.read()).isZero();
    }

    @Test
    void hedgingGivesUpAfterMaxAttempts() throws Exception {
        Gathered<String> r = fanOut.gather(GatherPolicy.hedged(Duration.ZERO, 3), List.of(failing("down")));
        assertThat(r.outcomes()).hasSize(3);
        assertThat(r.failed()).containsExactly(0, 1, 2);
        assertThat(r.satisfied()).isFalse();
    }

    @Test
    void aBlockedJoinIsWokenAfterTheTickerMoves() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.allByDeadline(Duration.ofMillis(300)),
                List.of(value("a"), blocker(interrupted)));
        awaitReports(g, 1); // "a" has its value before the deadline passes
        AtomicReference<Gathered<String>> joined = new AtomicReference<>();
        Thread joiner = Thread.ofPlatform().start(() -> {
            try {
                joined.set(g.join());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        time.advance(Duration.ofMillis(300));
        g.wakeUp();
        assertThat(joiner.join(Duration.ofSeconds(10))).isTrue();
        assertThat(joined.get().values()).containsExactly("a");
        assertThat(joined.get().timedOut()).containsExactly(1);
    }

    @Test
    void aCallIgnoringItsInterruptIsReportedAfterTheGracePeriod() throws Exception {
        FanOut graceful = FanOut.builder().threadFactory(counting).ticker(time)
                .interruptGrace(Duration.ofSeconds(1)).build();
        CountDownLatch running = new CountDownLatch(1);
        Callable<String> stubborn = ignoringInterrupts(running);
        Gathering<String> g = graceful.start(GatherPolicy.firstSuccess(), List.of(stubborn, value("quick")));
        running.await();
        awaitReports(g, 1);
        assertThat(g.tryJoin()).as("settled, waiting for the stubborn call").isEmpty();
        time.advance(Duration.ofMillis(999));
        assertThat(g.tryJoin()).isEmpty();
        time.advance(Duration.ofMillis(1));
        Gathered<String> r = g.tryJoin().orElseThrow();
        assertThat(r.unfinished()).containsExactly(0);
        assertThat(r.outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(r.firstValue()).contains("quick");
    }

    @Test
    void interruptingTheCallerCancelsAndWaitsForTheCalls() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch interrupted = new CountDownLatch(2);
        Callable<String> call = () -> {
            started.countDown();
            return blocker(interrupted).call();
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                fanOut.gather(GatherPolicy.all(), List.of(call, call));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        started.await();
        caller.interrupt();
        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).as("both calls interrupted before gather threw").isTrue();
    }

    @Test
    void closeBeforeJoinCancelsTheCalls() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(blocker(running, interrupted)));
        running.await();
        g.close();
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(g.tryJoin().orElseThrow().cancelled()).containsExactly(0);
    }

    @Test
    void everyCallHasEndedWhenGatherReturns() throws Exception {
        AtomicInteger bodiesEnded = new AtomicInteger();
        CountDownLatch interrupted = new CountDownLatch(7);
        CountDownLatch running = new CountDownLatch(7);
        List<Callable<String>> calls = new java.util.ArrayList<>();
        calls.add(after(running, value("winner")));
        for (int i = 0; i < 7; i++) {
            Callable<String> b = blocker(running, interrupted);
            calls.add(() -> {
                try {
                    return b.call();
                } finally {
                    bodiesEnded.incrementAndGet();
                }
            });
        }
        Gathered<String> r = fanOut.gather(GatherPolicy.firstSuccess(), calls);
        assertThat(bodiesEnded).as("no call body still running when gather returned").hasValue(7);
        assertThat(r.cancelled()).hasSize(7);
        assertThat(r.outcomes()).filteredOn(o -> o instanceof Outcome.Cancelled<String> c && c.started()).hasSize(7);
        assertThat(threads).hasSize(8);
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void concurrencyLimitStartsWaitingCallsAsOthersFinishAndTimesOutTheUnstarted() throws Exception {
        FanOut limited = FanOut.builder().threadFactory(counting).ticker(time).concurrency(2).build();
        CountDownLatch release0 = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(2);
        CountDownLatch running = new CountDownLatch(2);
        Gathering<String> g = limited.start(GatherPolicy.allByDeadline(Duration.ofMillis(10)), List.<Callable<String>>of(
                () -> {
                    release0.await();
                    return "0";
                }, blocker(running, interrupted), blocker(running, interrupted), value("3")));
        assertThat(g.started()).isEqualTo(2);
        release0.countDown();
        awaitReports(g, 1);
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).isEqualTo(3);
        running.await();
        time.advance(Duration.ofMillis(10));
        Gathered<String> r = g.join();
        assertThat(r.values()).containsExactly("0");
        assertThat(r.outcome(3)).isEqualTo(new Outcome.TimedOut<String>(false));
        assertThat(r.timedOut()).containsExactly(1, 2, 3);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void theCancellationInterruptDoesNotLeakIntoAPooledThreadsNextTask() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            FanOut pooled = FanOut.builder().executor(pool).ticker(time).build();
            CountDownLatch interrupted = new CountDownLatch(1);
            Gathering<String> g = pooled.start(GatherPolicy.all().within(Duration.ofMillis(5)), List.of(blocker(interrupted)));
            assertThat(g.tryJoin()).isEmpty();
            time.advance(Duration.ofMillis(5));
            assertThat(g.join().timedOut()).containsExactly(0);
            assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRejectedCallIsRecordedAsFailed() throws Exception {
        FanOut rejecting = FanOut.builder().executor(r -> {
            throw new RejectedExecutionException("full");
        }).ticker(time).build();
        Gathered<String> r = rejecting.gather(GatherPolicy.allByDeadline(Duration.ofMillis(1)), List.of(value("a")));
        assertThat(r.outcome(0)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error()).isInstanceOf(RejectedExecutionException.class));
    }

    @Test
    void aNullValueIsRecordedAsFailed() throws Exception {
        Gathered<String> r = fanOut.gather(GatherPolicy.all(), List.<Callable<String>>of(() -> null));
        assertThat(r.outcome(0)).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.error()).isInstanceOf(NullPointerException.class).hasMessage("task 0 returned null"));
    }

    @Test
    void badInputFailsFastWithClearMessages() {
        Callable<String> ok = value("x");
        assertThatThrownBy(() -> fanOut.start(null, List.of(ok))).isInstanceOf(NullPointerException.class).hasMessage("policy");
        assertThatThrownBy(() -> fanOut.start(GatherPolicy.all(), null)).isInstanceOf(NullPointerException.class).hasMessage("tasks");
        assertThatThrownBy(() -> fanOut.start(GatherPolicy.all(), java.util.Arrays.asList(ok, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("tasks[1]");
        assertThatThrownBy(() -> fanOut.start(GatherPolicy.all(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tasks: 0 (expected: >= 1)");
        assertThatThrownBy(() -> fanOut.start(GatherPolicy.quorum(3), List.of(ok, ok)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quorum: 3 (expected: <= 2 tasks)");
        assertThatThrownBy(() -> GatherPolicy.quorum(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quorum: 0 (expected: >= 1)");
        assertThatThrownBy(() -> GatherPolicy.hedged(Duration.ofMillis(-1), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delay: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> GatherPolicy.hedged(Duration.ZERO, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> GatherPolicy.allByDeadline(null)).isInstanceOf(NullPointerException.class).hasMessage("deadline");
        assertThatThrownBy(() -> GatherPolicy.all().within(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> FanOut.builder().concurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> FanOut.builder().interruptGrace(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("grace: PT-0.000000001S (expected: >= 0)");
        assertThatThrownBy(() -> FanOut.builder().executor(null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> FanOut.builder().ticker(null)).isInstanceOf(NullPointerException.class).hasMessage("ticker");
        assertThatThrownBy(() -> FanOut.builder().threadFactory(null)).isInstanceOf(NullPointerException.class).hasMessage("factory");
        assertThat(Optional.of(GatherPolicy.all().within(Duration.ofMillis(5)).timeout())).contains(Duration.ofMillis(5));
    }
}
