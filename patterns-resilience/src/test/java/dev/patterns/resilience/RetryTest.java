package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;
import dev.patterns.time.Sleeper;

class RetryTest {

    private static final long MS = 1_000_000L;
    private final FakeTicker time = FakeTicker.start();
    /** The fake sleeper records each wait, then advances fake time by it. */
    private final List<Long> waits = new ArrayList<>();
    private final Sleeper recording = nanos -> {
        waits.add(nanos);
        time.sleepNanos(nanos);
    };

    private RetryBuilder retry() {
        return Retry.builder().ticker(time).sleeper(recording);
    }

    private static java.util.concurrent.Callable<String> failing(AtomicInteger attempts, int failures) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw new IOException("attempt " + attempts.get());
            }
            return "ok after " + attempts.get();
        };
    }

    @Test
    void retriesUntilSuccessWithExponentialBackoffWithoutJitter() throws Exception {
        Retry retry = retry().maxAttempts(5).backoff(Duration.ofMillis(100), Duration.ofMillis(350)).jitter(false).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThat(retry.call(failing(attempts, 4))).isEqualTo("ok after 5");
        assertThat(waits).containsExactly(100 * MS, 200 * MS, 350 * MS, 350 * MS);
        assertThat(retry.stats()).isEqualTo(new RetryStats(1, 4, 0, 0));
    }

    @Test
    void fullJitterIsUniformBelowTheBoundAndReproducibleWithASeed() throws Exception {
        Retry retry = retry().maxAttempts(4).backoff(Duration.ofMillis(100), Duration.ofSeconds(10)).random(new Random(42))
                .build();
        retry.call(failing(new AtomicInteger(), 3));
        Random same = new Random(42);
        assertThat(waits).containsExactly(same.nextLong(100 * MS + 1), same.nextLong(200 * MS + 1),
                same.nextLong(400 * MS + 1));
        assertThat(waits.get(0)).isBetween(0L, 100 * MS);
        assertThat(waits.get(2)).isBetween(0L, 400 * MS);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        Retry retry = retry().maxAttempts(3).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(failing(attempts, 10))).isInstanceOf(IOException.class)
                .hasMessage("attempt 3");
        assertThat(attempts).hasValue(3);
        assertThat(retry.stats().exhausted()).isEqualTo(1);
    }

    @Test
    void maxDurationStopsARetryWhoseWaitWouldEndTooLate() {
        Retry retry = retry().maxAttempts(100).maxDuration(Duration.ofMillis(1000))
                .backoff(Duration.ofMillis(300), Duration.ofMillis(300)).jitter(false).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(failing(attempts, 100))).isInstanceOf(IOException.class);
        assertThat(waits).containsExactly(300 * MS, 300 * MS, 300 * MS); // a 4th would end at 1200 ms
        assertThat(attempts).hasValue(4);
    }

    @Test
    void onlyMatchingFailuresAreRetried() {
        Retry retry = retry().retryOn(e -> e instanceof IOException).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("not transient");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void rejectionsAndInterruptsAreNotRetriedByDefault() {
        Retry retry = retry().maxAttempts(5).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            throw new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN, "open");
        })).isInstanceOf(CallRejectedException.class);
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            throw new InterruptedException();
        })).isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void retriesOnMatchingResultsAndReturnsTheLastOneWhenDone() throws Exception {
        Retry retry = retry().maxAttempts(3).retryOnResult(r -> "busy".equals(r)).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThat(retry.call(() -> attempts.incrementAndGet() < 2 ? "busy" : "done")).isEqualTo("done");
        assertThat(retry.call(() -> "busy")).isEqualTo("busy");
        assertThat(retry.stats().exhausted()).isEqualTo(1);
    }

    @Test
    void anInterruptDuringBackoffEndsTheCall() {
        Retry retry = Retry.builder().ticker(time).sleeper(time).maxAttempts(3).build();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            Thread.currentThread().interrupt(); // the fake sleeper sees it and throws
            throw new IOException("down");
        })).isInstanceOf(InterruptedException.class);
        assertThat(attempts).hasValue(1);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void theBudgetStopsRetriesAndRecovers() throws Exception {
        RetryBudget budget = RetryBudget.of(0.1, 2, Duration.ofSeconds(10), time);
        Retry retry = retry().maxAttempts(3).budget(budget).backoff(Duration.ZERO, Duration.ZERO).build();
        for (int i = 0; i < 10; i++) {
            assertThat(retry.call(() -> "fine")).isEqualTo("fine");
        }
        // 10 calls earn 1 retry, plus a floor of 2: 3 retries in the window
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(failing(attempts, 100))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> retry.call(failing(attempts, 100))).isInstanceOf(IOException.class);
        assertThat(attempts).as("3 + 2 attempts: budget spent after 3 retries").hasValue(5);
        assertThat(retry.stats().budgetDenied()).isEqualTo(1);
        time.advance(Duration.ofSeconds(10));
        attempts.set(0);
        assertThat(retry.call(failing(attempts, 1))).as("the budget recovered").isEqualTo("ok after 2");
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> Retry.builder().maxAttempts(0)).hasMessage("maxAttempts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Retry.builder().maxDuration(Duration.ZERO)).hasMessage("maxDuration: PT0S (expected: > 0)");
        assertThatThrownBy(() -> Retry.builder().backoff(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessage("initial: PT-0.001S (expected: >= 0)");
        assertThatThrownBy(() -> Retry.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("max: PT1S (expected: >= initial PT2S)");
        assertThatThrownBy(() -> Retry.builder().multiplier(0.9)).hasMessage("multiplier: 0.9 (expected: >= 1)");
        assertThatThrownBy(() -> Retry.builder().random(null)).isInstanceOf(NullPointerException.class).hasMessage("random");
        assertThatThrownBy(() -> Retry.builder().build().call(null)).hasMessage("callable");
        assertThatThrownBy(() -> RetryBudget.of(-0.1, 0, Duration.ofSeconds(1)))
                .hasMessage("ratio: -0.1 (expected: in [0, 1000])");
        assertThatThrownBy(() -> RetryBudget.of(0.1, -1, Duration.ofSeconds(1)))
                .hasMessage("minRetries: -1 (expected: >= 0)");
        assertThatThrownBy(() -> RetryBudget.of(0.1, 1, Duration.ofNanos(5)))
                .hasMessage("window: PT0.000000005S (expected: >= 10ns)");
    }
}
