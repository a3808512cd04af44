package dev.patterns.async.micrometer;

import dev.patterns.async.FanOutStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.patterns.async.ExecutionLayer;
import dev.patterns.async.FanOut;
import dev.patterns.async.LatencyTracker;
import dev.patterns.async.LayerFixture;
import dev.patterns.async.LatencyTrackerStats;
import dev.patterns.async.GatherPolicy;
import dev.patterns.async.SingleFlight;
import dev.patterns.time.FakeTicker;
import dev.patterns.testing.Meters;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every meter of {@link AsyncMetrics}: its name, tags and value after a scripted scenario. */
@Timeout(60)
class AsyncMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void executionLayerMetersFollowTheExecutorConventionsPlusRejections() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(1, 1);
        AsyncMetrics.create().executionLayer(cpu).bindTo(registry);
        Tags tags = Tags.of("name", cpu.name());
        CountDownLatch release = new CountDownLatch(1);
        try {
            LayerFixture.occupy(cpu, release);
            assertThat(cpu.tryExecute(() -> { })).isTrue();
            assertThat(cpu.tryExecute(() -> { })).as("full").isFalse();

            assertThat(gauge("patterns.layer.active", tags)).isEqualTo(1);
            assertThat(gauge("patterns.layer.queued", tags)).isEqualTo(1);
            assertThat(gauge("patterns.layer.waiting", tags)).isZero();
            assertThat(gauge("patterns.layer.queue.remaining", tags)).isZero();
            assertThat(counter("patterns.layer.rejected", tags.and("reason", "full"))).isEqualTo(1);
        } finally {
            release.countDown();
            cpu.close();
        }
        assertThat(cpu.isTerminated()).as("close() waits").isTrue();
        assertThatThrownBy(() -> cpu.tryExecute(() -> { })).as("shut down")
                .isInstanceOf(RejectedExecutionException.class);

        assertThat(gauge("patterns.layer.active", tags)).isZero();
        assertThat(gauge("patterns.layer.queued", tags)).isZero();
        assertThat(gauge("patterns.layer.queue.remaining", tags)).isEqualTo(cpu.capacity());
        assertThat(counter("patterns.layer.completed", tags)).isEqualTo(2);
        assertThat(counter("patterns.layer.failed", tags)).isZero();
        assertThat(counter("patterns.layer.cancelled", tags)).isZero();
        assertThat(counter("patterns.layer.rejected", tags.and("reason", "full"))).isEqualTo(1);
        assertThat(counter("patterns.layer.rejected", tags.and("reason", "shut_down"))).isEqualTo(1);
        assertThat(counter("patterns.layer.rejected", tags.and("reason", "interrupted"))).isZero();
        assertThat(metersStartingWith("patterns.layer")).hasSize(10);
    }

    @Test
    void fanOutMetersCountGatheringsAndCallsByOutcome() throws Exception {
        FanOut fanOut = FanOut.builder().name("search").build();
        AsyncMetrics.create().fanOut(fanOut).bindTo(registry);
        assertThat(fanOut.toString()).startsWith("FanOut[search, ");
        assertThat(FanOut.create().name()).matches("fanout-\\d+");
        fanOut.gather(GatherPolicy.all(), List.<Callable<String>>of(() -> "a", () -> "b", () -> {
            throw new IllegalStateException("shard down");
        }));
        fanOut.gather(GatherPolicy.hedged(Duration.ZERO, 2), List.<Callable<String>>of(() -> {
            throw new IllegalStateException("shard down");
        }));

        FanOutStats s = fanOut.stats();
        Tags tags = Tags.of("name", "search");
        assertThat(counter("patterns.fanout.gatherings.started", tags)).isEqualTo(2);
        FunctionTimer duration = Meters.timer(registry, "patterns.fanout.duration", tags);
        assertThat(duration.count()).isEqualTo(2);
        // the durations themselves are scripted with a fake ticker in FanOutStatsTest
        assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isCloseTo(s.gatheringNanos(), within(0.5));
        assertThat(counter("patterns.fanout.hedges", tags)).isEqualTo(1);
        assertThat(counter("patterns.fanout.calls.started", tags)).isEqualTo(s.callsStarted());
        assertThat(counter("patterns.fanout.calls", tags.and("kind", "completed"))).isEqualTo(2);
        assertThat(counter("patterns.fanout.calls", tags.and("kind", "failed"))).isEqualTo(s.failed());
        assertThat(counter("patterns.fanout.calls", tags.and("kind", "timed_out"))).isZero();
        assertThat(counter("patterns.fanout.calls", tags.and("kind", "cancelled"))).isZero();
        assertThat(counter("patterns.fanout.calls.unfinished", tags)).isZero();
        assertThat(s.callsStarted()).isEqualTo(5);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(metersStartingWith("patterns.fanout")).hasSize(9);
        assertThat(registry.get("patterns.fanout.calls").meters()).as("one meter per outcome kind").hasSize(4);
    }

    @Test
    void singleFlightMetersCountCallersAndExecutions() throws Exception {
        SingleFlight<String, String> flight = SingleFlight.builder().name("users").build();
        AsyncMetrics.create().singleFlight(flight).bindTo(registry);
        assertThat(flight.call("ann", k -> k.toUpperCase())).isEqualTo("ANN");
        assertThatThrownBy(() -> flight.call("bob", k -> {
            throw new IllegalStateException("db down");
        })).isInstanceOf(ExecutionException.class);

        Tags tags = Tags.of("name", "users");
        assertThat(counter("patterns.singleflight.calls", tags)).isEqualTo(2);
        assertThat(counter("patterns.singleflight.shared.calls", tags)).isZero();
        assertThat(counter("patterns.singleflight.executions", tags)).isEqualTo(2);
        assertThat(counter("patterns.singleflight.failures", tags)).isEqualTo(1);
        assertThat(counter("patterns.singleflight.abandoned", tags)).isZero();
        assertThat(gauge("patterns.singleflight.in.flight", tags)).isZero();
        assertThat(metersStartingWith("patterns.singleflight")).hasSize(6);
    }

    @Test
    void latencyTrackerGaugesReportPercentilesInSecondsOnceThereAreEnoughSamples() {
        FakeTicker time = FakeTicker.start();
        LatencyTracker tracker = LatencyTracker.builder().name("backend").minSamples(2).ticker(time).build();
        AsyncMetrics.create().latencyTracker(tracker, 50, 100).bindTo(registry);
        Tags tags = Tags.of("name", "backend");
        tracker.record(Duration.ofMillis(1).toNanos());
        assertThat(gauge("patterns.latency.percentile", tags.and("phi", "0.5"))).isNaN();
        assertThat(gauge("patterns.latency.samples", tags)).isEqualTo(1);
        tracker.record(Duration.ofMillis(100).toNanos());

        assertThat(gauge("patterns.latency.percentile", tags.and("phi", "0.5")))
                .isEqualTo(tracker.percentileNanos(50).getAsLong() / 1e9);
        assertThat(gauge("patterns.latency.percentile", tags.and("phi", "1.0")))
                .isEqualTo(tracker.percentileNanos(100).getAsLong() / 1e9)
                .isBetween(0.09, 0.11);
        assertThat(gauge("patterns.latency.samples", tags)).isEqualTo(2);
        assertThat(tracker.stats()).isEqualTo(new LatencyTrackerStats("backend", 2,
                tracker.percentileNanos(50).getAsLong(), tracker.percentileNanos(99).getAsLong(),
                tracker.percentileNanos(99.9).getAsLong()));
        LatencyTracker fresh = LatencyTracker.builder().minSamples(5).build();
        assertThat(fresh.name()).matches("latency-\\d+");
        assertThat(fresh.stats()).isEqualTo(new LatencyTrackerStats(fresh.name(), 0, -1, -1, -1));
        assertThat(tracker.toString()).startsWith("LatencyTracker[backend, ");
        assertThat(registry.get("patterns.latency.percentile").tags(tags).gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(metersStartingWith("patterns.latency")).hasSize(3);
    }

    @Test
    void badArgumentsAreRejectedWithMessages() {
        AsyncMetrics metrics = AsyncMetrics.create();
        LatencyTracker tracker = LatencyTracker.create();
        assertThatThrownBy(() -> metrics.fanOut(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("fanOut");
        assertThatThrownBy(() -> metrics.latencyTracker(tracker)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentiles: 0 (expected: >= 1)");
        assertThatThrownBy(() -> metrics.latencyTracker(tracker, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 0.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> metrics.latencyTracker(tracker, 101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile: 101.0 (expected: in (0, 100])");
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class).hasMessage("registry");
    }

    private double gauge(String name, Tags tags) {
        return Meters.gauge(registry, name, tags);
    }

    private double counter(String name, Tags tags) {
        return Meters.counter(registry, name, tags);
    }

    private List<Meter.Id> metersStartingWith(String prefix) {
        return Meters.startingWith(registry, prefix);
    }
}
