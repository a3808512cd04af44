package dev.patterns.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing offered is lost at any pool size; a one-worker pool cannot beat its delay, fills its
 * queue and blocks the ingesters (backpressure). Only bounds that hold on any machine are asserted:
 * a 5 ms delay caps one worker at 200 events/s however fast the machine is.
 */
@Timeout(120)
class AnalyticsBackendDemoTest {

    @Test
    void throughputTableAccountsForEveryEventAndShowsBackpressure() throws Exception {
        AnalyticsBackendDemo.Config config = new AnalyticsBackendDemo.Config(List.of(1, 32), 20, 2_000, 3,
                Duration.ofMillis(600), Duration.ofMillis(5), 32, Duration.ofMillis(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AnalyticsBackendDemo.Result r = AnalyticsBackendDemo.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(r.rows()).hasSize(2);
        for (AnalyticsBackendDemo.Row row : r.rows()) {
            assertThat(row.accepted()).isEqualTo(row.offered()).isPositive();
            assertThat(row.processed()).isEqualTo(row.accepted());
            assertThat(row.finalStats().done()).isEqualTo(row.processed());
            assertThat(row.finalStats().finished()).isEqualTo(row.accepted());
            assertThat(row.maxQueueDepth()).isLessThanOrEqualTo(row.queueCapacity());
        }
        AnalyticsBackendDemo.Row one = r.rows().get(0);
        assertThat(one.workers()).isEqualTo(1);
        assertThat(one.throughput()).isLessThanOrEqualTo(200.0);
        assertThat(one.maxQueueDepth()).isEqualTo(one.queueCapacity());
        assertThat(one.ingestBlockedMillis()).isPositive();
        assertThat(r.rows().get(1).workers()).isEqualTo(32);

        assertThat(printed).contains("analytics backend: 20 ingesters offering 2,000 events/s")
                .contains("every accepted event was processed: true");
        assertThat(printed.lines().filter(l -> l.matches("\\s+(1|32)\\s+[\\d,]+\\s+.*")).count()).isEqualTo(2);
    }
}
