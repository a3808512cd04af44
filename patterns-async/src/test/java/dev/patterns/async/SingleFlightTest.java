package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class SingleFlightTest {

    /** Released at the end of every test, so no loader outlives it. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger executions = new AtomicInteger();
    private final CountDownLatch loaderInterrupted = new CountDownLatch(1);
    /** Counted down by every execution of blockingLoad once it runs. */
    private final CountDownLatch loaderRunning = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void joinEveryThread() throws InterruptedException {
        release.countDown();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).as("thread %s ended", t).isTrue();
        }
    }

    /** Counts its executions, blocks until released, returns "v" + execution number. */
    private String blockingLoad(String key) throws InterruptedException {
        int n = executions.incrementAndGet();
        loaderRunning.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            loaderInterrupted.countDown();
            throw e;
        }
        return key + n;
    }

    private static void awaitWaiters(SingleFlight<String, ?> flights, String key, int count) {
        DefaultSingleFlight<String, ?> impl = (DefaultSingleFlight<String, ?>) flights;
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (impl.waiters(key) < count) {
            assertThat(System.nanoTime() - giveUp).as("waiters reached %s", count).isNegative();
            Thread.yield();
        }
    }

    private Thread start(Runnable body) {
        Thread t = Thread.ofVirtual().start(body);
        threads.add(t);
        return t;
    }

    @Test
    void aThousandConcurrentVirtualThreadCallersShareExactlyOneExecution() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        int callers = 1000;
        AtomicInteger shared = new AtomicInteger();
        AtomicInteger gotValue = new AtomicInteger();
        for (int i = 0; i < callers; i++) {
            start(() -> {
                try {
                    SingleFlight.Shared<String> r = flights.callShared("k", this::blockingLoad);
                    if (r.value().equals("k1")) {
                        gotValue.incrementAndGet();
                    }
                    if (r.shared()) {
                        shared.incrementAndGet();
                    }
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
            });
        }
        awaitWaiters(flights, "k", callers);
        release.countDown();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(executions).hasValue(1);
        assertThat(gotValue).hasValue(callers);
        assertThat(shared).as("all but the first caller shared").hasValue(callers - 1);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aFailureReachesEveryWaiter() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        IOException failure = new IOException("backend down");
        SingleFlight.Loader<String, String> loader = key -> {
            release.await();
            throw failure;
        };
        List<Throwable> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            start(() -> {
                try {
                    flights.call("k", loader);
                } catch (ExecutionException e) {
                    seen.add(e);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        }
        awaitWaiters(flights, "k", 2);
        CompletableFuture<String> async = flights.callAsync("k", loader);
        release.countDown();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(seen).hasSize(2).allSatisfy(e -> assertThat(e.getCause()).isSameAs(failure));
        assertThat(seen.get(0)).as("each waiter gets its own exception").isNotSameAs(seen.get(1));
        assertThatThrownBy(async::get).isInstanceOf(ExecutionException.class).cause().isSameAs(failure);
    }

    @Test
    void aWaiterCancellingOrTimingOutOrBeingInterruptedDoesNotAffectTheOthers() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        AtomicReference<String> steadfast = new AtomicReference<>();
        start(() -> {
            try {
                steadfast.set(flights.call("k", this::blockingLoad));
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        });
        awaitWaiters(flights, "k", 1);
        CompletableFuture<String> cancelled = flights.callAsync("k", this::blockingLoad);
        AtomicReference<Throwable> interruptedCaller = new AtomicReference<>();
        Thread toInterrupt = start(() -> {
            try {
                flights.call("k", this::blockingLoad);
            } catch (Throwable e) {
                interruptedCaller.set(e);
            }
        });
        awaitWaiters(flights, "k", 3);
        assertThatThrownBy(() -> flights.call("k", this::blockingLoad, Duration.ofMillis(1)))
                .isInstanceOf(TimeoutException.class);
        assertThat(cancelled.cancel(true)).isTrue();
        toInterrupt.interrupt();
        assertThat(toInterrupt.join(Duration.ofSeconds(10))).isTrue();
        assertThat(interruptedCaller.get()).isInstanceOf(InterruptedException.class);
        assertThat(((DefaultSingleFlight<String, String>) flights).waiters("k")).isEqualTo(1);

        release.countDown();
        assertThat(threads.get(0).join(Duration.ofSeconds(10))).isTrue();
        assertThat(steadfast.get()).isEqualTo("k1");
        assertThat(executions).hasValue(1);
        assertThat(loaderInterrupted.getCount()).as("the shared execution was never interrupted").isEqualTo(1);
        assertThat(cancelled).isCancelled();
    }

    @Test
    void withCancelWhenAbandonedTheLastWaiterLeavingCancelsTheExecution() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.builder().cancelWhenAbandoned(true).build();
        CompletableFuture<String> first = flights.callAsync("k", this::blockingLoad);
        CompletableFuture<String> second = flights.callAsync("k", this::blockingLoad);
        // an execution abandoned before it starts is skipped, not interrupted: let it start
        loaderRunning.await();
        assertThat(first.cancel(false)).isTrue();
        assertThat(loaderInterrupted.getCount()).as("one waiter left, one remains").isEqualTo(1);
        second.orTimeout(1, java.util.concurrent.TimeUnit.NANOSECONDS);
        assertThatThrownBy(second::join).hasCauseInstanceOf(TimeoutException.class);
        loaderInterrupted.await();
        assertThat(flights.inFlight()).isZero();
        CompletableFuture<String> fresh = flights.callAsync("k", key -> "fresh");
        assertThat(fresh.get()).isEqualTo("fresh");
    }

    @Test
    void forgetLetsTheNextCallerStartAFreshExecution() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        CompletableFuture<String> before = flights.callAsync("k", this::blockingLoad);
        assertThat(flights.forget("k")).isTrue();
        assertThat(flights.forget("k")).isFalse();
        CompletableFuture<String> after = flights.callAsync("k", this::blockingLoad);
        release.countDown();
        assertThat(List.of(before.get(), after.get())).containsExactlyInAnyOrder("k1", "k2");
        assertThat(executions).hasValue(2);
    }

    @Test
    void nothingIsCachedAfterTheExecutionFinished() throws Exception {
        SingleFlight<String, Integer> flights = SingleFlight.create();
        AtomicInteger n = new AtomicInteger();
        assertThat(flights.call("k", key -> n.incrementAndGet())).isEqualTo(1);
        assertThat(flights.callShared("k", key -> n.incrementAndGet())).isEqualTo(new SingleFlight.Shared<>(2, false));
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aNullResultIsRefused() {
        SingleFlight<String, String> flights = SingleFlight.create();
        assertThatThrownBy(() -> flights.call("k", key -> null)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NullPointerException.class).hasMessage("loader returned null");
    }

    @Test
    void aRejectedExecutionFailsItsWaitersAndIsUnmapped() {
        SingleFlight<String, String> flights = SingleFlight.builder().executor(r -> {
            throw new RejectedExecutionException("full");
        }).build();
        assertThatThrownBy(() -> flights.call("k", key -> "v")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RejectedExecutionException.class);
        assertThat(flights.inFlight()).isZero();
    }

    @Test
    void aDirectExecutorRunsTheLoaderInTheFirstCallersThread() throws Exception {
        SingleFlight<String, Thread> flights = SingleFlight.builder().executor(Runnable::run).build();
        assertThat(flights.call("k", key -> Thread.currentThread())).isSameAs(Thread.currentThread());
    }

    @Test
    void anAsyncWaitersDependentsAreNotWaiters() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.builder().cancelWhenAbandoned(true).build();
        CompletableFuture<String> waiter = flights.callAsync("k", this::blockingLoad);
        CompletableFuture<Integer> length = waiter.thenApply(String::length);
        assertThat(length.cancel(true)).isTrue();
        assertThat(loaderInterrupted.getCount()).as("cancelling a dependent does not leave").isEqualTo(1);
        release.countDown();
        assertThat(waiter.get()).isEqualTo("k1");
    }

    @Test
    void callAsyncSaysWhetherTheCallerShared() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        FlightFuture<String> first = flights.callAsync("k", this::blockingLoad);
        assertThat(first.shared()).as("the first caller starts the execution").isFalse();
        AtomicReference<FlightFuture<String>> joiner = new AtomicReference<>();
        Thread t = start(() -> joiner.set(flights.callAsync("k", this::blockingLoad)));
        assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        assertThat(joiner.get().shared()).as("a concurrent caller joins it").isTrue();
        awaitWaiters(flights, "k", 2);

        release.countDown();
        assertThat(first.get()).isEqualTo("k1");
        assertThat(joiner.get().get()).isEqualTo("k1");
        FlightFuture<String> afterCompletion = flights.callAsync("k", key -> "fresh");
        assertThat(afterCompletion.shared()).as("after completion a new execution starts").isFalse();
        assertThat(afterCompletion.get()).isEqualTo("fresh");
        assertThat(executions).hasValue(1);
    }

    @Test
    void callAsyncAfterForgetIsNotShared() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        FlightFuture<String> first = flights.callAsync("k", this::blockingLoad);
        assertThat(flights.callAsync("k", this::blockingLoad).shared()).isTrue();
        assertThat(flights.forget("k")).isTrue();
        FlightFuture<String> afterForget = flights.callAsync("k", this::blockingLoad);
        assertThat(afterForget.shared()).as("forget lets the next caller start afresh").isFalse();
        release.countDown();
        assertThat(List.of(first.get(), afterForget.get())).containsExactlyInAnyOrder("k1", "k2");
    }

    @Test
    void statsCountExecutionsSharingFailuresAndLeavers() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.create();
        assertThat(flights.stats()).isEqualTo(new SingleFlightStats(0, 0, 0, 0, 0, 0, 0));
        FlightFuture<String> first = flights.callAsync("k", this::blockingLoad);
        FlightFuture<String> leaver = flights.callAsync("k", this::blockingLoad);
        AtomicReference<String> blocked = new AtomicReference<>();
        start(() -> {
            try {
                blocked.set(flights.call("k", this::blockingLoad));
            } catch (InterruptedException | ExecutionException e) {
                throw new AssertionError(e);
            }
        });
        awaitWaiters(flights, "k", 3);
        assertThat(leaver.cancel(false)).isTrue();
        // a positive timeout joins, waits and leaves (zero would not join at all)
        assertThatThrownBy(() -> flights.call("k", this::blockingLoad, Duration.ofNanos(1))).isInstanceOf(TimeoutException.class);
        assertThat(flights.stats()).isEqualTo(new SingleFlightStats(1, 4, 3, 0, 2, 0, 1));

        release.countDown();
        assertThat(first.get()).isEqualTo("k1");
        assertThat(threads.get(0).join(Duration.ofSeconds(10))).isTrue();
        assertThat(blocked.get()).isEqualTo("k1");
        assertThatThrownBy(() -> flights.call("f", key -> {
            throw new IOException("down");
        })).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> flights.call("n", key -> null)).isInstanceOf(ExecutionException.class);
        assertThat(flights.stats()).isEqualTo(new SingleFlightStats(3, 6, 3, 2, 2, 0, 0));
    }

    @Test
    void statsCountAnExecutionCancelledWhenAbandoned() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.builder().cancelWhenAbandoned(true).build();
        FlightFuture<String> only = flights.callAsync("k", this::blockingLoad);
        assertThat(only.cancel(true)).isTrue(); // counted at once, whether or not the loader had started
        assertThat(flights.stats()).isEqualTo(new SingleFlightStats(1, 1, 0, 0, 1, 1, 0));
        SingleFlight<String, String> rejecting = SingleFlight.builder().executor(r -> {
            throw new RejectedExecutionException("full");
        }).build();
        assertThat(rejecting.callAsync("k", key -> "v")).isCompletedExceptionally();
        assertThat(rejecting.stats()).isEqualTo(new SingleFlightStats(1, 1, 0, 1, 0, 0, 0));
    }

    @Test
    void badInputFailsFastWithClearMessages() {
        SingleFlight<String, String> flights = SingleFlight.create();
        SingleFlight.Loader<String, String> loader = key -> "v";
        assertThatThrownBy(() -> flights.call(null, loader)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> flights.call("k", null)).isInstanceOf(NullPointerException.class).hasMessage("loader");
        assertThatThrownBy(() -> flights.call("k", loader, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> flights.callShared(null, loader)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> flights.callAsync("k", null)).isInstanceOf(NullPointerException.class).hasMessage("loader");
        assertThatThrownBy(() -> flights.forget(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> SingleFlight.builder().executor(null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThat(flights.inFlight()).isZero();
    }
}
