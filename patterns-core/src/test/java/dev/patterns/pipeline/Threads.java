package dev.patterns.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers shared by the pipeline tests: joining threads and waiting for a condition. */
final class Threads {

    /** Generous bound for conditions that a correct implementation reaches in milliseconds. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Threads() {
    }

    /** Joins every thread (bounded) and asserts that each has ended. */
    static void assertAllEnded(List<Thread> threads) throws InterruptedException {
        assertThat(threads).isNotEmpty();
        for (Thread t : threads) {
            t.join(PATIENCE);
            assertThat(t.isAlive()).as("thread %s still alive", t.getName()).isFalse();
        }
    }

    /** Spins (yielding) until the condition holds; fails the test after {@link #PATIENCE}. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Starts a platform thread running the body; failures surface through {@link Joined#join()}. */
    static Joined start(String name, ThrowingRunnable body) {
        Joined j = new Joined();
        j.thread = Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                j.error = t;
            }
        });
        return j;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static final class Joined {
        Thread thread;
        volatile Throwable error;

        void join() throws InterruptedException {
            thread.join(PATIENCE);
            assertThat(thread.isAlive()).as("thread %s still alive", thread.getName()).isFalse();
            if (error != null) {
                throw new AssertionError("thread " + thread.getName() + " failed", error);
            }
        }
    }
}
