package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The timed single-flight call keeps the library's timeout rule (see {@code dev.patterns.time}). */
@Timeout(60)
class SingleFlightTimeoutTest {

    @Test
    void aZeroOrNegativeTimeoutDoesNotWaitAndStartsNoLoader() {
        SingleFlight<String, String> flight = SingleFlight.create();
        AtomicInteger loads = new AtomicInteger();
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE)}) {
            assertThatThrownBy(() -> flight.call("k", k -> "v" + loads.incrementAndGet(), timeout))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("single-flight call for key 'k' timed out after 0 ms");
        }
        assertThat(loads).hasValue(0);
        assertThat(flight.stats().executions()).isZero();
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void aTimeoutSaysWhichKeyAndHowLong() throws Exception {
        SingleFlight<String, String> flight = SingleFlight.create();
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThatThrownBy(() -> flight.call("user-7", k -> {
                release.await();
                return "v";
            }, Duration.ofMillis(5)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("single-flight call for key 'user-7' timed out after 5 ms");
            assertThatThrownBy(() -> flight.call("user-7", k -> "unused", Duration.ofNanos(1_500)))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("single-flight call for key 'user-7' timed out after 1500 ns");
        } finally {
            release.countDown();
        }
    }
}
