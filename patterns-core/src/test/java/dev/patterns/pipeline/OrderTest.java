package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With ordering on, output order equals input order although parallel workers finish out of
 * order. Out-of-order finishing is forced, not hoped for: every eighth item waits on a latch that
 * the item three places after it opens, so it always finishes after a later item. The same
 * workload without ordering shows the reordering the option hides.
 */
@Timeout(60)
class OrderTest {

    static final int ITEMS = 20_000;

    /** A stage function where item i (i % 8 == 0) finishes only after item i + 3 has. */
    static ThrowingFunction<Integer, Integer> unevenLatency() {
        CountDownLatch[] gates = new CountDownLatch[ITEMS];
        for (int i = 0; i < ITEMS; i += 8) {
            gates[i] = new CountDownLatch(1);
        }
        return i -> {
            if (i % 8 == 3) {
                gates[i - 3].countDown();
            }
            if (i % 8 == 0 && i + 3 < ITEMS) {
                gates[i].await();
            }
            int spins = ThreadLocalRandom.current().nextInt(200);
            for (int s = 0; s < spins; s++) {
                Thread.onSpinWait();
            }
            return i;
        };
    }

    private static List<Integer> run(boolean ordered, int window) throws Exception {
        List<Integer> out = new ArrayList<>();
        Pipeline<Integer> p = Pipeline.fromIterable("order", IntStream.range(0, ITEMS).boxed().toList())
                .map("uneven", unevenLatency(), s -> {
                    s.kind(WorkKind.IO).concurrency(4).buffer(64);
                    if (ordered) {
                        s.ordered(window);
                    }
                })
                .map("plus", i -> i, s -> s.concurrency(2).ordered(16))
                .start("collect", out::add);
        PipelineStats stats = p.join();
        assertThat(stats.delivered()).isEqualTo(ITEMS);
        assertThat(stats.balanced()).isTrue();
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
        return out;
    }

    @Test
    void orderedStagesDeliverInInputOrder() throws Exception {
        assertThat(run(true, 32)).isEqualTo(IntStream.range(0, ITEMS).boxed().toList());
    }

    @Test
    void smallestWindowStillDeliversInOrder() throws Exception {
        // With a window of 4 the gated item and the one that opens its gate still fit.
        assertThat(run(true, 4)).isEqualTo(IntStream.range(0, ITEMS).boxed().toList());
    }

    @Test
    void withoutOrderingTheSameWorkloadIsReordered() throws Exception {
        List<Integer> out = run(false, 0);
        assertThat(out).hasSize(ITEMS).isNotEqualTo(IntStream.range(0, ITEMS).boxed().toList());
        assertThat(out).containsExactlyInAnyOrderElementsOf(IntStream.range(0, ITEMS).boxed().toList());
    }

    /** Spins for a random while, so that parallel workers finish in a random order. */
    private static int jitter(int i) {
        int spins = ThreadLocalRandom.current().nextInt(200);
        for (int s = 0; s < spins; s++) {
            Thread.onSpinWait();
        }
        return i;
    }

    @Test
    void everyOperatorKeepsOrderAndItemsSettledByThePolicyAreSkipped() throws Exception {
        List<Integer> out = new ArrayList<>();
        List<Object> dead = Collections.synchronizedList(new ArrayList<>());
        Pipeline<Integer> p = Pipeline.fromIterable("operators", IntStream.range(0, ITEMS).boxed().toList())
                .map("uneven", unevenLatency(), s -> s.kind(WorkKind.IO).concurrency(4).buffer(64).ordered(32))
                .map("fails", i -> {
                    if (i % 5 == 0) {
                        throw new IllegalStateException("item " + i);
                    }
                    return jitter(i);
                }, s -> s.kind(WorkKind.IO).concurrency(3).ordered(8)
                        .errorPolicy(ErrorPolicy.deadLetter("dead", d -> dead.add(d.item()))))
                .filter("even", i -> jitter(i) % 2 == 0, s -> s.concurrency(2).ordered(8))
                .flatMap("twice", i -> List.of(jitter(i), i), s -> s.concurrency(2).ordered(8))
                .start("collect", out::add);
        PipelineStats stats = p.join();

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            if (i % 5 != 0 && i % 2 == 0) {
                expected.add(i);
                expected.add(i);
            }
        }
        assertThat(out).isEqualTo(expected);
        assertThat(dead).hasSize(ITEMS / 5);
        assertThat(stats.deadLettered()).isEqualTo(ITEMS / 5);
        assertThat(stats.delivered()).isEqualTo(expected.size());
        assertThat(stats.balanced()).isTrue();
        Threads.assertAllEnded(((PipelineImpl<Integer>) p).threads());
    }

    @Test
    void workerPoolPreservesOrderAndTheWindowBoundsItemsInFlight() throws Exception {
        int window = 8;
        try (WorkerPool<Integer, Integer> pool = WorkerPool.<Integer, Integer>builder("ordered-pool", unevenLatency())
                .kind(WorkKind.IO).concurrency(6).ordered(window).inputCapacity(16).outputCapacity(16).start()) {
            Threads.Joined producer = Threads.start("producer", () -> {
                for (int i = 0; i < ITEMS; i++) {
                    pool.input().send(i);
                }
                pool.shutdown();
            });
            List<Integer> out = new ArrayList<>();
            long maxInFlight = 0;
            while (true) {
                Integer r = pool.output().poll();
                if (r == null) {
                    if (pool.output().isClosedForReceive()) {
                        break;
                    }
                    maxInFlight = Math.max(maxInFlight, pool.stats().inFlight());
                    Thread.onSpinWait();
                    continue;
                }
                out.add(r);
            }
            producer.join();
            assertThat(out).isEqualTo(IntStream.range(0, ITEMS).boxed().toList());
            // taken but not yet passed on: at most the window (the stats read is not atomic,
            // so allow the workers that may be between "taken" and "counted")
            assertThat(maxInFlight).isLessThanOrEqualTo(window + 6);
        }
    }
}
