package dev.patterns.async;

import static dev.patterns.testing.JfrCapture.named;
import static dev.patterns.testing.JfrCapture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.patterns.testing.JfrCapture;

/** The async JFR events: execution-layer rejection and single-flight failure. */
@Timeout(60)
class AsyncJfrTest {

    @Test
    void aRejectionIsRecordedWithTheLayerAndReason() throws Exception {
        ExecutionLayer cpu = ExecutionLayer.cpu(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        List<RecordedEvent> events;
        try {
            events = record(() -> {
                LayerFixture.occupy(cpu, release);
                assertThat(cpu.tryExecute(() -> { })).isTrue();
                assertThat(cpu.tryExecute(() -> { })).as("full").isFalse();
                release.countDown();
                cpu.close();
                assertThatThrownBy(() -> cpu.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
            });
        } finally {
            release.countDown();
            cpu.close();
        }
        List<RecordedEvent> rejected = named(events, "dev.patterns.async.LayerRejected");
        // At most one per layer per 10 ms: the first is always recorded.
        assertThat(rejected).hasSizeBetween(1, 2);
        assertThat(rejected.get(0).getString("layer")).isEqualTo(cpu.name());
        assertThat(rejected.get(0).getString("reason")).isEqualTo("full");
        assertThat(rejected.get(0).getInt("capacity")).isEqualTo(cpu.capacity());
        assertThat(rejected.get(0).getLong("rejected")).isEqualTo(1);
        if (rejected.size() == 2) {
            assertThat(rejected.get(1).getString("reason")).isEqualTo("shut_down");
            assertThat(rejected.get(1).getLong("rejected")).isEqualTo(2);
        }
        assertThat(cpu.stats().rejectedFull() + cpu.stats().rejectedShutDown()).isEqualTo(2);
        assertThat(JfrCapture.defaultSetting(LayerRejectedEvent.class, "enabled")).isEqualTo("true");
    }

    @Test
    void aFailedExecutionIsRecordedWithTheNameButNotTheKey() throws Exception {
        SingleFlight<String, String> flights = SingleFlight.builder().name("profiles").build();
        List<RecordedEvent> events = record(() -> {
            assertThat(flights.call("ok", k -> "value")).isEqualTo("value");
            assertThatThrownBy(() -> flights.call("user-42", k -> {
                throw new IOException("backend down");
            })).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        });
        List<RecordedEvent> failed = named(events, "dev.patterns.async.SingleFlightFailed");
        assertThat(failed).hasSize(1);
        RecordedEvent e = failed.get(0);
        assertThat(e.getString("singleFlight")).isEqualTo("profiles");
        assertThat(e.getString("keyType")).isEqualTo(String.class.getName());
        assertThat(e.getString("failure")).isEqualTo(IOException.class.getName());
        assertThat(e.getString("message")).isEqualTo("backend down");
        assertThat(flights.name()).isEqualTo("profiles");
        assertThat(flights.toString()).contains("profiles");
        assertThat(SingleFlight.create().name()).matches("singleflight-\\d+");
    }
}
