package dev.patterns.channel;

import static dev.patterns.testing.JfrCapture.named;
import static dev.patterns.testing.JfrCapture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.Test;

import dev.patterns.testing.JfrCapture;

class ChannelJfrTest {

    @Test
    void dropsAreRecordedWithTheChannelNameAndPolicy() throws Exception {
        Channel<Integer> newest = Channel.<Integer>builder(1).name("latest").overflow(Overflow.DROP_NEWEST).build();
        Channel<Integer> oldest = Channel.<Integer>builder(2).name("recent").overflow(Overflow.DROP_OLDEST).build();
        List<RecordedEvent> events = record(() -> {
            for (int i = 0; i < 3; i++) {
                assertThat(newest.trySend(i)).isTrue();
                assertThat(oldest.trySend(i)).isTrue();
            }
        });
        List<RecordedEvent> drops = named(events, "dev.patterns.channel.Drop");
        // At most one event per channel per 10 ms: the first drop of each is always recorded.
        List<RecordedEvent> latest = drops.stream().filter(e -> e.getString("channel").equals("latest")).toList();
        List<RecordedEvent> recent = drops.stream().filter(e -> e.getString("channel").equals("recent")).toList();
        assertThat(latest).hasSizeBetween(1, 2);
        assertThat(recent).hasSize(1);
        assertThat(latest).extracting(e -> e.getString("overflow") + "/" + e.getInt("capacity") + "/" + e.getLong("dropped"))
                .startsWith("DROP_NEWEST/1/1");
        assertThat(recent.get(0).getString("overflow")).isEqualTo("DROP_OLDEST");
        assertThat(recent.get(0).getInt("capacity")).isEqualTo(2);
        assertThat(recent.get(0).getLong("dropped")).isEqualTo(1);
        assertThat(newest.stats().dropped()).isEqualTo(2);
        assertThat(oldest.stats().dropped()).isEqualTo(1);
        assertThat(newest.name()).isEqualTo("latest");
        assertThat(newest.toString()).contains("name=latest");
    }

    @Test
    void aSendThatWaitsIsRecordedOnlyOnTheSlowPath() throws Exception {
        Channel<Integer> jobs = Channel.<Integer>builder(1).name("jobs").build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<RecordedEvent> events = record(() -> {
            jobs.send(1); // room: no wait event
            assertThat(jobs.send(2, Duration.ZERO)).isFalse(); // full, but told not to wait: no event
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    jobs.send(3);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (sender.getState() != Thread.State.WAITING) {
                assertThat(sender.isAlive()).isTrue();
                Thread.onSpinWait();
            }
            assertThat(jobs.receive()).isEqualTo(1);
            sender.join();
        }, "dev.patterns.channel.SendWait");
        assertThat(failure.get()).isNull();
        List<RecordedEvent> waits = named(events, "dev.patterns.channel.SendWait");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).getString("channel")).isEqualTo("jobs");
        assertThat(waits.get(0).getInt("capacity")).isEqualTo(1);
        assertThat(waits.get(0).getBoolean("sent")).isTrue();
        assertThat(waits.get(0).getDuration()).isPositive();
        assertThat(JfrCapture.defaultSetting(ChannelSendWaitEvent.class, "threshold")).isEqualTo("20 ms");
        assertThat(JfrCapture.defaultSetting(ChannelDropEvent.class, "enabled")).isEqualTo("true");
    }

    @Test
    void defaultNamesAreReadable() {
        assertThat(Channel.bounded(1).name()).matches("channel-\\d+");
    }
}
