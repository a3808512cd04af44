package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class BulkheadTest {

    @Test
    void admitsUpToTheLimitAndPermitsCloseOnce() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(2);
        Bulkhead.Permit first = bulkhead.tryAcquire();
        Bulkhead.Permit second = bulkhead.acquire(Duration.ZERO);
        assertThat(first).isNotNull();
        assertThat(bulkhead.tryAcquire()).isNull();
        assertThat(bulkhead.tryEnter()).isFalse();
        assertThat(bulkhead.stats()).isEqualTo(new BulkheadStats(2, 2, 2));
        first.close();
        first.close(); // once only
        assertThat(bulkhead.stats().inUse()).isEqualTo(1);
        assertThat(bulkhead.tryEnter()).isTrue();
        assertThat(bulkhead.tryEnter()).as("closing twice did not raise the limit").isFalse();
        bulkhead.exit();
        second.close();
        assertThat(bulkhead.stats().inUse()).isZero();
        assertThatThrownBy(bulkhead::exit).isInstanceOf(IllegalStateException.class)
                .hasMessage("bulkhead '" + bulkhead.name() + "' has no slot in use to exit");
    }

    @Test
    void tryWithResourcesGivesTheSlotBackEvenOnFailure() {
        Bulkhead bulkhead = Bulkhead.of(1);
        assertThatThrownBy(() -> {
            try (Bulkhead.Permit permit = bulkhead.acquire(Duration.ZERO)) {
                throw new IllegalStateException("work failed");
            }
        }).hasMessage("work failed");
        assertThat(bulkhead.stats().inUse()).isZero();
    }

    @Test
    void callRejectsWhenFullAndReleasesAfterwards() throws Exception {
        Bulkhead bulkhead = Bulkhead.of("db", 1, Duration.ZERO);
        try (Bulkhead.Permit held = bulkhead.tryAcquire()) {
            assertThatThrownBy(() -> bulkhead.call(() -> "x"))
                    .isInstanceOfSatisfying(CallRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL))
                    .hasMessage("bulkhead 'db' is full: 1 calls in flight after waiting PT0S");
        }
        assertThat(bulkhead.call(() -> "ran")).isEqualTo("ran");
        assertThatThrownBy(() -> bulkhead.call(() -> {
            throw new java.io.IOException("io");
        })).isInstanceOf(java.io.IOException.class);
        assertThat(bulkhead.stats().inUse()).isZero();
    }

    @Test
    void aWaiterGetsTheSlotWhenItIsReleased() throws Exception {
        Bulkhead bulkhead = Bulkhead.of("db", 1, Duration.ofDays(1));
        Bulkhead.Permit held = bulkhead.acquire();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            started.countDown();
            try {
                result.set(bulkhead.call(() -> "after release"));
            } catch (Exception e) {
                result.set(e);
            }
        });
        started.await();
        held.close(); // whether the waiter parked already or not, it must get the slot
        waiter.join(Duration.ofSeconds(10));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(result.get()).isEqualTo("after release");
    }

    @Test
    void waitingHonoursInterrupts() throws Exception {
        Bulkhead bulkhead = Bulkhead.of(1);
        Bulkhead.Permit held = bulkhead.acquire();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                bulkhead.acquire(Duration.ofDays(1));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        held.close();
        assertThat(bulkhead.stats().inUse()).isZero();
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> Bulkhead.of(0)).hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Bulkhead.of("x", 1, Duration.ofMillis(-1))).hasMessage("maxWait: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> Bulkhead.of(null, 1, Duration.ZERO)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> Bulkhead.of(1).acquire(null)).hasMessage("timeout");
        assertThatThrownBy(() -> Bulkhead.of(1).call(null)).hasMessage("callable");
    }
}
