package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** {@link Gathering#join(Duration)}: the timed form of join, driven by a fake ticker. */
class TimedJoinTest extends FanOutFixture {

    /** Says it runs, returns "late" once {@code release} opens, records an interrupt. */
    private Callable<String> gated(CountDownLatch running, CountDownLatch release, CountDownLatch interrupted) {
        return () -> {
            running.countDown();
            try {
                release.await();
                return "late";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    /** Starts a platform thread that joins {@code g} with {@code timeout}, recording what it got. */
    private Thread joiner(Gathering<String> g, Duration timeout, AtomicReference<Object> got) {
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                got.set(g.join(timeout));
            } catch (Throwable e) {
                got.set(e);
            }
        });
        threads.add(t);
        return t;
    }

    /** Waits until {@code joiner} is blocked waiting (or ended) with no wake-up left unconsumed. */
    private static void awaitWaiting(Thread joiner, Gathering<String> g) {
        GatheringImpl<String> impl = (GatheringImpl<String>) g;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (impl.wakeUpPending() || joiner.getState() != Thread.State.TIMED_WAITING) {
            if (!joiner.isAlive()) {
                return;
            }
            assertThat(System.nanoTime() - giveUp).as("joiner waiting").isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void returnsEmptyOnceTheTimeoutPassesOnTheTickerAndTheGatheringGoesOn() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(gated(running, release, interrupted)));
        running.await();
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = joiner(g, Duration.ofSeconds(30), got);
        awaitWaiting(t, g);

        time.advance(Duration.ofMillis(29_999));
        g.wakeUp();
        awaitWaiting(t, g);
        assertThat(t.isAlive()).as("still waiting 1 ms before the timeout").isTrue();

        time.advance(Duration.ofMillis(1));
        g.wakeUp();
        assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        assertThat(got.get()).isEqualTo(Optional.empty());
        assertThat(interrupted.getCount()).as("the call was not cancelled").isEqualTo(1);
        assertThat(g.tryJoin()).isEmpty();

        release.countDown();
        Optional<Gathered<String>> again = g.join(Duration.ofSeconds(30));
        assertThat(again).as("joined again, the result came").isPresent();
        assertThat(again.orElseThrow().values()).containsExactly("late");
    }

    @Test
    void returnsTheResultAsSoonAsTheGatheringSettles() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.allByDeadline(Duration.ofMillis(100)),
                List.of(() -> "a", gated(running, never, interrupted)));
        running.await();
        // "a" has its value before the deadline passes (else it would time out too)
        awaitReports(g, 1);
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = joiner(g, Duration.ofHours(1), got);
        awaitWaiting(t, g);
        time.advance(Duration.ofMillis(100));
        g.wakeUp();
        assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        assertThat(got.get()).isInstanceOfSatisfying(Optional.class, o -> {
            Gathered<?> r = (Gathered<?>) o.orElseThrow();
            assertThat(r.completed()).containsExactly(0);
            assertThat(r.timedOut()).containsExactly(1);
        });
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
    }

    @Test
    void aZeroTimeoutTakesOneStep() throws Exception {
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(() -> "a", () -> "b"));
        awaitReports(g, 2);
        assertThat(g.join(Duration.ZERO).orElseThrow().values()).containsExactly("a", "b");
        assertThat(time.read()).isZero();
    }

    @Test
    void anInterruptWhileWaitingCancelsTheGatheringLikeJoin() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(gated(running, never, interrupted)));
        running.await();
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = joiner(g, Duration.ofHours(1), got);
        awaitWaiting(t, g);
        t.interrupt();
        assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        assertThat(got.get()).isInstanceOf(InterruptedException.class);
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).as("call interrupted before join threw").isTrue();
        assertThat(g.tryJoin().orElseThrow().cancelled()).containsExactly(0);
    }

    @Test
    void anInterruptPendingOnEntryThrowsAndLeavesTheGatheringRunningForBothForms() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(gated(running, release, interrupted)));
        running.await();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> g.join(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(g::join).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(interrupted.getCount()).as("the call was left running").isEqualTo(1);
        release.countDown();
        assertThat(g.join().values()).containsExactly("late");
    }

    @Test
    void aNegativeTimeoutDoesNotWaitAndANullOneIsRejected() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.all(), List.of(() -> {
            release.await();
            return "a";
        }));
        try {
            assertThatThrownBy(() -> g.join(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
            // the call cannot finish before the latch opens: a wait would hang here
            assertThat(g.join(Duration.ofSeconds(-1))).isEmpty();
            assertThat(g.join(Duration.ofSeconds(Long.MIN_VALUE))).isEmpty();
        } finally {
            release.countDown();
            g.close();
        }
    }
}
