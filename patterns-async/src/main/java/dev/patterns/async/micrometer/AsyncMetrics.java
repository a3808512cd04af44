package dev.patterns.async.micrometer;

import dev.patterns.internal.Checks;
import dev.patterns.async.ExecutionLayer;
import dev.patterns.async.FanOut;
import dev.patterns.async.LatencyTracker;
import dev.patterns.async.SingleFlight;
import static dev.patterns.core.micrometer.internal.MeterRecipe.counter;
import static dev.patterns.core.micrometer.internal.MeterRecipe.gauge;
import static dev.patterns.core.micrometer.internal.MeterRecipe.seconds;
import static dev.patterns.core.micrometer.internal.MeterRecipe.timer;

import dev.patterns.core.micrometer.internal.MeterRecipe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * Binds the meters of execution layers, fan-outs, single-flights and latency trackers to a
 * Micrometer {@link MeterRegistry}.
 *
 * <pre>{@code
 * AsyncMetrics.create().executionLayer(layer).fanOut(fanOut).bindTo(registry);
 * }</pre>
 *
 * <p>Every meter reads the component's {@code stats()} (or its accessors) when the registry is
 * polled, so hot paths pay nothing. Meters carry one tag, {@code name}: the execution layer's
 * {@code name()}, or the name given here for components that have none. As with every Micrometer
 * gauge, the registry holds the component weakly: keep a reference to it for as long as it should
 * be reported.
 *
 * <p>This class is a recipe: configure it from one thread, then {@code bindTo} may be called for
 * each registry. Only code that calls it loads Micrometer; the dependency is optional.
 */
public final class AsyncMetrics implements MeterBinder {

    private final MeterRecipe recipe = new MeterRecipe();

    private AsyncMetrics() {}

    /**
     * Returns an empty binder.
     *
     * @return a binder with nothing to bind yet
     */
    public static AsyncMetrics create() {
        return new AsyncMetrics();
    }

