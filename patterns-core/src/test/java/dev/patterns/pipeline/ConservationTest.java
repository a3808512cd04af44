package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.patterns.time.FakeTicker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One million items through three stages (parallelism 2) and a terminal consumer, with a 1% chance
 * that any call throws, under each error policy: every item ends in exactly one place.
 *
 * <p>Whether a call throws is a hash of (item, stage, attempt), so the expected number of dead
 * letters is computed independently of the pipeline.
 */
@Timeout(60)
class ConservationTest {

    static final int ITEMS = 1_000_000;
    static final String[] STAGES = {"parse", "enrich", "score"};

    /** An item keeps its id through every stage. */
    record Item(int id, int step) {
    }

    static final class Boom extends RuntimeException {
        final int id;

        Boom(int id) {
            super("boom " + id, null, true, false);
            this.id = id;
        }
    }

    static boolean throwsOn(int id, int stage, int attempt) {
        long h = (id * 0x9E3779B97F4A7C15L) ^ (stage * 0xC2B2AE3D27D4EB4FL) ^ (attempt * 0x165667B19E3779F9L);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return Math.floorMod(h, 100) == 0;
    }

    /** A stage function that throws for 1% of calls; counts attempts per item to know the attempt number. */
    static ThrowingFunction<Item, Item> step(int stage, AtomicIntegerArray attempts) {
        return item -> {
            int attempt = attempts.incrementAndGet(item.id() * STAGES.length + stage);
            if (throwsOn(item.id(), stage, attempt)) {
                throw new Boom(item.id());
            }
            return new Item(item.id(), item.step() + 1);
        };
    }

    /** Counts, per item, how many final places it reached. */
    static final class Ledger {
        final AtomicIntegerArray places = new AtomicIntegerArray(ITEMS);
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();

        void place(int id) {
            places.incrementAndGet(id);
        }

        void assertEachOnce(long accepted) {
            int bad = -1;
            for (int i = 0; i < ITEMS; i++) {
                int expected = i < accepted ? 1 : 0;
                if (places.get(i) != expected) {
                    bad = i;
                    break;
                }
            }
            assertThat(bad).as("first item not placed exactly once (accepted=%d), places=%d",
                    accepted, bad < 0 ? 0 : places.get(bad)).isEqualTo(-1);
        }
    }

    private static Iterable<Item> source() {
        return () -> LongStream.range(0, ITEMS).mapToObj(i -> new Item((int) i, 0)).iterator();
    }

    private static Pipeline<Item> build(ErrorPolicy policy, Ledger ledger, AtomicIntegerArray attempts) {
        return Pipeline.fromIterable("conserve", source())
                .map(STAGES[0], step(0, attempts), s -> s.concurrency(2).buffer(1024).errorPolicy(policy))
                .map(STAGES[1], step(1, attempts), s -> s.concurrency(2).buffer(1024).errorPolicy(policy))
                .map(STAGES[2], step(2, attempts), s -> s.concurrency(2).buffer(1024).errorPolicy(policy))
                .start("sink", item -> {
                    assertThat(item.step()).isEqualTo(3);
                    ledger.delivered.incrementAndGet();
                    ledger.place(item.id());
                });
    }

