package dev.patterns.examples.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.patterns.async.FanOut;
import dev.patterns.async.Gathered;
import dev.patterns.async.Outcome;
import dev.patterns.async.GatherPolicy;
import dev.patterns.time.Sleeper;

class AsyncDemosTest {

    /** Long enough never to answer within a test; the shard is interrupted at the deadline. */
    private static final Duration NEVER = Duration.ofHours(1);

    @Test
    void searchReturnsTheShardsThatAnsweredByTheDeadline() throws Exception {
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            latencies.add(i % 2 == 0 ? Duration.ZERO : NEVER);
        }
        SearchFanOutDemo.Result r = SearchFanOutDemo.search(FanOut.create(), latencies, Duration.ofSeconds(2));
        assertThat(r.answered()).containsExactly(0, 2, 4, 6);
        assertThat(r.timedOut()).containsExactly(1, 3, 5, 7);
        assertThat(r.mergedRecords()).isEqualTo(40);
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(NEVER);
    }

    @Test
    void aThousandRequestsForAnExpiredKeyMakeOneBackendQuery() throws Exception {
        CacheStampedeDemo.Result r = CacheStampedeDemo.stampede(1_000, Duration.ofMillis(5));
        assertThat(r.requests()).isEqualTo(1_000);
        assertThat(r.backendQueries()).isEqualTo(1);
        assertThat(r.stats().executions()).as("a request that came after the flight may start another, which finds the cache filled")
                .isPositive();
        assertThat(r.stats().sharedCalls()).isEqualTo(r.sharedAnswers());
        assertThat(r.stats().failures()).isZero();
        assertThat(r.stats().inFlight()).isZero();
    }

    @Test
    void hedgingCutsTheTail() throws Exception {
        Duration slow = Duration.ofMillis(300);
        HedgedRequestsDemo.Result r = HedgedRequestsDemo.compare(20, Duration.ZERO, slow, 5, Duration.ofMillis(10));
        assertThat(r.plainSlowAnswers()).as("every 5th of 20 calls is slow").isEqualTo(4);
        assertThat(r.plainP99()).as("plain p99 is a slow call").isGreaterThanOrEqualTo(slow);
        // Hedged: each slow call is beaten by a backup started 10 ms in. The p99 itself is printed
        // by the demo, not asserted, so the test does not depend on the machine's speed.
        assertThat(r.hedgedSlowAnswers()).as("no request waited for a slow call").isZero();
        assertThat(r.backupCalls()).isPositive();
        // Percentile hedging: the learned delay stays far below the slow calls (the slow
        // primaries, beaten by backups, are recorded at the time they were cancelled), so no
        // request waits for a slow call either.
        assertThat(r.percentileSlowAnswers()).as("percentile hedging: no request waited for a slow call").isZero();
        assertThat(r.percentileBackupCalls()).isPositive();
        assertThat(r.learnedDelay()).isLessThan(slow);
    }

    @Test
    void aHedgedBackupBeatsASlowPrimaryOnTheSystemTicker() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Callable<String> backend = () -> {
            boolean slow = calls.incrementAndGet() == 1;
            Sleeper.system().sleep(slow ? NEVER : Duration.ZERO);
            return slow ? "slow answer" : "fast answer";
        };
        Gathered<String> r = FanOut.create().gather(GatherPolicy.hedged(Duration.ofMillis(10), 2), List.of(backend));
        assertThat(r.firstValue()).contains("fast answer");
        assertThat(r.outcome(0)).isEqualTo(new Outcome.Cancelled<String>(true));
    }

    @Test
    void theGatewayRunsEachPartOnItsLayerAndLeavesNoThreads() throws Exception {
        GatewayDemo.Result r = GatewayDemo.serve(40, 3, Duration.ofMillis(1), 1_000);
        assertThat(r.responses()).hasSize(40);
        assertThat(r.responses().get(7)).isEqualTo("customer-7:" + GatewayDemo.compute(7, 1_000));
        assertThat(r.requestThreadsVirtual()).isTrue();
        assertThat(r.legacyThreads()).hasSizeBetween(1, 3)
                .allSatisfy(t -> assertThat(t.getName()).startsWith("blocking-"))
                .noneMatch(Thread::isVirtual);
        assertThat(r.cpuThreads()).isNotEmpty()
                .allSatisfy(t -> assertThat(t.getName()).startsWith("cpu-"));
        for (Thread t : r.legacyThreads()) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
        for (Thread t : r.cpuThreads()) {
            assertThat(t.join(Duration.ofSeconds(10))).isTrue();
        }
    }
}
