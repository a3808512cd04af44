package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.LongStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * {@code shutdownNow} in the middle of ordered stages: items taken by a worker after the stop, and
 * results held by the reorderer behind them, are returned or settled exactly once, and what was
 * delivered came in order. Filtered items must be counted as filtered, never also returned.
 */
@Timeout(120)
class OrderedShutdownTest {

    static final int ITEMS = 1_000_000;

    record Item(int id) {
    }

    @RepeatedTest(3)
    void shutdownNowOfOrderedStagesPlacesEveryAcceptedItemOnce() throws Exception {
        AtomicIntegerArray places = new AtomicIntegerArray(ITEMS);
        List<Integer> delivered = new ArrayList<>(); // the sink has one worker: no lock needed
        CountDownLatch running = new CountDownLatch(20_000);
        Pipeline<Item> p = Pipeline.fromIterable("ordered-stop",
                        () -> LongStream.range(0, ITEMS).mapToObj(i -> new Item((int) i)).iterator())
                .map("parse", item -> new Item(item.id()), s -> s.concurrency(2).buffer(256).ordered(64))
                .filter("keep", item -> item.id() % 7 != 0, s -> s.concurrency(2).buffer(256).ordered(64))
                .start("sink", item -> {
                    delivered.add(item.id());
                    places.incrementAndGet(item.id());
                    running.countDown();
                }, s -> s.concurrency(1));

        assertThat(running.await(60, TimeUnit.SECONDS)).as("20,000 items delivered").isTrue();
        ShutdownReport<Object> report = p.shutdownNow(Duration.ofSeconds(10));
        assertThat(report.terminated()).isTrue();
        assertThat(report.stuckWorkers()).isEmpty();
        for (Object o : report.unprocessed()) {
            places.incrementAndGet(((Item) o).id());
        }

        PipelineStats stats = p.stats();
        assertThat(stats.failed()).isZero();
        assertThat(stats.deadLettered()).isZero();
        assertThat(stats.delivered()).isEqualTo(delivered.size());
        assertThat(stats.returned()).isEqualTo(report.unprocessed().size());
        assertThat(stats.accepted()).isEqualTo(stats.delivered() + stats.filtered() + stats.returned());
        assertThat(stats.balanced()).isTrue();

        for (int i = 1; i < delivered.size(); i++) {
            assertThat(delivered.get(i)).as("delivery %d after %d", delivered.get(i), delivered.get(i - 1))
                    .isGreaterThan(delivered.get(i - 1));
        }
        long notPlaced = 0;
        for (int id = 0; id < ITEMS; id++) {
            int n = places.get(id);
            if (id >= stats.accepted()) {
                assertThat(n).as("item %d was never accepted", id).isZero();
            } else if (n == 0) {
                assertThat(id % 7).as("item %d neither delivered nor returned, so it must be a filtered one", id)
                        .isZero();
                notPlaced++;
            } else {
                assertThat(n).as("item %d delivered or returned more than once", id).isEqualTo(1);
            }
        }
        assertThat(notPlaced).as("accepted items neither delivered nor returned").isEqualTo(stats.filtered());
    }
}
