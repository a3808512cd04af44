package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** {@link FanOut#stats()} against scenarios whose counts are known. */
class FanOutStatsTest extends FanOutFixture {

    private Callable<String> blocker(CountDownLatch running) {
        return () -> {
            running.countDown();
            never.await();
            return "never";
        };
    }

    private static Callable<String> failing() {
        return () -> {
            throw new IllegalStateException("down");
        };
    }

    @Test
    void eachCounterMatchesTheScenario() throws Exception {
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

        fanOut.gather(GatherPolicy.all(), List.of(() -> "a", () -> "b"));
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(1, 1, 2, 0, 2, 0, 0, 0, 0, 0));

        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> partial = fanOut.start(GatherPolicy.allByDeadline(Duration.ofMillis(300)),
                List.of(() -> "a", failing(), blocker(running)));
        running.await();
        // the quick calls have reported before the deadline passes (else they would time out)
        awaitReports(partial, 2);
        assertThat(fanOut.stats()).as("a running gathering counts as started only")
                .isEqualTo(new FanOutStats(2, 1, 2, 0, 2, 0, 0, 0, 0, 0));
        time.advance(Duration.ofMillis(300));
        partial.join();
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(2, 2, 5, 0, 3, 1, 1, 0, 0, 300_000_000));

        CountDownLatch running2 = new CountDownLatch(1);
        fanOut.gather(GatherPolicy.firstSuccess(), List.of(blocker(running2), () -> {
            running2.await();
            return "fast";
        }));
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(3, 3, 7, 0, 4, 1, 1, 1, 0, 300_000_000));

        fanOut.gather(GatherPolicy.hedged(Duration.ZERO, 3), List.of(failing()));
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(4, 4, 10, 2, 4, 4, 1, 1, 0, 300_000_000));

        CountDownLatch running3 = new CountDownLatch(1);
        Gathering<String> closed = fanOut.start(GatherPolicy.all(), List.of(blocker(running3)));
        running3.await();
        closed.close();
        assertThat(fanOut.stats()).isEqualTo(new FanOutStats(5, 5, 11, 2, 4, 4, 1, 2, 0, 300_000_000));
    }

    @Test
    void unstartedCallsAreOutcomesButNotStartedCalls() throws Exception {
        FanOut limited = FanOut.builder().threadFactory(counting).ticker(time).concurrency(1).build();
        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> g = limited.start(GatherPolicy.allByDeadline(Duration.ofMillis(10)),
                List.of(blocker(running), () -> "never started"));
        running.await();
        time.advance(Duration.ofMillis(10));
        assertThat(g.join().timedOut()).containsExactly(0, 1);
        assertThat(limited.stats()).isEqualTo(new FanOutStats(1, 1, 1, 0, 0, 0, 2, 0, 0, 10_000_000));
    }

    @Test
    void aCallIgnoringItsInterruptIsCountedUnfinished() throws Exception {
        FanOut graceful = FanOut.builder().threadFactory(counting).ticker(time)
                .interruptGrace(Duration.ofMillis(100)).build();
        CountDownLatch running = new CountDownLatch(1);
        Callable<String> stubborn = ignoringInterrupts(running);
        Gathering<String> g = graceful.start(GatherPolicy.firstSuccess(), List.of(stubborn, () -> "quick"));
        running.await();
        awaitReports(g, 1);
        assertThat(g.tryJoin()).isEmpty();
        time.advance(Duration.ofMillis(100));
        assertThat(g.tryJoin().orElseThrow().unfinished()).containsExactly(0);
        assertThat(graceful.stats()).isEqualTo(new FanOutStats(1, 1, 2, 0, 1, 0, 0, 1, 1, 100_000_000));
    }
}
