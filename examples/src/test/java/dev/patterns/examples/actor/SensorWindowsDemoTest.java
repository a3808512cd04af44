package dev.patterns.examples.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every reading the pipeline accepted is handled by exactly its sensor's actor, in send order;
 * the anomalies flagged are exactly the spikes the seeded generator injected.
 */
@Timeout(120)
class SensorWindowsDemoTest {

    @Test
    void everyAcceptedReadingIsHandledOnceByItsSensorAndEverySpikeIsFlagged() throws Exception {
        SensorWindowsDemo.Config config = new SensorWindowsDemo.Config(200, 100_000, 4, 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SensorWindowsDemo.Result r = SensorWindowsDemo.run(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        long garbled = 100_000 / 1_000;
        assertThat(r.pipeline().accepted()).isEqualTo(100_000L);
        assertThat(r.pipeline().deadLettered()).isEqualTo(garbled).isEqualTo(r.garbled().size());
        assertThat(r.pipeline().delivered()).isEqualTo(100_000L - garbled);
        assertThat(r.pipeline().balanced()).isTrue();
        assertThat(r.garbled()).allSatisfy(d -> assertThat(d.stage()).isEqualTo("parse"));

        // conservation: each sensor handled exactly what was generated for it, in order
        for (int s = 0; s < config.sensors(); s++) {
            assertThat(r.summaries().get(s).readings()).as("sensor-%d", s).isEqualTo(r.sent()[s]);
            assertThat(r.summaries().get(s).outOfOrder()).as("sensor-%d", s).isZero();
        }
        assertThat(r.summaries().stream().mapToLong(SensorWindowsDemo.Summary::readings).sum())
                .isEqualTo(r.pipeline().delivered());
        // the actors handled the readings and one report each; nothing dropped or lost
        assertThat(r.actors().handled()).isEqualTo(r.pipeline().delivered() + config.sensors());
        assertThat(r.actors().dropped()).isZero();
        assertThat(r.actors().deadLetters()).isZero();
        assertThat(r.actors().failed()).isZero();
        assertThat(r.actors().actors()).isZero();

        // detection: exactly the injected spikes, each once
        Set<Long> flagged = r.detected().stream()
                .map(a -> (long) a.sensor() << 32 | a.seq())
                .collect(Collectors.toSet());
        assertThat(r.detected()).hasSameSizeAs(flagged);
        assertThat(r.injected()).isNotEmpty();
        assertThat(flagged).isEqualTo(r.injected());
        assertThat(r.summaries().stream().mapToLong(SensorWindowsDemo.Summary::anomalies).sum())
                .isEqualTo(r.injected().size());
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("balanced: true")
                .contains(String.format(java.util.Locale.ROOT, "anomalies: %,d flagged", r.injected().size()));
    }

    @Test
    void theSameSeedFlagsTheSameAnomalies() throws Exception {
        SensorWindowsDemo.Config config = new SensorWindowsDemo.Config(50, 20_000, 2, 11);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SensorWindowsDemo.Result first = SensorWindowsDemo.run(config, quiet);
        SensorWindowsDemo.Result second = SensorWindowsDemo.run(config, quiet);

        assertThat(Set.copyOf(second.detected())).isEqualTo(Set.copyOf(first.detected()));
        assertThat(first.injected()).isEqualTo(second.injected()).isNotEmpty();
    }
}
