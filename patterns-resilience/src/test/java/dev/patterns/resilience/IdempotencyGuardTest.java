package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;

class IdempotencyGuardTest {

    private final FakeTicker time = FakeTicker.start();
    private final IdempotencyStore<String, String> store = IdempotencyStore.inMemory(3, Duration.ofMinutes(1), time);
    private final IdempotencyGuard<String, String> guard = IdempotencyGuard.of(store, time);

    @Test
    void runsOnceAndReplaysTheResultWithinRetention() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        assertThat(guard.execute("k", () -> "charged " + runs.incrementAndGet())).isEqualTo("charged 1");
        time.advance(Duration.ofSeconds(59));
        assertThat(guard.execute("k", () -> "charged " + runs.incrementAndGet())).isEqualTo("charged 1");
        time.advance(Duration.ofSeconds(1));
        assertThat(guard.execute("k", () -> "charged " + runs.incrementAndGet())).as("retention over").isEqualTo("charged 2");
        assertThat(guard.execute("other", () -> "charged " + runs.incrementAndGet())).isEqualTo("charged 3");
    }

    @Test
    void replaysTheRecordedFailure() throws Exception {
        IOException declined = new IOException("card declined");
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> guard.execute("k", () -> {
            runs.incrementAndGet();
            throw declined;
        })).isSameAs(declined);
        assertThatThrownBy(() -> guard.execute("k", () -> "should not run")).isSameAs(declined);
        assertThat(runs).hasValue(1);
        assertThat(guard.stats()).isEqualTo(new IdempotencyGuardStats(guard.name(), 1, 1, 0, 1, 0, 0));
    }

    @Test
    void aGuardHasAName() {
        IdempotencyGuard<String, String> payments = IdempotencyGuard.of("payments", store, time);
        assertThat(payments.name()).isEqualTo("payments");
        assertThat(payments.stats().name()).isEqualTo("payments");
        assertThat(payments.toString()).startsWith("IdempotencyGuard[payments, ");
        assertThat(guard.name()).matches("idempotency-\\d+");
        assertThat(IdempotencyGuard.inMemory("orders", 4, Duration.ofSeconds(1)).name()).isEqualTo("orders");
    }

    @Test
    void concurrentDuplicatesWaitForTheFirst() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Object> firstResult = new AtomicReference<>();
        AtomicReference<Object> duplicateResult = new AtomicReference<>();
        Thread first = Thread.ofVirtual().start(() -> firstResult.set(call(() -> {
            runs.incrementAndGet();
            running.countDown();
            finish.await();
            return "done once";
        })));
        running.await();
        Thread duplicate = Thread.ofVirtual().start(() -> duplicateResult.set(call(() -> {
            runs.incrementAndGet();
            return "ran twice";
        })));
        while (duplicate.getState() != Thread.State.WAITING && duplicate.isAlive()) {
            Thread.onSpinWait(); // until the duplicate is parked on the first execution
        }
        finish.countDown();
        first.join(Duration.ofSeconds(10));
        duplicate.join(Duration.ofSeconds(10));
        assertThat(first.isAlive() || duplicate.isAlive()).isFalse();
        assertThat(firstResult.get()).isEqualTo("done once");
        assertThat(duplicateResult.get()).isEqualTo("done once");
        assertThat(runs).hasValue(1);
        assertThat(guard.stats()).isEqualTo(new IdempotencyGuardStats(guard.name(), 1, 0, 0, 0, 1, 0));
    }

    @Test
    void aDuplicateRunsItselfIfTheFirstWasInterrupted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Object> firstResult = new AtomicReference<>();
        Thread first = Thread.ofVirtual().start(() -> firstResult.set(call(() -> {
            running.countDown();
            new CountDownLatch(1).await();
            return "never";
        })));
        running.await();
        AtomicReference<Object> duplicateResult = new AtomicReference<>();
        Thread duplicate = Thread.ofVirtual().start(() -> duplicateResult.set(call(() -> "second ran")));
        while (duplicate.getState() != Thread.State.WAITING && duplicate.isAlive()) {
            Thread.onSpinWait();
        }
        first.interrupt();
        first.join(Duration.ofSeconds(10));
        duplicate.join(Duration.ofSeconds(10));
        assertThat(first.isAlive() || duplicate.isAlive()).isFalse();
        assertThat(firstResult.get()).isInstanceOf(InterruptedException.class);
        assertThat(duplicateResult.get()).isEqualTo("second ran");
        assertThat(guard.execute("k", () -> "third")).isEqualTo("second ran");
        // the duplicate waited, found no outcome and ran itself: an execution, not a join
        assertThat(guard.stats()).isEqualTo(new IdempotencyGuardStats(guard.name(), 2, 0, 1, 1, 0, 0));
    }

    @Test
    void aTimedDuplicateGivesUp() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread first = Thread.ofVirtual().start(() -> call(() -> {
            running.countDown();
            finish.await();
            return "slow";
        }));
        running.await();
        assertThatThrownBy(() -> guard.execute("k", () -> "dup", Duration.ZERO)).isInstanceOf(TimeoutException.class)
                .hasMessage("idempotent operation for key 'k' still running after waiting 0 ms");
        // negative: do not wait, as zero
        assertThatThrownBy(() -> guard.execute("k", () -> "dup", Duration.ofMillis(-5))).isInstanceOf(TimeoutException.class)
                .hasMessage("idempotent operation for key 'k' still running after waiting 0 ms");
        assertThatThrownBy(() -> guard.execute("k", () -> "dup", Duration.ofMillis(3))).isInstanceOf(TimeoutException.class)
                .hasMessage("idempotent operation for key 'k' still running after waiting 3 ms");
        finish.countDown();
        first.join(Duration.ofSeconds(10));
        assertThat(first.isAlive()).isFalse();
        assertThat(guard.execute("k", () -> "dup", Duration.ZERO)).isEqualTo("slow");
        assertThat(guard.stats()).isEqualTo(new IdempotencyGuardStats(guard.name(), 1, 0, 0, 1, 0, 3));
    }

    @Test
    void memoryIsBoundedByEvictingTheOldestCompleted() throws Exception {
        for (String key : new String[] {"a", "b", "c", "d"}) {
            guard.execute(key, () -> key);
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(((InMemoryIdempotencyStore<String, String>) store).doneByKey()).containsOnlyKeys("b", "c", "d");
        assertThat(guard.execute("a", () -> "a again")).as("evicted: runs again").isEqualTo("a again");
    }

    @Test
    void aStoreFullOfRunningOperationsRefusesNewKeys() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(3);
        Thread[] holders = new Thread[3];
        for (int i = 0; i < 3; i++) {
            String key = "busy" + i;
            holders[i] = Thread.ofVirtual().start(() -> call(key, () -> {
                running.countDown();
                finish.await();
                return key;
            }));
        }
        running.await();
        assertThatThrownBy(() -> guard.execute("new", () -> "x")).isInstanceOf(IllegalStateException.class)
                .hasMessage("idempotency store is full: 3 operations in flight (maxEntries 3)");
        finish.countDown();
        for (Thread t : holders) {
            t.join(Duration.ofSeconds(10));
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(guard.execute("new", () -> "x")).isEqualTo("x");
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> guard.execute(null, () -> "x")).hasMessage("key");
        assertThatThrownBy(() -> guard.execute("k", null)).hasMessage("operation");
        assertThatThrownBy(() -> guard.execute("k", () -> "x", null)).hasMessage("maxWait");
        assertThatThrownBy(() -> IdempotencyStore.inMemory(0, Duration.ofSeconds(1), time))
                .hasMessage("maxEntries: 0 (expected: >= 1)");
        assertThatThrownBy(() -> IdempotencyStore.inMemory(1, Duration.ZERO, time))
                .hasMessage("retention: PT0S (expected: > 0)");
        assertThatThrownBy(() -> IdempotencyGuard.of(null, time)).hasMessage("store");
    }

    private Object call(java.util.concurrent.Callable<String> op) {
        return call("k", op);
    }

    private Object call(String key, java.util.concurrent.Callable<String> op) {
        try {
            return guard.execute(key, op);
        } catch (Exception e) {
            return e;
        }
    }
}
