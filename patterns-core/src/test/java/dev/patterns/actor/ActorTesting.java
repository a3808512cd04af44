package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Shared fixture of the actor tests: a thread factory that records every thread a system starts,
 * so a test can prove that close() left none alive. Timeouts here are safety nets against a hung
 * test, never part of what is asserted.
 */
final class ActorTesting implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<ActorSystem> systems = new CopyOnWriteArrayList<>();

    /** A thread factory of virtual threads that records each thread it makes. */
    ThreadFactory recording(boolean virtual) {
        ThreadFactory f = virtual ? Thread.ofVirtual().name("test-actor-", 0).factory()
                : Thread.ofPlatform().daemon().name("test-worker-", 0).factory();
        return r -> {
            Thread t = f.newThread(r);
            threads.add(t);
            return t;
        };
    }

    /** A builder whose threads are recorded; the system is closed by {@link #close()}. */
    ActorSystemBuilder builder() {
        return ActorSystem.builder().threadFactory(recording(true));
    }

    ActorSystem track(ActorSystem system) {
        systems.add(system);
        return system;
    }

    ActorSystem system() {
        return track(builder().build());
    }

    static <T> T await(CompletableFuture<T> f) throws InterruptedException, ExecutionException {
        try {
            return f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no result within the patience", e);
        }
    }

    /** Waits (yielding) until {@code condition} holds, failing after the patience. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.yield();
        }
    }

    /** Waits until {@code t} is parked. */
    static void awaitParked(Thread t) {
        awaitTrue(t.getName() + " parked", () -> {
            Thread.State s = t.getState();
            if (s == Thread.State.TERMINATED) {
                throw new AssertionError(t.getName() + " ended instead of blocking");
            }
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
    }

    /** Closes every tracked system and checks that every recorded thread has ended. */
    @Override
    public void close() throws InterruptedException {
        for (ActorSystem s : systems) {
            s.close();
        }
        for (Thread t : threads) {
            t.join(PATIENCE.toMillis());
            assertThat(t.isAlive()).as("%s still alive", t.getName()).isFalse();
        }
    }
}
