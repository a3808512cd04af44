package dev.patterns.examples.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.pipeline.PipelineStats;
import dev.patterns.pipeline.RunState;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every ingested event is stored and alerted on, or dead-lettered where the rules say, and the books balance. */
@Timeout(120)
class EventPlatformDemoTest {

    @Test
    void everyEventEndsWhereTheRulesSendItAndTheAccountingBalances() throws Exception {
        long events = 20_000;
        EventPlatformDemo.Config config = new EventPlatformDemo.Config(events, 20_000, 3, 4, 500,
                Duration.ofMillis(1), 64, Duration.ofMillis(200));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventPlatformDemo.Result r = EventPlatformDemo.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);

        long malformed = LongStream.range(0, events).filter(EventPlatformDemo::malformed).count();
        long storeDead = LongStream.range(0, events).filter(EventPlatformDemo::permanentStoreFailure).count();
        long transientFailures = LongStream.range(0, events).filter(EventPlatformDemo::transientStoreFailure).count();
        long alerts = LongStream.range(0, events)
                .filter(id -> EventPlatformDemo.anomalous(id) && !EventPlatformDemo.malformed(id)
                        && !EventPlatformDemo.permanentStoreFailure(id))
                .count();
        assertThat(malformed).isEqualTo(100);
        assertThat(storeDead).isEqualTo(20);

        PipelineStats stats = r.stats();
        assertThat(r.ingested()).isEqualTo(events);
        assertThat(stats.state()).isEqualTo(RunState.COMPLETED);
        assertThat(stats.accepted()).isEqualTo(events);
        assertThat(r.deadLetters()).isEqualTo(Map.of("classify-dlq", malformed, "store-dlq", storeDead));
        assertThat(stats.deadLettered()).isEqualTo(malformed + storeDead);
        assertThat(stats.delivered()).isEqualTo(events - malformed - storeDead);
        assertThat(stats.stage("store").retried()).isEqualTo(transientFailures + 2 * storeDead);
        assertThat(stats.failed()).isZero();
        assertThat(stats.returned()).isZero();
        assertThat(stats.balanced()).isTrue();
        assertThat(r.alerts()).isEqualTo(alerts);

        assertThat(printed).contains("event platform: 20,000 events at 20,000/s");
        assertThat(printed).contains("accounting: accepted 20,000 = delivered 19,880 + filtered 0 + dead-lettered 120")
                .contains("+ failed 0 + returned 0 -> balanced");
        assertThat(printed).contains("classify-dlq: event 7 from ").contains("store-dlq: event ");
        assertThat(printed).contains("q classify").contains("q analyse").contains("q store").contains("q alert");
        assertThat(printed.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        for (String line : r.statLines()) {
            assertThat(printed).contains(line);
            assertThat(line.split("\\|")).as(line).hasSize(3);
        }
    }
}
