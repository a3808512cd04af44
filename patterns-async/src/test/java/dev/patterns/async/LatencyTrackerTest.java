package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class LatencyTrackerTest {

    /** The stated precision: within 1/64 of the nearest-rank sample. */
    private static final double ERROR = 1.0 / 64;

    private final FakeTicker time = FakeTicker.start();

    private LatencyTracker tracker(int minSamples) {
        return LatencyTracker.builder().ticker(time).window(Duration.ofSeconds(1)).minSamples(minSamples).build();
    }

    private static long nearestRank(long[] sorted, double percentile) {
        int rank = (int) Math.max(1, Math.ceil(percentile / 100 * sorted.length));
        return sorted[rank - 1];
    }

    @Test
    void percentilesOfKnownLatenciesAreWithinTheStatedError() {
        LatencyTracker t = tracker(1);
        for (int ms = 1; ms <= 1000; ms++) {
            t.record(Duration.ofMillis(ms).toNanos());
        }
        assertThat(t.count()).isEqualTo(1000);
        for (double p : new double[] {0.1, 50, 90, 95, 99, 99.9, 100}) {
            long expected = Duration.ofMillis((long) Math.ceil(p * 10)).toNanos();
            assertThat(t.percentileNanos(p).getAsLong()).as("p%s", p)
                    .isBetween((long) (expected * (1 - ERROR)), (long) (expected * (1 + ERROR)));
        }
    }

    @Test
    void percentilesOfRandomLatenciesAreWithinTheStatedErrorOfTheNearestRankSample() {
        LatencyTracker t = tracker(1);
        SplittableRandom random = new SplittableRandom(42);
        long[] samples = new long[20_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (long) Math.exp(random.nextDouble(0, Math.log(1e10))); // 1 ns .. 10 s
            t.record(samples[i]);
        }
        Arrays.sort(samples);
        for (double p = 0.5; p <= 100; p += 0.5) {
            long expected = nearestRank(samples, p);
            long got = t.percentileNanos(p).getAsLong();
            assertThat((double) Math.abs(got - expected)).as("p%s: %s vs %s", p, got, expected)
                    .isLessThanOrEqualTo(expected * ERROR);
        }
    }

    @Test
    void smallLatenciesAreExact() {
        LatencyTracker t = tracker(1);
        for (int ns = 0; ns < 64; ns++) {
            t.record(ns);
        }
        assertThat(t.percentileNanos(100)).hasValue(63);
        assertThat(t.percentileNanos(50)).hasValue(31);
        assertThat(t.percentileNanos(1.0 / 64 * 100)).hasValue(0);
    }

    @Test
    void bucketsCoverTheRangeInOrderAndClampTheTop() {
        int previous = -1;
        for (long v = 0; v < (1L << 41); v = v < 100 ? v + 1 : v + v / 37) {
            int i = LogLinearLatencyTracker.index(v);
            assertThat(i).isGreaterThanOrEqualTo(previous).isLessThan(LogLinearLatencyTracker.BUCKETS);
            previous = i;
            if (v <= LogLinearLatencyTracker.MAX_VALUE) {
                assertThat((double) Math.abs(LogLinearLatencyTracker.value(i) - v)).as("v=%s", v)
                        .isLessThanOrEqualTo(v * ERROR);
            }
        }
        assertThat(LogLinearLatencyTracker.index(Long.MAX_VALUE)).isEqualTo(LogLinearLatencyTracker.BUCKETS - 1);
    }

    @Test
    void tooFewSamplesAnswerEmpty() {
        LatencyTracker t = tracker(10);
        for (int i = 0; i < 9; i++) {
            t.record(1_000);
        }
        assertThat(t.percentileNanos(50)).isEmpty();
        t.record(1_000);
        assertThat(t.percentileNanos(50)).isPresent();
    }

    @Test
    void samplesAgeOutAfterTwoWindows() {
        LatencyTracker t = tracker(1);
        t.record(Duration.ofMillis(500).toNanos());
        time.advance(Duration.ofMillis(999));
        t.record(Duration.ofMillis(5).toNanos());
        assertThat(t.count()).isEqualTo(2);

        time.advance(Duration.ofMillis(1)); // the second window: the first is the previous one
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.percentileNanos(100).getAsLong()).isCloseTo(Duration.ofMillis(500).toNanos(),
                org.assertj.core.data.Percentage.withPercentage(2));
        t.record(Duration.ofMillis(7).toNanos());

        time.advance(Duration.ofSeconds(1)); // the third: the first window aged out
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.percentileNanos(100).getAsLong()).isCloseTo(Duration.ofMillis(7).toNanos(),
                org.assertj.core.data.Percentage.withPercentage(2));
        t.record(Duration.ofMillis(9).toNanos()); // reuses (and resets) the first window's slot
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.percentileNanos(100).getAsLong()).as("the 500 ms sample is gone")
                .isCloseTo(Duration.ofMillis(9).toNanos(), org.assertj.core.data.Percentage.withPercentage(2));

        time.advance(Duration.ofDays(3)); // idle far longer than two windows
        assertThat(t.count()).isZero();
        assertThat(t.percentileNanos(50)).isEmpty();
        t.record(3);
        assertThat(t.percentileNanos(50)).isEqualTo(OptionalLong.of(3));
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void badInputFailsFastWithClearMessages() {
        LatencyTracker t = tracker(1);
        assertThatThrownBy(() -> t.record(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latencyNanos: -1 (expected: >= 0)");
        assertThatThrownBy(() -> t.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 0.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> t.percentileNanos(100.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 100.5 (expected: in (0, 100])");
        assertThatThrownBy(() -> t.percentileNanos(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: NaN (expected: in (0, 100])");
        assertThatThrownBy(() -> LatencyTracker.builder().window(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("window");
        assertThatThrownBy(() -> LatencyTracker.builder().window(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window: PT0.000999999S (expected: >= PT0.001S)");
        assertThatThrownBy(() -> LatencyTracker.builder().minSamples(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minSamples: 0 (expected: >= 1)");
        assertThatThrownBy(() -> LatencyTracker.builder().ticker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("ticker");
        assertThat(LatencyTracker.create().minSamples()).isEqualTo(100);
        assertThat(LatencyTracker.create().window()).isEqualTo(Duration.ofSeconds(10));
    }
}
