package dev.patterns.resilience;

import static dev.patterns.resilience.CircuitBreaker.NO_PERMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.patterns.resilience.CircuitBreaker.State;
import dev.patterns.resilience.CircuitBreaker.Transition;
import dev.patterns.time.FakeTicker;

class CircuitBreakerTest {

    private final FakeTicker time = FakeTicker.startingAt(Long.MAX_VALUE - 1_000_000_000L); // wraps mid-test

    private static void fail(CircuitBreaker breaker) {
        long permit = breaker.tryAcquirePermit();
        assertThat(permit).isNotEqualTo(NO_PERMIT);
        breaker.onFailure(permit, 0, new IOException("down"));
    }

    private static void succeed(CircuitBreaker breaker) {
        long permit = breaker.tryAcquirePermit();
        assertThat(permit).isNotEqualTo(NO_PERMIT);
        breaker.onSuccess(permit, 0);
    }

    @Test
    void opensAfterConsecutiveFailuresAndASuccessResetsTheCount() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(3).build();
        fail(breaker);
        fail(breaker);
        succeed(breaker);
        fail(breaker);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().consecutiveFailures()).isEqualTo(2);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        assertThat(breaker.stats().notPermittedCalls()).isEqualTo(2);
    }

    @Test
    void failureRateIsJudgedOnlyFromTheMinimumNumberOfCalls() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).failureRate(50).countWindow(20)
                .minimumCalls(10).build();
        for (int i = 0; i < 9; i++) {
            fail(breaker);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(-1);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void countWindowSlidesOverTheLastCalls() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).failureRate(50).countWindow(4)
                .minimumCalls(4).build();
        fail(breaker);
        succeed(breaker);
        succeed(breaker);
        succeed(breaker); // F S S S = 25%
        fail(breaker); // S S S F: the first failure slid out = 25%
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowCalls()).isEqualTo(4);
        assertThat(stats.windowFailures()).isEqualTo(1);
        assertThat(stats.failureRate()).isEqualTo(25.0);
        succeed(breaker); // S S F S
        fail(breaker); // S F S F = 50%
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void timeWindowForgetsCallsOlderThanTheWindow() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).failureRate(50)
                .timeWindow(Duration.ofSeconds(10), 10).minimumCalls(4).build();
        fail(breaker);
        fail(breaker);
        fail(breaker); // 3 calls: below the minimum
        time.advance(Duration.ofSeconds(11)); // they slide out
        succeed(breaker);
        succeed(breaker);
        succeed(breaker);
        fail(breaker); // 1 of 4 = 25%
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.stats().windowCalls()).isEqualTo(4);
        time.advance(Duration.ofSeconds(5));
        fail(breaker); // 2 of 5 = 40%
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker); // 3 of 6 = 50%
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void slowCallRateOpensTheBreakerEvenIfCallsSucceed() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).slowCalls(Duration.ofMillis(100), 50)
                .countWindow(4).minimumCalls(4).build();
        long fast = Duration.ofMillis(99).toNanos();
        long slow = Duration.ofMillis(100).toNanos();
        for (long d : new long[] {fast, slow, fast}) {
            breaker.onSuccess(breaker.tryAcquirePermit(), d);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.onSuccess(breaker.tryAcquirePermit(), slow);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void wrappedCallsAreTimedForTheSlowCallThreshold() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).slowCalls(Duration.ofSeconds(1), 100)
                .countWindow(1).minimumCalls(1).build();
        assertThat(breaker.call(() -> "quick")).isEqualTo("quick");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        breaker.call(() -> time.advance(Duration.ofSeconds(1)));
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void halfOpenAfterTheOpenDurationThenClosesWhenEveryProbeSucceeds() {
        List<Transition> transitions = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder().name("db").ticker(time).consecutiveFailures(1)
                .openDuration(Duration.ofSeconds(5)).halfOpenProbes(2).listener(transitions::add).build();
        fail(breaker);
        time.advance(Duration.ofMillis(4999));
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        time.advance(Duration.ofMillis(1));
        long probe1 = breaker.tryAcquirePermit();
        long probe2 = breaker.tryAcquirePermit();
        assertThat(probe1).isNotEqualTo(NO_PERMIT).isEqualTo(probe2);
        assertThat(breaker.tryAcquirePermit()).as("third probe").isEqualTo(NO_PERMIT);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        breaker.onSuccess(probe1, 0);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquirePermit()).as("a reported probe does not free a slot").isEqualTo(NO_PERMIT);
        breaker.onSuccess(probe2, 0);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(transitions).extracting(Transition::from, Transition::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(State.CLOSED, State.OPEN),
                org.assertj.core.groups.Tuple.tuple(State.OPEN, State.HALF_OPEN),
                org.assertj.core.groups.Tuple.tuple(State.HALF_OPEN, State.CLOSED));
        assertThat(transitions).extracting(Transition::generation).containsExactly(2L, 3L, 4L);
        assertThat(transitions.get(1).atNanos() - transitions.get(0).atNanos())
                .isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(transitions).allMatch(t -> t.breaker().equals("db"));
    }

    @Test
    void aFailedProbeReopensWithABackoffThatResetsOnClose() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .openBackoff(Duration.ofSeconds(1), Duration.ofSeconds(3), 2.0).build();
        fail(breaker); // open for 1 s
        time.advance(Duration.ofSeconds(1));
        fail(breaker); // probe fails: open for 2 s
        time.advance(Duration.ofMillis(1999));
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        time.advance(Duration.ofMillis(1));
        fail(breaker); // open for 4 s, capped to 3 s
        time.advance(Duration.ofMillis(2999));
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        time.advance(Duration.ofMillis(1));
        succeed(breaker); // closes
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker); // open for 1 s again
        time.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquirePermit()).isNotEqualTo(NO_PERMIT);
    }

    @Test
    void aSlowProbeCountsAsFailed() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .slowCalls(Duration.ofMillis(10), 100).openDuration(Duration.ofSeconds(1)).build();
        fail(breaker);
        time.advance(Duration.ofSeconds(1));
        breaker.onSuccess(breaker.tryAcquirePermit(), Duration.ofMillis(10).toNanos());
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aProbeThatNeverReportsExpiresAndItsLateReportIsIgnored() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .openDuration(Duration.ofSeconds(1)).probeTimeout(Duration.ofSeconds(30)).build();
        fail(breaker);
        time.advance(Duration.ofSeconds(1));
        long lost = breaker.tryAcquirePermit();
        assertThat(lost).isNotEqualTo(NO_PERMIT);
        time.advance(Duration.ofMillis(29_999));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        time.advance(Duration.ofMillis(1));
        assertThat(breaker.state()).as("lost probe counts as failed").isEqualTo(State.OPEN);
        time.advance(Duration.ofSeconds(2)); // open duration doubled? no backoff: 1 s
        long fresh = breaker.tryAcquirePermit();
        assertThat(fresh).isNotEqualTo(NO_PERMIT).isNotEqualTo(lost);
        breaker.onFailure(lost, 0, new IOException("late"));
        assertThat(breaker.state()).as("late report of an expired probe").isEqualTo(State.HALF_OPEN);
        breaker.onSuccess(fresh, 0);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void aReleasedProbeFreesItsSlot() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .openDuration(Duration.ofSeconds(1)).build();
        fail(breaker);
        time.advance(Duration.ofSeconds(1));
        long probe = breaker.tryAcquirePermit();
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        breaker.release(probe);
        long again = breaker.tryAcquirePermit();
        assertThat(again).isEqualTo(probe);
        breaker.onFailure(again, 0, new IllegalStateException());
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void permitsFromAnEarlierStateAreIgnored() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(2).build();
        long early = breaker.tryAcquirePermit();
        fail(breaker);
        fail(breaker);
        breaker.reset();
        breaker.onFailure(early, 0, new IOException());
        assertThat(breaker.stats().consecutiveFailures()).isZero();
        breaker.onSuccess(NO_PERMIT, 0);
        breaker.release(NO_PERMIT);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void predicatesDecideWhatIsAFailure() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .recordFailure(e -> e instanceof IOException)
                .ignoreFailure(e -> e instanceof java.io.FileNotFoundException)
                .failureResult(r -> r == null).build();
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new IllegalArgumentException("a bad request"));
        breaker.onFailure(breaker.tryAcquirePermit(), 0, new java.io.FileNotFoundException("ignored"));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.call(() -> "fine")).isEqualTo("fine");
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        Object nothing = breaker.call(() -> null);
        assertThat(nothing).isNull();
        assertThat(breaker.state()).as("null result is a failure").isEqualTo(State.OPEN);
    }

    @Test
    void wrappedFormsRecordOutcomesAndRejectWithoutAStackTrace() {
        CircuitBreaker breaker = CircuitBreaker.builder().name("inventory").ticker(time).consecutiveFailures(2).build();
        assertThatThrownBy(() -> breaker.run(() -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IOException("io");
        })).isInstanceOf(IOException.class);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThatThrownBy(() -> breaker.get(() -> "never"))
                .isInstanceOfSatisfying(CallRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.CIRCUIT_OPEN);
                    assertThat(e.getStackTrace()).isEmpty();
                })
                .hasMessage("circuit breaker 'inventory' is OPEN: call not permitted");
    }

    @Test
    void asyncCallsRecordWhenTheStageCompletes() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1).build();
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletionStage<String> stage = breaker.callAsync(() -> pending);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        pending.completeExceptionally(new IOException("late failure"));
        assertThat(stage.toCompletableFuture().isCompletedExceptionally()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        CompletionStage<String> rejected = breaker.callAsync(() -> CompletableFuture.completedFuture("x"));
        assertThatThrownBy(() -> rejected.toCompletableFuture().get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(CallRejectedException.class);
        breaker.reset();
        assertThat(breaker.callAsync(() -> CompletableFuture.completedFuture("ok")).toCompletableFuture().get())
                .isEqualTo("ok");
        assertThat(breaker.callAsync(() -> {
            throw new IllegalStateException("sync throw");
        }).toCompletableFuture().isCompletedExceptionally()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void manualStates() {
        List<State> entered = new ArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .listener(t -> entered.add(t.to())).build();
        breaker.forceOpen();
        time.advance(Duration.ofDays(1));
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        breaker.disable();
        for (int i = 0; i < 5; i++) {
            fail(breaker);
        }
        assertThat(breaker.state()).isEqualTo(State.DISABLED);
        breaker.reset();
        fail(breaker);
        assertThat(entered).containsExactly(State.FORCED_OPEN, State.DISABLED, State.CLOSED, State.OPEN);
    }

    @Test
    void aThrowingListenerIsReportedAndDoesNotBreakTheBreaker() {
        List<Throwable> reported = new ArrayList<>();
        AtomicInteger second = new AtomicInteger();
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .listener(t -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(t -> second.incrementAndGet())
                .listenerErrorHandler((t, e) -> reported.add(e)).build();
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("listener bug");
        assertThat(second).hasValue(1);
    }

    @Test
    void listenersSeeTheNewStateAlready() {
        List<State> seen = new ArrayList<>();
        CircuitBreaker[] self = new CircuitBreaker[1];
        self[0] = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                .listener(t -> seen.add(self[0].state())).build();
        fail(self[0]);
        assertThat(seen).containsExactly(State.OPEN);
    }

    @Test
    void racingCallersNeverGetMoreProbesThanConfigured() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(1)
                    .openDuration(Duration.ofSeconds(1)).halfOpenProbes(3).build();
            fail(breaker);
            time.advance(Duration.ofSeconds(1));
            CyclicBarrier start = new CyclicBarrier(threads);
            AtomicInteger admitted = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    if (breaker.tryAcquirePermit() != NO_PERMIT) {
                        admitted.incrementAndGet();
                    }
                }));
            }
            for (Thread t : workers) {
                t.join(Duration.ofSeconds(10));
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(admitted).hasValue(3);
        }
    }

    @Test
    void concurrentRecordersLoseNoCount() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).failureRate(100).countWindow(100_000)
                .minimumCalls(100_000).build();
        int threads = 4;
        int each = 10_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int id = i;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int k = 0; k < each; k++) {
                    long permit = breaker.tryAcquirePermit();
                    if ((k + id) % 4 == 0) {
                        breaker.onFailure(permit, 0, new IOException());
                    } else {
                        breaker.onSuccess(permit, 0);
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).isFalse();
        }
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowCalls()).isEqualTo(threads * each);
        assertThat(stats.windowFailures()).isEqualTo(threads * each / 4);
    }

    @Test
    void badConfigurationIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> CircuitBreaker.builder().consecutiveFailures(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("consecutiveFailures: 0 (expected: >= 1)");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRate(0))
                .hasMessage("failureRate: 0.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> CircuitBreaker.builder().failureRate(101))
                .hasMessage("failureRate: 101.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> CircuitBreaker.builder().countWindow(0))
                .hasMessage("countWindow: 0 (expected: in [1, 1000000])");
        assertThatThrownBy(() -> CircuitBreaker.builder().openDuration(Duration.ofSeconds(-1)))
                .hasMessage("openDuration: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> CircuitBreaker.builder().openDuration(null))
                .isInstanceOf(NullPointerException.class).hasMessage("openDuration");
        assertThatThrownBy(() -> CircuitBreaker.builder().slowCalls(Duration.ZERO, 50))
                .hasMessage("slowerThan: PT0S (expected: > 0)");
        assertThatThrownBy(() -> CircuitBreaker.builder().openBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .hasMessage("max: PT1S (expected: >= initial PT2S)");
        assertThatThrownBy(() -> CircuitBreaker.builder().openBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessage("multiplier: 0.5 (expected: >= 1)");
        assertThatThrownBy(() -> CircuitBreaker.builder().halfOpenProbes(0))
                .hasMessage("halfOpenProbes: 0 (expected: >= 1)");
        assertThatThrownBy(() -> CircuitBreaker.builder().timeWindow(Duration.ofSeconds(1), 101))
                .hasMessage("buckets: 101 (expected: in [1, 100])");
        assertThatThrownBy(() -> CircuitBreaker.builder().countWindow(5).minimumCalls(6).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("minimumCalls: 6 (expected: <= countWindow 5)");
        assertThatThrownBy(() -> CircuitBreaker.builder().listener(null)).hasMessage("listener");
        CircuitBreaker breaker = CircuitBreaker.builder().build();
        assertThatThrownBy(() -> breaker.call(null)).isInstanceOf(NullPointerException.class).hasMessage("callable");
        assertThatThrownBy(() -> breaker.onFailure(breaker.tryAcquirePermit(), 0, null)).hasMessage("failure");
    }

    @Test
    void defaultIsFiftyPercentOverOneHundredCallsFromTen() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).build();
        for (int i = 0; i < 5; i++) {
            succeed(breaker);
        }
        for (int i = 0; i < 4; i++) {
            fail(breaker);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(breaker); // 5 of 10
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    void aListenerAddedAfterBuildHearsLaterTransitionsAfterTheBuildersOnes() {
        List<String> heard = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder().name("late").ticker(time).consecutiveFailures(1)
                .listener(t -> heard.add("built " + t.from() + "->" + t.to()))
                .build();
        breaker.forceOpen();
        breaker.addListener(t -> heard.add("added " + t.from() + "->" + t.to() + " " + t.reason()));
        breaker.reset();
        assertThat(heard).containsExactly("built CLOSED->FORCED_OPEN", "built FORCED_OPEN->CLOSED",
                "added FORCED_OPEN->CLOSED reset");
        assertThatThrownBy(() -> breaker.addListener(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
    }

    @Test
    void statsCountFailuresIgnoredAndNotPermittedCallsSinceBuild() {
        CircuitBreaker breaker = CircuitBreaker.builder().ticker(time).consecutiveFailures(2)
                .ignoreFailure(e -> e instanceof IllegalArgumentException)
                .failureResult(r -> "bad".equals(r))
                .build();
        succeed(breaker);
        long permit = breaker.tryAcquirePermit();
        breaker.onFailure(permit, 0, new IllegalArgumentException("ignored"));
        permit = breaker.tryAcquirePermit();
        breaker.onResult(permit, 0, "fine");
        permit = breaker.tryAcquirePermit();
        breaker.onResult(permit, 0, "bad");
        fail(breaker); // second consecutive failure: opens
        assertThat(breaker.tryAcquirePermit()).isEqualTo(NO_PERMIT);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(State.OPEN);
        assertThat(stats.failedCalls()).isEqualTo(2);
        assertThat(stats.ignoredCalls()).isEqualTo(1);
        assertThat(stats.notPermittedCalls()).isEqualTo(1);
    }
}
