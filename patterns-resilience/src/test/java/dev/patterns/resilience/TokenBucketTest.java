package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.patterns.time.FakeTicker;
import dev.patterns.time.Sleeper;

class TokenBucketTest {

    private static final long MS = 1_000_000L;
    private final FakeTicker time = FakeTicker.startingAt(Long.MAX_VALUE - 50 * MS); // wraps mid-test

    private TokenBucket bucket(long capacity, long perSecond) {
        return TokenBucket.builder().capacity(capacity).refill(perSecond, Duration.ofSeconds(1))
                .ticker(time).sleeper(time).build();
    }

    @Test
    void startsFullAndAllowsABurstOfCapacity() {
        TokenBucket bucket = bucket(20, 100);
        assertThat(bucket.availableTokens()).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryAcquire()).as("token %d", i).isTrue();
        }
        assertThat(bucket.tryAcquire()).isFalse();
        assertThat(bucket.availableTokens()).isZero();
        assertThat(bucket.estimateWaitNanos(1)).isEqualTo(10 * MS);
        assertThat(bucket.estimateWaitNanos(5)).isEqualTo(50 * MS);
    }

    @Test
    void refillsContinuouslyUpToCapacity() {
        TokenBucket bucket = bucket(20, 100); // one token per 10 ms
        while (bucket.tryAcquire()) {
            // drain
        }
        time.advance(Duration.ofMillis(9));
        assertThat(bucket.tryAcquire()).isFalse();
        time.advance(Duration.ofMillis(1));
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
        time.advance(Duration.ofMillis(35));
        assertThat(bucket.availableTokens()).isEqualTo(3);
        assertThat(bucket.tryAcquire(3)).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
        time.advance(Duration.ofDays(1));
        assertThat(bucket.availableTokens()).as("never above capacity").isEqualTo(20);
        assertThat(bucket.tryAcquire(20)).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void startEmptyWhenAsked() {
        TokenBucket bucket = TokenBucket.builder().capacity(5).refill(1, Duration.ofMillis(1)).startFull(false)
                .ticker(time).build();
        assertThat(bucket.tryAcquire()).isFalse();
        time.advance(Duration.ofMillis(1));
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void neverAdmitsMoreThanCapacityPlusRateTimesElapsed() {
        TokenBucket bucket = bucket(10, 1000); // 1 token / ms
        long admitted = 0;
        long start = time.read();
        for (int step = 0; step < 10_000; step++) {
            if (bucket.tryAcquire(1 + step % 3)) {
                admitted += 1 + step % 3;
            }
            time.advanceNanos(step % 7 == 0 ? 3 * MS : 100_000);
            long elapsed = time.read() - start;
            assertThat(admitted).isLessThanOrEqualTo(10 + elapsed / MS);
        }
        assertThat(admitted).as("and admits about that much").isGreaterThan((time.read() - start) / MS - 10);
    }

    @Test
    void acquireWaitsExactlyUntilTheTokensAreThere() throws InterruptedException {
        TokenBucket bucket = bucket(20, 100);
        assertThat(bucket.tryAcquire(20)).isTrue();
        long before = time.read();
        bucket.acquire(3); // sleeps on the fake ticker: advances it
        assertThat(time.read() - before).isEqualTo(30 * MS);
        assertThat(bucket.tryAcquire()).isFalse();
    }

    @Test
    void timedAcquireWaitsOnlyIfTheTokensWillBeThereInTime() throws InterruptedException {
        TokenBucket bucket = bucket(20, 100);
        assertThat(bucket.tryAcquire(20)).isTrue();
        long before = time.read();
        assertThat(bucket.tryAcquire(2, Duration.ofMillis(19))).isFalse();
        assertThat(time.read()).as("refused without waiting").isEqualTo(before);
        assertThat(bucket.tryAcquire(2, Duration.ofMillis(20))).isTrue();
        assertThat(time.read() - before).isEqualTo(20 * MS);
        assertThat(bucket.tryAcquire(1, Duration.ZERO)).isFalse();
    }

    @Test
    void waitersAreServedInTheOrderTheyReserved() throws InterruptedException {
        TokenBucket bucket = TokenBucket.builder().capacity(10).refill(100, Duration.ofSeconds(1)).ticker(time)
                .sleeper(nanos -> { /* the test moves time itself */ }).build();
        assertThat(bucket.tryAcquire(10)).isTrue();
        bucket.acquire(10); // reserves the next 100 ms
        assertThat(bucket.estimateWaitNanos(1)).isEqualTo(110 * MS);
        assertThat(bucket.tryAcquire()).as("a newcomer does not jump the queue").isFalse();
    }

    @Test
    void anInterruptedWaiterGivesItsReservationBack() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        Sleeper blocking = nanos -> {
            parked.countDown();
            Sleeper.system().sleepNanos(Long.MAX_VALUE / 4);
        };
        TokenBucket bucket = TokenBucket.builder().capacity(10).refill(100, Duration.ofSeconds(1)).ticker(time)
                .sleeper(blocking).build();
        assertThat(bucket.tryAcquire(10)).isTrue();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                bucket.acquire(5);
                outcome.set(new AssertionError("acquired"));
            } catch (InterruptedException expected) {
                outcome.set(expected);
            }
        });
        parked.await();
        assertThat(bucket.estimateWaitNanos(1)).isEqualTo(60 * MS);
        waiter.interrupt();
        waiter.join(Duration.ofSeconds(10));
        assertThat(waiter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(bucket.estimateWaitNanos(1)).as("reservation returned").isEqualTo(10 * MS);
    }

    @Test
    void anInterruptedCallerIsRefusedBeforeTakingTokens() {
        TokenBucket bucket = bucket(5, 100);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> bucket.acquire(1)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(bucket.availableTokens()).isEqualTo(5);
    }

    @Test
    void racingAcquirersNeverTakeMoreThanTheBucketHolds() throws Exception {
        for (int round = 0; round < 20; round++) {
            TokenBucket bucket = bucket(1000, 1); // no refill during the test: time does not move
            int threads = 4;
            CyclicBarrier start = new CyclicBarrier(threads);
            AtomicLong taken = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    for (int k = 0; k < 1000; k++) {
                        if (bucket.tryAcquire(1 + k % 2)) {
                            taken.addAndGet(1 + k % 2);
                        }
                    }
                }));
            }
            for (Thread t : workers) {
                t.join(Duration.ofSeconds(10));
                assertThat(t.isAlive()).isFalse();
            }
            assertThat(taken.get()).isBetween(999L, 1000L);
        }
    }

    @Test
    void callRunsWithATokenAndRejectsWithout() throws Exception {
        TokenBucket bucket = bucket(1, 1);
        assertThat(bucket.call(() -> "ran")).isEqualTo("ran");
        assertThatThrownBy(() -> bucket.call(() -> "never"))
                .isInstanceOfSatisfying(CallRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.RATE_LIMITED))
                .hasMessage("token bucket is empty: next token in 1000000000ns");
    }

    @Test
    void refillIntervalRoundsUpSoTheRateIsNeverExceeded() {
        TokenBucket bucket = TokenBucket.builder().capacity(1).refill(3, Duration.ofNanos(10)).build();
        assertThat(bucket.nanosPerToken()).isEqualTo(4);
        assertThat(bucket.capacity()).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        TokenBucket bucket = bucket(20, 100);
        assertThatThrownBy(() -> bucket.tryAcquire(21)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("permits: 21 (expected: <= capacity 20; more can never be available at once)");
        assertThatThrownBy(() -> bucket.acquire(21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.tryAcquire(0)).hasMessage("permits: 0 (expected: >= 1)");
        assertThatThrownBy(() -> bucket.tryAcquire(1, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
        assertThatThrownBy(() -> TokenBucket.builder().capacity(0)).hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> TokenBucket.builder().refill(0, Duration.ofSeconds(1)))
                .hasMessage("tokens: 0 (expected: >= 1)");
        assertThatThrownBy(() -> TokenBucket.builder().refill(1, Duration.ofSeconds(-1)))
                .hasMessage("period: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> TokenBucket.builder().refill(11, Duration.ofNanos(10)))
                .hasMessageStartingWith("tokens: 11 (expected: <= 10");
        assertThatThrownBy(() -> TokenBucket.builder().refill(1, Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("capacity: not set (expected: capacity(n) before build())");
        assertThatThrownBy(() -> TokenBucket.builder().capacity(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("refill: not set (expected: refill(tokens, period) before build())");
        assertThatThrownBy(() -> TokenBucket.builder().capacity(Long.MAX_VALUE).refill(1, Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("capacity: " + Long.MAX_VALUE);
        assertThatThrownBy(() -> TokenBucket.builder().ticker(null)).hasMessage("ticker");
    }
}
