package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default dispatcher: reused workers, blocking handlers, fairness, close ends every worker. */
class ActorDispatcherTest {

    private final ActorTesting testing = new ActorTesting();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        testing.close();
    }

    private static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(ActorTesting.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as(what).isTrue();
    }

    /** Spawns one more actor and tells it one message; the latch opens when it is handled. */
    private static CountDownLatch tellAnother(ActorSystem system) throws InterruptedException {
        CountDownLatch handled = new CountDownLatch(1);
        system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            handled.countDown();
            return Behavior.same();
        })).tell(1);
        return handled;
    }

    @Test
    void turnsReuseWorkersInsteadOfAThreadPerTurn() throws Exception {
        ActorSystem system = testing.system();
        int actors = 1_000;
        CountDownLatch handled = new CountDownLatch(actors);
        List<ActorRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            refs.add(system.spawn(Behavior.receive((ctx, n) -> {
                handled.countDown();
                return Behavior.same();
            })));
        }
        for (ActorRef<Integer> r : refs) {
            r.tell(1);
        }
        awaitLatch(handled, "every actor handled its message");
        // A thread per turn would have started 1,000; workers are started only while all are busy.
        assertThat(testing.threads).hasSizeBetween(1, ActorSystemImpl.MAX_WORKERS);
    }

    @Test
    void closeJoinsEveryWorkerItStarted() throws Exception {
        ActorSystem system = testing.system();
        int actors = 50;
        CountDownLatch handled = new CountDownLatch(actors);
        for (int i = 0; i < actors; i++) {
            system.spawn(Behavior.<Integer>receive((ctx, n) -> {
                handled.countDown();
                return Behavior.same();
            })).tell(i);
        }
        awaitLatch(handled, "every actor handled its message");
        system.close();
        assertThat(testing.threads).isNotEmpty();
        for (Thread t : testing.threads) {
            // no join here: close() itself must have ended them
            assertThat(t.isAlive()).as("%s alive after close()", t.getName()).isFalse();
        }
    }

    @Test
    void blockedHandlersDoNotStopOtherActors() throws Exception {
        ActorSystem system = testing.system();
        int blockers = 2 * Runtime.getRuntime().availableProcessors() + 3;
        CountDownLatch blocked = new CountDownLatch(blockers);
        for (int i = 0; i < blockers; i++) {
            system.spawn(Behavior.<Integer>receive((ctx, n) -> {
                blocked.countDown();
                release.await();
                return Behavior.same();
            })).tell(i);
        }
        awaitLatch(blocked, "every blocking handler is blocked");
        awaitLatch(tellAnother(system), "another actor ran while " + blockers + " handlers blocked");
        release.countDown();
    }

    /** A busy actor that keeps mailing itself yields after each batch, so another actor runs. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aBusyActorDoesNotStarveAnother(int platformThreads) throws Exception {
        ActorSystemBuilder b = testing.builder().batch(8);
        if (platformThreads > 0) {
            b.platformThreads(platformThreads).threadFactory(testing.recording(false));
        }
        ActorSystem system = testing.track(b.build());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong spins = new AtomicLong();
        CountDownLatch busy = new CountDownLatch(1);
        ActorRef<Integer> spinner = system.spawn(Behavior.receive((ctx, n) -> {
            spins.incrementAndGet();
            busy.countDown();
            if (!stop.get()) {
                ctx.self().tell(n + 1);
            }
            return Behavior.same();
        }));
        spinner.tell(0);
        awaitLatch(busy, "the spinner runs");
        awaitLatch(tellAnother(system), "the other actor ran beside the spinner");
        stop.set(true);
        assertThat(spins.get()).isPositive();
    }
}
