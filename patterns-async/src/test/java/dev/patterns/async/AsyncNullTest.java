package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.async.micrometer.AsyncMetrics;
import dev.patterns.testing.NullChecks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.patterns.time.FakeTicker;
import dev.patterns.time.Ticker;

import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every public reference parameter of patterns-async rejects null (see {@link NullChecks}). */
@Timeout(60)
class AsyncNullTest {

    @Test
    void everyPublicParameterOfTheExportedPackageRejectsNull() throws Exception {
        ExecutionLayer layer = ExecutionLayer.cpu(1, 4);
        FanOut fanOut = FanOut.create();
        SingleFlight<String, String> flight = SingleFlight.create();
        try {
            Gathering<Integer> gathering = fanOut.start(GatherPolicy.all(), List.<Callable<Integer>>of(() -> 1));
            Gathered<Integer> gathered = gathering.join();
            FlightFuture<String> future = flight.callAsync("k", k -> "v");
            future.join();
            NullChecks.forModuleOf(ExecutionLayer.class)
                    .setDefault(Ticker.class, FakeTicker.start())
                    .setDefault(GatherPolicy.class, GatherPolicy.all())
                    .setDefault(LatencyTracker.class, LatencyTracker.create())
                    .setDefault(MeterRegistry.class, new SimpleMeterRegistry())
                    .nullable(ExecutionLayer.class, "submit", 1, "ExecutorService.submit(task, result): the result may be null")
                    .nullable(FlightFuture.class, "complete", "a CompletableFuture: null is a value")
                    .nullable(FlightFuture.class, "obtrudeValue", "a CompletableFuture: null is a value")
                    .nullable(FlightFuture.class, "completeOnTimeout", 0, "a CompletableFuture: null is a value")
                    .nullable(FlightFuture.class, "getNow", "a CompletableFuture: the value if absent may be null")
                    .noInstance(SingleFlight.Loader.class, "the user's loader: the library calls it, never with null")
                    .instances(GatherPolicy.all(), layer, fanOut, FanOut.builder(), gathering, gathered, flight, SingleFlight.builder(),
                            future, LatencyTracker.create(), LatencyTracker.builder(), AsyncMetrics.create())
                    .run();
        } finally {
            layer.close();
        }
    }

    @Test
    void awaitTerminationNamesTheNullUnit() {
        try (ExecutionLayer layer = ExecutionLayer.cpu(1, 1)) {
            assertThatThrownBy(() -> layer.awaitTermination(1, null))
                    .isInstanceOf(NullPointerException.class).hasMessage("unit");
        }
    }
}
