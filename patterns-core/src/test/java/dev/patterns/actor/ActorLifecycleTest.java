package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** stop drains then PostStop; stopNow returns the rest; dead letters; close ends every thread. */
class ActorLifecycleTest {

    private final ActorTesting testing = new ActorTesting();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<ActorDeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        testing.close();
    }

    private ActorSystem system() {
        return testing.track(testing.builder().onDeadLetter(deadLetters::add).build());
    }

    /** Blocks in the handler of 0 until released; records messages and PostStop. */
    private Behavior<Integer> recording() {
        return Behavior.receive((ctx, n) -> {
            if (n == 0) {
                started.countDown();
                release.await();
            }
            events.add(n);
            return Behavior.same();
        }, (ctx, s) -> {
            events.add(s);
            return Behavior.same();
        });
    }

    @Test
    void stopHandlesWhatWasAcceptedThenPostStopAndLaterMessagesAreDeadLetters() throws Exception {
        ActorSystem system = system();
        ActorRef<Integer> a = system.spawn(recording(), "drained");
        a.tell(0);
        started.await();
        a.tell(1);
        a.tell(2);
        a.stop();
        a.tell(3); // after stop: a dead letter, counted
        assertThat(a.tryTell(4)).isTrue();
        release.countDown();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(events).containsExactly(0, 1, 2, new PostStop());
        assertThat(deadLetters).extracting(ActorDeadLetter::message).containsExactly(3, 4);
        assertThat(a.stats().deadLetters()).isEqualTo(2);
        assertThat(system.stats().deadLetters()).isEqualTo(2);
        assertThat(system.stats().handled()).isEqualTo(3);
    }

    @Test
    void stopNowReturnsWhatWasNeverHandled() throws Exception {
        ActorSystem system = system();
        ActorRef<Integer> a = system.spawn(recording(), "abrupt");
        a.tell(0);
        started.await();
        for (int i = 1; i <= 5; i++) {
            a.tell(i);
        }
        List<Integer> left = a.stopNow();
        assertThat(left).containsExactly(1, 2, 3, 4, 5);
        assertThat(a.stats().mailboxDepth()).isZero();
        release.countDown();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(events).containsExactly(0, new PostStop());
        assertThat(a.stopNow()).isEmpty();
        assertThat(deadLetters).isEmpty(); // returned to the caller, not dead letters
    }

    @Test
    void aSenderBlockedOnAFullMailboxOfAStoppingActorIsReleasedAndItsMessageIsADeadLetter() throws Exception {
        ActorSystem system = system();
        ActorRef<Integer> a = system.spawn(recording(), "full", Mailbox.bounded(1));
        a.tell(0);
        started.await();
        a.tell(1);
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                a.tell(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        ActorTesting.awaitParked(sender);
        a.stop();
        sender.join();
        assertThat(deadLetters).extracting(ActorDeadLetter::message).containsExactly(2);
        release.countDown();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(events).containsExactly(0, 1, new PostStop());
    }

    @Test
    void returningStoppedStopsTheActorAndTheRestOfTheMailboxIsDeadLetters() throws Exception {
        ActorSystem system = system();
        CountDownLatch gate = new CountDownLatch(1);
        ActorRef<String> a = system.spawn(Behavior.<String>receive((ctx, m) -> {
            gate.await();
            return m.equals("stop") ? Behavior.stopped() : Behavior.same();
        }), "quitter");
        a.tell("stop");
        a.tell("after-1");
        a.tell("after-2");
        gate.countDown();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(deadLetters).extracting(ActorDeadLetter::message).containsExactly("after-1", "after-2");
        assertThat(a.stats().handled()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void closeStopsEveryActorAndReturnsOnlyWhenEveryThreadHasEnded(boolean virtual) throws Exception {
        ActorSystemBuilder b = ActorSystem.builder().threadFactory(testing.recording(virtual));
        if (!virtual) {
            b.platformThreads(2);
        }
        ActorSystem system = b.build();
        for (int i = 0; i < 100; i++) {
            ActorRef<Integer> a = system.spawn(Behavior.<Integer>setup(ctx -> {
                ctx.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "child");
                return Behavior.receive((c, n) -> Behavior.same());
            }));
            for (int j = 0; j < 10; j++) {
                a.tell(j);
            }
        }
        CompletableFuture<Long> pending = system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "x")
                .ask(r -> "never answered", Duration.ofDays(1));
        assertThat(system.awaitTermination(Duration.ZERO)).isFalse();
        system.close();
        assertThat(system.isTerminated()).isTrue();
        assertThat(testing.threads).isNotEmpty();
        for (Thread t : testing.threads) {
            assertThat(t.isAlive()).as("%s alive after close()", t.getName()).isFalse();
        }
        ActorSystemStats stats = system.stats();
        assertThat(stats.actors()).isZero();
        assertThat(stats.spawned()).isEqualTo(201);
        assertThat(stats.stopped()).isEqualTo(201);
        assertThat(stats.handled()).isEqualTo(1001);
        assertThat(pending).isCompletedExceptionally();
        assertThat(system.awaitTermination(Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> system.spawn(Behavior.<String>receive((c, m) -> Behavior.same())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("actor system '" + system.name() + "' is closed");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void closeFromAHandlerStopsTheSystemAndReturnsInsteadOfWaitingForItself(boolean virtual) throws Exception {
        ActorSystemBuilder b = ActorSystem.builder().threadFactory(testing.recording(virtual));
        if (!virtual) {
            b.platformThreads(2);
        }
        ActorSystem system = b.build();
        CountDownLatch closeReturned = new CountDownLatch(1);
        ActorRef<String> a = system.spawn(Behavior.<String>receive((c, m) -> {
            system.close(); // from the system's own thread: starts the stop, cannot wait for itself
            closeReturned.countDown();
            return Behavior.same();
        }, (c, s) -> {
            events.add(s);
            return Behavior.same();
        }), "closer");
        a.tell("close");
        assertThat(closeReturned.await(ActorTesting.PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("close() called inside a handler returned").isTrue();
        assertThat(system.awaitTermination(ActorTesting.PATIENCE)).isTrue();
        assertThat(events).containsExactly(new PostStop());
        for (Thread t : testing.threads) {
            assertThat(t.isAlive()).as("%s alive after termination", t.getName()).isFalse();
        }
    }

    @Test
    void closeFromTheContinuationOfAnAskFailedAtTerminationReturns() throws Exception {
        ActorSystem system = testing.track(testing.builder().build());
        ActorRef<String> silent = system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "silent");
        CountDownLatch continuationDone = new CountDownLatch(1);
        CompletableFuture<Object> never = silent.ask(r -> "never answered", Duration.ofDays(1));
        never.whenComplete((v, e) -> {
            system.close(); // runs on the ask timer's thread while the system terminates
            continuationDone.countDown();
        });
        Thread closer = new Thread(system::close, "closer");
        closer.start();
        closer.join(ActorTesting.PATIENCE.toMillis());
        assertThat(closer.isAlive()).as("close() from another thread returned").isFalse();
        assertThat(continuationDone.getCount()).isZero();
        assertThat(never).isCompletedExceptionally();
        assertThat(system.isTerminated()).isTrue();
    }

    @Test
    void shutdownNowInterruptsHandlersAndReturnsUnhandledMessages() throws Exception {
        ActorSystem system = system();
        ActorRef<Integer> a = system.spawn(recording(), "interrupted");
        a.tell(0);
        started.await();
        a.tell(1);
        a.tell(2);
        List<Object> left = system.shutdownNow();
        assertThat(left).containsExactly(1, 2);
        assertThat(system.awaitTermination(ActorTesting.PATIENCE)).isTrue();
        // the blocked handler was interrupted: a failure, and the actor stopped
        assertThat(a.stats().failed()).isEqualTo(1);
        assertThat(events).containsExactly(new PostStop());
    }

    @Test
    void awaitTerminationIsFalseWhileTheSystemRuns() throws Exception {
        ActorSystem system = system();
        system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()));
        assertThat(system.awaitTermination(Duration.ofMillis(1))).isFalse();
        assertThat(system.isTerminated()).isFalse();
    }

    @Test
    void namesAreReadable() {
        ActorSystem system = testing.track(testing.builder().name("bank").build());
        ActorRef<String> a = system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()));
        ActorRef<String> b = system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "account-7");
        assertThat(system.name()).isEqualTo("bank");
        assertThat(a.name()).matches("actor-\\d+");
        assertThat(b.name()).isEqualTo("account-7");
        assertThat(b.toString()).isEqualTo("ActorRef[account-7]");
        assertThat(b.stats().name()).isEqualTo("account-7");
    }

    @Test
    void timingMeasuresTimeInMailboxAndHandlingTimeThroughTheTicker() throws Exception {
        dev.patterns.time.FakeTicker time = dev.patterns.time.FakeTicker.start();
        ActorSystem system = testing.track(testing.builder().ticker(time).timing(true).build());
        ActorRef<Integer> a = system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            if (n == 1) {
                started.countDown();
                release.await();
            }
            time.advance(Duration.ofMillis(5)); // every handler takes 5 ms of ticker time
            events.add(n);
            return Behavior.same();
        }), "timed");
        a.tell(1);
        started.await();
        a.tell(2); // enqueued at 0 ms, taken out at 5 ms
        release.countDown();
        ActorTesting.awaitTrue("both handled", () -> a.stats().handled() == 2);
        assertThat(a.stats().mailboxNanos()).isEqualTo(Duration.ofMillis(5).toNanos());
        assertThat(a.stats().handlingNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(system.stats().mailboxNanos()).isEqualTo(Duration.ofMillis(5).toNanos());
        assertThat(system.stats().handlingNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
    }
}
