package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** {@link GatherPolicy#hedged(LatencyTracker, double, Duration, int)} with a fake ticker and latches. */
class HedgedByPercentileTest extends FanOutFixture {

    private LatencyTracker tracker(int minSamples) {
        return LatencyTracker.builder().ticker(time).window(Duration.ofMinutes(1)).minSamples(minSamples).build();
    }

    /** Attempt 0 blocks (recording its interrupt) until {@code primary} opens, then says "primary"; later attempts say "backup". */
    private Callable<String> primaryThenBackups(CountDownLatch running, CountDownLatch primary, CountDownLatch interrupted) {
        AtomicInteger attempts = new AtomicInteger();
        return () -> {
            if (attempts.getAndIncrement() > 0) {
                return "backup";
            }
            running.countDown();
            try {
                primary.await();
                return "primary";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        };
    }

    @Test
    void theBackupStartsOnlyOnceThePercentileDelayHasPassed() throws Exception {
        LatencyTracker latencies = tracker(20);
        for (int ms = 1; ms <= 100; ms++) {
            latencies.record(Duration.ofMillis(ms).toNanos());
        }
        long p95 = latencies.percentileNanos(95).getAsLong();
        assertThat(p95).isCloseTo(Duration.ofMillis(95).toNanos(), org.assertj.core.data.Percentage.withPercentage(1.6));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(latencies, 95, Duration.ofMillis(1), 3),
                List.of(primaryThenBackups(running, never, interrupted)));
        running.await();
        time.advanceNanos(p95 - 1);
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("no backup before the p95").isEqualTo(1);

        time.advanceNanos(1);
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("backup at the p95").isEqualTo(2);
        awaitReports(g, 1);
        Gathered<String> r = g.join();
        assertThat(r.firstValue()).contains("backup");
        assertThat(r.outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(interrupted.await(0, TimeUnit.NANOSECONDS)).isTrue();
        assertThat(g.started()).isEqualTo(2);
        // Recorded: the backup's value (0 ns on the fake ticker) and the primary, cancelled after
        // the delay, at the time it had been outstanding (a lower bound).
        assertThat(latencies.count()).isEqualTo(102);
        assertThat(latencies.percentileNanos(0.5)).hasValue(0);
    }

    @Test
    void theFallbackDelayAppliesWhileTheTrackerHasTooFewSamples() throws Exception {
        LatencyTracker latencies = tracker(20);
        for (int i = 0; i < 19; i++) {
            latencies.record(Duration.ofMillis(1).toNanos());
        }
        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(latencies, 95, Duration.ofMillis(40), 2),
                List.of(primaryThenBackups(running, never, new CountDownLatch(1))));
        running.await();
        time.advance(Duration.ofMillis(39));
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("not at the 1 ms the 19 samples would say").isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        assertThat(g.tryJoin()).isEmpty();
        assertThat(g.started()).as("backup at the fallback").isEqualTo(2);
        awaitReports(g, 1);
        assertThat(g.join().firstValue()).contains("backup");
    }

    @Test
    void recordsValuesAndLateCancellationsButNotFailuresOrEarlyCancellations() throws Exception {
        LatencyTracker latencies = tracker(1_000);
        Duration fallback = Duration.ofMillis(50);

        // A value before the delay: recorded at its latency.
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Gathering<String> quick = fanOut.start(GatherPolicy.hedged(latencies, 95, fallback, 2),
                List.of(primaryThenBackups(running, release, new CountDownLatch(1))));
        running.await();
        time.advance(Duration.ofMillis(30));
        release.countDown();
        assertThat(quick.join().firstValue()).contains("primary");
        assertThat(latencies.count()).isEqualTo(1);
        assertThat(latencies.percentileNanos(100)).isEmpty(); // 1 of 1,000 samples

        // Failures are not recorded; the value that follows is.
        Gathered<String> failedThenValue = fanOut.gather(GatherPolicy.hedged(latencies, 95, fallback, 3),
                List.<Callable<String>>of(() -> {
                    throw new IllegalStateException("down");
                }, () -> "replica 1"));
        assertThat(failedThenValue.failed()).containsExactly(0);
        assertThat(latencies.count()).isEqualTo(2);

        // A backup beaten by its primary right after it started: not recorded; the primary is.
        CountDownLatch running2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        CountDownLatch backupRunning = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Callable<String> call = () -> {
            if (attempts.getAndIncrement() == 0) {
                running2.countDown();
                release2.await();
                return "primary";
            }
            backupRunning.countDown();
            never.await();
            return "backup";
        };
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(latencies, 95, fallback, 2), List.of(call));
        running2.await();
        time.advance(fallback);
        assertThat(g.tryJoin()).isEmpty();
        backupRunning.await();
        time.advance(Duration.ofMillis(1));
        release2.countDown();
        Gathered<String> r = g.join();
        assertThat(r.firstValue()).contains("primary");
        assertThat(r.outcome(1)).isEqualTo(new Outcome.Cancelled<String>(true));
        assertThat(latencies.count()).as("30 ms, 0 ms (replica 1), 51 ms").isEqualTo(3);
    }

    @Test
    void aTimedOutAttemptOutstandingPastTheDelayIsRecordedAtItsLowerBound() throws Exception {
        LatencyTracker latencies = tracker(1);
        latencies.record(Duration.ofMillis(10).toNanos());
        CountDownLatch running = new CountDownLatch(1);
        Gathering<String> g = fanOut.start(GatherPolicy.hedged(latencies, 50, Duration.ZERO, 1).within(Duration.ofMillis(200)),
                List.of(primaryThenBackups(running, never, new CountDownLatch(1))));
        running.await();
        time.advance(Duration.ofMillis(200));
        assertThat(g.join().timedOut()).containsExactly(0);
        assertThat(latencies.count()).isEqualTo(2);
        assertThat(latencies.percentileNanos(100).getAsLong())
                .isCloseTo(Duration.ofMillis(200).toNanos(), org.assertj.core.data.Percentage.withPercentage(1.6));
    }

    @Test
    void badInputFailsFastWithClearMessages() {
        LatencyTracker t = tracker(1);
        Duration d = Duration.ofMillis(5);
        assertThatThrownBy(() -> GatherPolicy.hedged(null, 95, d, 2)).isInstanceOf(NullPointerException.class).hasMessage("tracker");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, 0, d, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 0.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, 100.1, d, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 100.1 (expected: in (0, 100])");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, Double.NaN, d, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: NaN (expected: in (0, 100])");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, 95, null, 2)).isInstanceOf(NullPointerException.class).hasMessage("fallback");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, 95, Duration.ofMillis(-1), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fallback: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> GatherPolicy.hedged(t, 95, d, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts: 0 (expected: >= 1)");
        GatherPolicy p = GatherPolicy.hedged(t, 99.9, d, 2).within(Duration.ofSeconds(1));
        assertThat(p).isEqualTo(new GatherPolicy.HedgedByPercentile(t, 99.9, d, 2, Duration.ofSeconds(1)));
    }
}
