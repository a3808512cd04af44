package dev.patterns.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class TimeoutTest {

    /** Remembers the thread it made, so tests can check that it ended. */
    private static final class Recording implements ThreadFactory {
        final AtomicReference<Thread> last = new AtomicReference<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = Thread.ofVirtual().unstarted(task);
            last.set(t);
            return t;
        }
    }

    @Test
    void returnsTheResultOrTheFailureOfACallWithinTheLimit() throws Exception {
        Timeout timeout = Timeout.of(Duration.ofDays(1));
        assertThat(timeout.call(() -> "fast")).isEqualTo("fast");
        assertThatThrownBy(() -> timeout.call(() -> {
            throw new IOException("failed fast");
        })).isInstanceOf(IOException.class).hasMessage("failed fast");
        assertThatThrownBy(() -> timeout.call(() -> {
            throw new AssertionError("an error");
        })).isInstanceOf(AssertionError.class);
        assertThat(timeout.stats()).isEqualTo(new TimeoutStats(0, 0));
    }

    @Test
    void aCallPastTheLimitIsInterruptedAndHasEndedWhenTheCallerHears() throws Exception {
        Recording threads = new Recording();
        Timeout timeout = Timeout.of(Duration.ofMillis(20), Duration.ofDays(1), threads);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        assertThatThrownBy(() -> timeout.call(() -> {
            try {
                new CountDownLatch(1).await(); // blocks until interrupted, however slow the machine
                return "never";
            } catch (InterruptedException e) {
                sawInterrupt.set(true);
                throw e;
            }
        })).isInstanceOf(TimeoutException.class).hasMessage("call timed out after PT0.02S and was interrupted");
        assertThat(sawInterrupt).isTrue();
        assertThat(threads.last.get().isAlive()).as("no work left running").isFalse();
        assertThat(timeout.stats()).isEqualTo(new TimeoutStats(1, 0));
    }

    @Test
    void aCallThatIgnoresInterruptsIsReportedAsStillRunning() throws Exception {
        Recording threads = new Recording();
        Timeout timeout = Timeout.of(Duration.ofMillis(10), Duration.ZERO, threads);
        AtomicBoolean release = new AtomicBoolean();
        assertThatThrownBy(() -> timeout.call(() -> {
            while (!release.get()) {
                LockSupport.park(); // ignores interrupts
            }
            return "stubborn";
        })).isInstanceOf(TimeoutException.class).hasMessageEndingWith("and is still running");
        assertThat(timeout.stats()).isEqualTo(new TimeoutStats(1, 1));
        release.set(true);
        Thread stubborn = threads.last.get();
        LockSupport.unpark(stubborn);
        stubborn.join(Duration.ofSeconds(10));
        assertThat(stubborn.isAlive()).isFalse();
    }

    @Test
    void anInterruptedCallerInterruptsTheCall() throws Exception {
        Recording threads = new Recording();
        Timeout timeout = Timeout.of(Duration.ofDays(1), Duration.ofDays(1), threads);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                timeout.call(() -> {
                    running.countDown();
                    new CountDownLatch(1).await();
                    return "never";
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        running.await();
        caller.interrupt();
        caller.join(Duration.ofSeconds(10));
        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(threads.last.get().isAlive()).as("the call ended before the caller returned").isFalse();
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatThrownBy(() -> Timeout.of(Duration.ZERO)).hasMessage("limit: PT0S (expected: > 0)");
        assertThatThrownBy(() -> Timeout.of(null)).isInstanceOf(NullPointerException.class).hasMessage("limit");
        assertThatThrownBy(() -> Timeout.of(Duration.ofSeconds(1), Duration.ofSeconds(-1), Thread.ofVirtual().factory()))
                .hasMessage("grace: PT-1S (expected: >= 0)");
        assertThatThrownBy(() -> Timeout.of(Duration.ofSeconds(1), Duration.ZERO, null)).hasMessage("threads");
        assertThatThrownBy(() -> Timeout.of(Duration.ofSeconds(1)).call(null)).hasMessage("callable");
        assertThat(Timeout.of(Duration.ofMillis(5)).limit()).isEqualTo(Duration.ofMillis(5));
    }
}
