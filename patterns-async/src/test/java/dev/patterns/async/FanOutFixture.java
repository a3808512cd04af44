package dev.patterns.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

import dev.patterns.time.FakeTicker;

/**
 * What the fan-out tests share: a fake ticker, a fan-out on it whose threads are all recorded and
 * must have ended after each test, and a latch released at the end so that no blocked call can
 * outlive the test.
 */
abstract class FanOutFixture {

    /** Real-time safety net for waits a correct implementation ends in milliseconds. */
    static final long SAFETY = TimeUnit.SECONDS.toNanos(10);

    final FakeTicker time = FakeTicker.start();
    /** Every thread a fan-out built on {@link #counting} started; each must have ended by the end of the test. */
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    final ThreadFactory counting = r -> {
        Thread t = Thread.ofVirtual().unstarted(r);
        threads.add(t);
        return t;
    };
    final FanOut fanOut = FanOut.builder().threadFactory(counting).ticker(time).build();
    /** Released at the end of each test so that no blocked task can outlive it. */
    final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void noThreadOutlivesTheTest() throws InterruptedException {
        never.countDown();
        for (Thread t : threads) {
            assertThat(t.join(Duration.ofSeconds(10))).as("thread %s ended", t).isTrue();
        }
    }

    /** Waits (bounded by {@link #SAFETY}) until {@code count} calls of the gathering reported finished. */
    static void awaitReports(Gathering<?> g, int count) throws InterruptedException {
        assertThat(((GatheringImpl<?>) g).awaitReports(count, SAFETY)).as("%s calls reported", count).isTrue();
    }

    /** A call that says it runs, then ignores every interrupt until the test ends ({@link #never}). */
    Callable<String> ignoringInterrupts(CountDownLatch running) {
        return () -> {
            running.countDown();
            while (true) {
                try {
                    never.await();
                    return "late";
                } catch (InterruptedException ignored) {
                    // deliberately ignores interrupts: the case under test
                }
            }
        };
    }
}