    /**
     * Adds an execution layer, following Micrometer's executor conventions: gauges
     * {@code patterns.layer.queued}, {@code patterns.layer.active} (running tasks),
     * {@code patterns.layer.waiting} (submitters blocked for room) and
     * {@code patterns.layer.queue.remaining} ({@code capacity() - inFlight()}); function counters
     * {@code patterns.layer.completed}, {@code patterns.layer.failed},
     * {@code patterns.layer.cancelled} and {@code patterns.layer.rejected} (tag {@code reason} =
     * {@code full}, {@code shut_down}, {@code interrupted}).
     *
     * @param layer the layer, tagged by its {@code name()}
     * @return this binder
     */
    public AsyncMetrics executionLayer(ExecutionLayer layer) {
        Objects.requireNonNull(layer, "layer");
        Tags tags = Tags.of("name", layer.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.layer.queued", "tasks waiting to run", tags, layer, l -> l.stats().queued());
            gauge(registry, "patterns.layer.active", "tasks running", tags, layer, l -> l.stats().running());
            gauge(registry, "patterns.layer.waiting", "submitters blocked waiting for room", tags, layer,
                    l -> l.stats().waiting());
            gauge(registry, "patterns.layer.queue.remaining", "tasks the layer can still accept", tags, layer,
                    l -> (double) l.capacity() - l.inFlight());
            counter(registry, "patterns.layer.completed", "tasks that finished normally", tags, layer,
                    l -> l.stats().completed());
            counter(registry, "patterns.layer.failed", "tasks that threw", tags, layer, l -> l.stats().failed());
            counter(registry, "patterns.layer.cancelled", "tasks cancelled before or while running", tags, layer,
                    l -> l.stats().cancelled());
            counter(registry, "patterns.layer.rejected", "submissions refused", tags.and("reason", "full"), layer,
                    l -> l.stats().rejectedFull());
            counter(registry, "patterns.layer.rejected", "submissions refused", tags.and("reason", "shut_down"),
                    layer, l -> l.stats().rejectedShutDown());
            counter(registry, "patterns.layer.rejected", "submissions refused", tags.and("reason", "interrupted"),
                    layer, l -> l.stats().rejectedInterrupted());
        });
        return this;
    }

    /**
     * Adds a fan-out: function timer {@code patterns.fanout.duration} (count: gatherings finished;
     * total: their time from start to result, on the fan-out's ticker); function counters
     * {@code patterns.fanout.gatherings.started}, {@code patterns.fanout.calls.started} (calls and
     * hedge attempts handed to the executor), {@code patterns.fanout.hedges},
     * {@code patterns.fanout.calls} (outcomes, tag {@code kind} = {@code completed} (answered by
     * the deadline), {@code failed}, {@code timed_out}, {@code cancelled}: the kinds add up to
     * every outcome) and {@code patterns.fanout.calls.unfinished} (calls still running when their
     * gathering returned, past the grace period).
     *
     * @param fanOut the fan-out, tagged by its {@code name()}
     * @return this binder
     */
    public AsyncMetrics fanOut(FanOut fanOut) {
        Objects.requireNonNull(fanOut, "fanOut");
        Tags tags = Tags.of("name", fanOut.name());
        recipe.add(registry -> {
            timer(registry, "patterns.fanout.duration", "time from a gathering's start to its result", tags,
                    fanOut, f -> f.stats().gatheringsFinished(), f -> f.stats().gatheringNanos());
            counter(registry, "patterns.fanout.gatherings.started", "gatherings started", tags, fanOut,
                    f -> f.stats().gatheringsStarted());
            counter(registry, "patterns.fanout.calls.started", "calls and hedge attempts started", tags, fanOut,
                    f -> f.stats().callsStarted());
            counter(registry, "patterns.fanout.hedges", "hedged calls started", tags, fanOut,
                    f -> f.stats().hedgesStarted());
            String calls = "patterns.fanout.calls";
            counter(registry, calls, "calls by outcome", tags.and("kind", "completed"), fanOut,
                    f -> f.stats().completed());
            counter(registry, calls, "calls by outcome", tags.and("kind", "failed"), fanOut,
                    f -> f.stats().failed());
            counter(registry, calls, "calls by outcome", tags.and("kind", "timed_out"), fanOut,
                    f -> f.stats().timedOut());
            counter(registry, calls, "calls by outcome", tags.and("kind", "cancelled"), fanOut,
                    f -> f.stats().cancelled());
            counter(registry, "patterns.fanout.calls.unfinished", "calls still running past the grace", tags,
                    fanOut, f -> f.stats().unfinished());
        });
        return this;
    }

    /**
     * Adds a single-flight: function counters {@code patterns.singleflight.calls} (every caller),
     * {@code patterns.singleflight.shared.calls} (callers that joined an execution in flight),
     * {@code patterns.singleflight.executions}, {@code patterns.singleflight.failures},
     * {@code patterns.singleflight.abandoned}; gauge {@code patterns.singleflight.in.flight}.
     *
     * @param singleFlight the single-flight, tagged by its {@code name()}
     * @return this binder
     */
    public AsyncMetrics singleFlight(SingleFlight<?, ?> singleFlight) {
        Objects.requireNonNull(singleFlight, "singleFlight");
        Tags tags = Tags.of("name", singleFlight.name());
        recipe.add(registry -> {
            counter(registry, "patterns.singleflight.calls", "callers", tags, singleFlight, s -> s.stats().calls());
            counter(registry, "patterns.singleflight.shared.calls", "callers that shared an execution", tags,
                    singleFlight, s -> s.stats().sharedCalls());
            counter(registry, "patterns.singleflight.executions", "loader executions", tags, singleFlight,
                    s -> s.stats().executions());
            counter(registry, "patterns.singleflight.failures", "executions that failed", tags, singleFlight,
                    s -> s.stats().failures());
            counter(registry, "patterns.singleflight.abandoned", "executions every caller left", tags,
                    singleFlight, s -> s.stats().abandoned());
            gauge(registry, "patterns.singleflight.in.flight", "keys with an execution running", tags,
                    singleFlight, s -> s.stats().inFlight());
        });
        return this;
    }

    /**
     * Adds a latency tracker: gauge {@code patterns.latency.percentile} in seconds, one per given
     * percentile, tagged {@code phi} as Micrometer's percentiles are ({@code 0.5} for the 50th,
     * {@code NaN} below the tracker's minimum samples), and gauge {@code patterns.latency.samples}
     * (samples in the recent windows).
     *
     * @param tracker the tracker, tagged by its {@code name()}
     * @param percentiles the percentiles to report, each in {@code (0, 100]}
     * @return this binder
     * @throws IllegalArgumentException if {@code percentiles} is empty or holds a value out of range
     */
    public AsyncMetrics latencyTracker(LatencyTracker tracker, double... percentiles) {
        Objects.requireNonNull(tracker, "tracker");
        Tags tags = Tags.of("name", tracker.name());
        Objects.requireNonNull(percentiles, "percentiles");
        Checks.atLeast("percentiles", percentiles.length, 1);
        double[] ps = percentiles.clone();
        for (double p : ps) {
            Checks.percent("percentile", p);
        }
        recipe.add(registry -> {
            for (double p : ps) {
                gauge(registry, "patterns.latency.percentile", "recent latency at a percentile", "seconds",
                        tags.and("phi", Double.toString(p / 100)), tracker, t -> seconds(t.percentileNanos(p)));
            }
            gauge(registry, "patterns.latency.samples", "samples in the recent windows", tags, tracker,
                    LatencyTracker::count);
        });
        return this;
    }

    /**
     * Registers every added component's meters.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        recipe.bindTo(registry);
    }
}