    @Test
    void deadLetterPolicyAccountsForEveryItemOnce() throws Exception {
        Ledger ledger = new Ledger();
        AtomicIntegerArray attempts = new AtomicIntegerArray(ITEMS * STAGES.length);
        ErrorPolicy policy = ErrorPolicy.deadLetter("dlq", dl -> {
            ledger.deadLettered.incrementAndGet();
            ledger.place(((Item) dl.item()).id());
        });
        Pipeline<Item> p = build(policy, ledger, attempts);
        PipelineStats stats = p.join();

        long expectedDead = 0;
        for (int id = 0; id < ITEMS; id++) {
            if (throwsOn(id, 0, 1) || throwsOn(id, 1, 1) || throwsOn(id, 2, 1)) {
                expectedDead++;
            }
        }
        assertThat(expectedDead).isBetween(20_000L, 40_000L);
        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.accepted()).isEqualTo(ITEMS);
        assertThat(stats.deadLettered()).isEqualTo(expectedDead).isEqualTo(ledger.deadLettered.get());
        assertThat(stats.delivered()).isEqualTo(ITEMS - expectedDead).isEqualTo(ledger.delivered.get());
        assertThat(stats.failed()).isZero();
        assertThat(stats.returned()).isZero();
        assertThat(stats.balanced()).isTrue();
        ledger.assertEachOnce(ITEMS);
        Threads.assertAllEnded(((PipelineImpl<Item>) p).threads());
    }

    @Test
    void retryPolicyRetriesThenDeadLettersAndAccountsForEveryItemOnce() throws Exception {
        Ledger ledger = new Ledger();
        AtomicIntegerArray attempts = new AtomicIntegerArray(ITEMS * STAGES.length);
        FakeTicker time = FakeTicker.start();
        ErrorPolicy policy = ErrorPolicy.retry(2, Duration.ofMillis(1)).withSleeper(time)
                .whenExhausted(ErrorPolicy.deadLetter("dlq", dl -> {
                    assertThat(dl.attempts()).isEqualTo(2);
                    ledger.deadLettered.incrementAndGet();
                    ledger.place(((Item) dl.item()).id());
                }));
        Pipeline<Item> p = build(policy, ledger, attempts);
        PipelineStats stats = p.join();

        long expectedRetries = 0;
        long expectedDead = 0;
        for (int id = 0; id < ITEMS; id++) {
            for (int stage = 0; stage < STAGES.length; stage++) {
                if (throwsOn(id, stage, 1)) {
                    expectedRetries++;
                    if (throwsOn(id, stage, 2)) {
                        expectedDead++;
                        break;
                    }
                }
            }
        }
        long retried = stats.stages().stream().mapToLong(StageStats::retried).sum();
        assertThat(retried).isEqualTo(expectedRetries);
        assertThat(time.read()).isEqualTo(expectedRetries * Duration.ofMillis(1).toNanos());
        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.accepted()).isEqualTo(ITEMS);
        assertThat(stats.deadLettered()).isEqualTo(expectedDead).isEqualTo(ledger.deadLettered.get());
        assertThat(stats.delivered()).isEqualTo(ITEMS - expectedDead).isEqualTo(ledger.delivered.get());
        assertThat(stats.balanced()).isTrue();
        ledger.assertEachOnce(ITEMS);
        Threads.assertAllEnded(((PipelineImpl<Item>) p).threads());
    }

    @Test
    void failFastStopsAtTheFirstErrorAndAccountsForEveryAcceptedItemOnce() throws Exception {
        Ledger ledger = new Ledger();
        AtomicIntegerArray attempts = new AtomicIntegerArray(ITEMS * STAGES.length);
        Pipeline<Item> p = build(ErrorPolicy.failFast(), ledger, attempts);

        PipelineFailedException failed = catchThrowableOfType(PipelineFailedException.class, p::join);
        assertThat(failed).isNotNull();
        assertThat(failed.getCause()).isInstanceOf(Boom.class);
        assertThat(List.of(STAGES)).contains(failed.stage());

        List<Integer> failedIds = new ArrayList<>();
        failedIds.add(((Boom) failed.getCause()).id);
        for (Throwable s : failed.getCause().getSuppressed()) {
            failedIds.add(((Boom) s).id);
        }
        failedIds.forEach(ledger::place);
        ShutdownReport<Object> report = p.shutdownNow(Duration.ofSeconds(10));
        assertThat(report.terminated()).isTrue();
        assertThat(report.stuckWorkers()).isEmpty();
        for (Object o : report.unprocessed()) {
            ledger.place(((Item) o).id());
        }

        PipelineStats stats = p.stats();
        assertThat(stats.state()).isEqualTo(RunState.FAILED);
        assertThat(stats.accepted()).isLessThan(ITEMS);
        assertThat(stats.failed()).isEqualTo(failedIds.size());
        assertThat(stats.returned()).isEqualTo(report.unprocessed().size());
        assertThat(stats.delivered()).isEqualTo(ledger.delivered.get());
        assertThat(stats.accepted())
                .isEqualTo(stats.delivered() + stats.failed() + stats.returned())
                .isGreaterThan(0);
        assertThat(stats.balanced()).isTrue();
        ledger.assertEachOnce(stats.accepted());
        Threads.assertAllEnded(((PipelineImpl<Item>) p).threads());
    }
}
