package dev.patterns.resilience;

import static dev.patterns.testing.JfrCapture.named;
import static dev.patterns.testing.JfrCapture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.Test;

import dev.patterns.testing.JfrCapture;
import dev.patterns.time.FakeTicker;

class ResilienceJfrTest {

    private final FakeTicker time = FakeTicker.startingAt(0L);

    @Test
    void breakerTransitionsAreRecordedWithFromToAndReason() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().name("payments").ticker(time).consecutiveFailures(2)
                .openDuration(Duration.ofSeconds(5)).build();
        List<RecordedEvent> events = record(() -> {
            for (int i = 0; i < 2; i++) {
                long permit = breaker.tryAcquirePermit();
                breaker.onFailure(permit, 0, new IOException("down"));
            }
            breaker.reset();
        });
        List<RecordedEvent> transitions = named(events, "dev.patterns.resilience.BreakerTransition");
        assertThat(transitions).hasSize(2);
        assertThat(transitions.get(0).getString("breaker")).isEqualTo("payments");
        assertThat(transitions.get(0).getString("from")).isEqualTo("CLOSED");
        assertThat(transitions.get(0).getString("to")).isEqualTo("OPEN");
        assertThat(transitions.get(0).getString("reason")).isEqualTo("2 consecutive failures");
        assertThat(transitions.get(1).getString("from")).isEqualTo("OPEN");
        assertThat(transitions.get(1).getString("to")).isEqualTo("CLOSED");
        assertThat(transitions.get(1).getString("reason")).isEqualTo("reset");
    }

    @Test
    void aRetryDeniedByTheBudgetIsRecorded() throws Exception {
        RetryBudget budget = RetryBudget.of("search-budget", 0.0, 1, Duration.ofSeconds(10), time);
        Retry retry = Retry.builder().name("search").ticker(time).sleeper(time).maxAttempts(3).budget(budget)
                .backoff(Duration.ZERO, Duration.ZERO).build();
        List<RecordedEvent> events = record(() -> assertThatThrownBy(() -> retry.call(() -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class));
        List<RecordedEvent> denied = named(events, "dev.patterns.resilience.RetryBudgetExhausted");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).getString("retry")).isEqualTo("search");
        assertThat(denied.get(0).getString("budget")).isEqualTo("search-budget");
        assertThat(budget.toString()).startsWith("RetryBudget[search-budget, ");
        assertThat(RetryBudget.of(0.1, 1, Duration.ofSeconds(1)).name()).matches("retry-budget-\\d+");
        assertThat(denied.get(0).getInt("attempt")).as("first retry allowed by the floor, second denied").isEqualTo(2);
        assertThat(denied.get(0).getString("failure")).isEqualTo(IOException.class.getName());
        assertThat(denied.get(0).getLong("calls")).isEqualTo(1);
        assertThat(denied.get(0).getLong("retries")).isEqualTo(1);
    }

    @Test
    void bulkheadRejectionsAreRecordedFromEveryForm() throws Exception {
        Bulkhead bulkhead = Bulkhead.of("db", 1, Duration.ZERO);
        List<RecordedEvent> events = record(() -> {
            try (Bulkhead.Permit held = bulkhead.acquire()) {
                assertThat(bulkhead.tryAcquire()).isNull();
                assertThatThrownBy(() -> bulkhead.call(() -> "no")).isInstanceOf(CallRejectedException.class);
            }
        });
        List<RecordedEvent> rejected = named(events, "dev.patterns.resilience.BulkheadRejected");
        assertThat(rejected).hasSize(2);
        for (RecordedEvent e : rejected) {
            assertThat(e.getString("bulkhead")).isEqualTo("db");
            assertThat(e.getInt("concurrency")).isEqualTo(1);
            assertThat(e.getDuration("waited")).isZero();
        }
    }

    @Test
    void aBulkheadWaitIsRecordedOnlyOnTheSlowPath() throws Exception {
        Bulkhead bulkhead = Bulkhead.of("db", 1, Duration.ofDays(1));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<RecordedEvent> events = record(() -> {
            try (Bulkhead.Permit fast = bulkhead.acquire(Duration.ofDays(1))) {
                assertThat(fast).isNotNull(); // a free slot: no wait event
            }
            Bulkhead.Permit held = bulkhead.acquire();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try (Bulkhead.Permit p = bulkhead.acquire(Duration.ofDays(1))) {
                    assertThat(p).isNotNull();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            awaitParked(waiter);
            held.close();
            waiter.join();
        }, "dev.patterns.resilience.BulkheadWait");
        assertThat(failure.get()).isNull();
        List<RecordedEvent> waits = named(events, "dev.patterns.resilience.BulkheadWait");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).getString("bulkhead")).isEqualTo("db");
        assertThat(waits.get(0).getBoolean("acquired")).isTrue();
        assertThat(waits.get(0).getDuration()).isPositive();
        assertThat(JfrCapture.defaultSetting(BulkheadWaitEvent.class, "threshold")).isEqualTo("20 ms");
    }

    @Test
    void tokenBucketRejectionsAndWaitsAreRecordedWithItsName() throws Exception {
        TokenBucket bucket = TokenBucket.builder().name("api").capacity(2).refill(1, Duration.ofSeconds(1))
                .ticker(time).sleeper(time).build();
        List<RecordedEvent> events = record(() -> {
            assertThat(bucket.tryAcquire(2)).isTrue();
            assertThat(bucket.tryAcquire()).isFalse();
            assertThat(bucket.tryAcquire()).as("within 10 ms of the last event: counted, not recorded").isFalse();
            time.advance(Duration.ofMillis(10));
            assertThat(bucket.tryAcquire(1, Duration.ofMillis(10))).isFalse();
            bucket.acquire(1); // sleeps the rest of one second of fake time
        }, "dev.patterns.resilience.TokenBucketWait");
        List<RecordedEvent> rejected = named(events, "dev.patterns.resilience.TokenBucketRejected");
        assertThat(rejected).hasSize(2);
        for (RecordedEvent e : rejected) {
            assertThat(e.getString("bucket")).isEqualTo("api");
            assertThat(e.getLong("permits")).isEqualTo(1);
            assertThat(e.getLong("capacity")).isEqualTo(2);
        }
        assertThat(rejected).extracting(e -> e.getLong("rejected")).containsExactly(1L, 3L);
        List<RecordedEvent> waits = named(events, "dev.patterns.resilience.TokenBucketWait");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).getString("bucket")).isEqualTo("api");
        assertThat(waits.get(0).getLong("permits")).isEqualTo(1);
        assertThat(JfrCapture.defaultSetting(TokenBucketWaitEvent.class, "threshold")).isEqualTo("20 ms");
        assertThat(bucket.toString()).startsWith("TokenBucket[api, ");
        assertThat(bucket.stats()).isEqualTo(new TokenBucketStats("api", 2, 0, 3));
    }

    @Test
    void rareEventsAreEnabledByDefault() {
        assertThat(JfrCapture.defaultSetting(BreakerTransitionEvent.class, "enabled")).isEqualTo("true");
        assertThat(JfrCapture.defaultSetting(RetryBudgetExhaustedEvent.class, "enabled")).isEqualTo("true");
        assertThat(JfrCapture.defaultSetting(BulkheadRejectedEvent.class, "enabled")).isEqualTo("true");
        assertThat(JfrCapture.defaultSetting(TokenBucketRejectedEvent.class, "enabled")).isEqualTo("true");
    }

    private static void awaitParked(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).isTrue();
            Thread.onSpinWait();
        }
    }
}
