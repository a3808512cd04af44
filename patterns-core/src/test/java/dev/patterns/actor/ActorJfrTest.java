package dev.patterns.actor;

import static dev.patterns.testing.JfrCapture.named;
import static dev.patterns.testing.JfrCapture.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.patterns.channel.Overflow;
import dev.patterns.testing.JfrCapture;

/** The actor JFR events: mailbox drop, failure (restarted / stopped), tell wait, message. */
class ActorJfrTest {

    private final ActorTesting testing = new ActorTesting();
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() throws InterruptedException {
        release.countDown();
        testing.close();
    }

    /** An actor that blocks in its first handler until {@link #release}, its mailbox (2) full. */
    private ActorRef<Integer> fullActor(ActorSystem system, Overflow overflow) throws InterruptedException {
        ActorRef<Integer> slow = system.spawn(Behavior.<Integer>receive((ctx, n) -> {
            if (n == 0) {
                firstStarted.countDown();
                release.await();
            }
            return Behavior.same();
        }), "slow", Mailbox.bounded(2, overflow));
        slow.tell(0);
        firstStarted.await();
        slow.tell(1);
        slow.tell(2);
        return slow;
    }

    @Test
    void aDropIsRecordedWithTheActorAndPolicy() throws Exception {
        ActorSystem system = testing.track(testing.builder().name("shop").build());
        List<RecordedEvent> events = record(() -> {
            ActorRef<Integer> slow = fullActor(system, Overflow.DROP_NEWEST);
            assertThat(slow.tryTell(3)).isTrue();
            assertThat(slow.tryTell(4)).isTrue();
            assertThat(slow.stats().dropped()).isEqualTo(2);
        });
        List<RecordedEvent> drops = named(events, "dev.patterns.actor.MailboxDrop");
        // At most one event per actor per 10 ms: the first drop is always recorded.
        assertThat(drops).hasSizeBetween(1, 2);
        RecordedEvent first = drops.get(0);
        assertThat(first.getString("system")).isEqualTo("shop");
        assertThat(first.getString("actor")).isEqualTo("slow");
        assertThat(first.getString("overflow")).isEqualTo("DROP_NEWEST");
        assertThat(first.getInt("capacity")).isEqualTo(2);
        assertThat(first.getLong("dropped")).isEqualTo(1);
        assertThat(JfrCapture.defaultSetting(ActorMailboxDropEvent.class, "enabled")).isEqualTo("true");
    }

    @Test
    void aTellThatWaitsIsRecordedOnlyOnTheSlowPath() throws Exception {
        ActorSystem system = testing.track(testing.builder().name("shop").build());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<RecordedEvent> events = record(() -> {
            ActorRef<Integer> slow = fullActor(system, Overflow.BLOCK); // tells 0-2 found room: no event
            assertThat(slow.tryTell(3)).isFalse();
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    slow.tell(3);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            ActorTesting.awaitParked(sender);
            release.countDown();
            sender.join();
        }, "dev.patterns.actor.TellWait");
        assertThat(failure.get()).isNull();
        List<RecordedEvent> waits = named(events, "dev.patterns.actor.TellWait");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).getString("system")).isEqualTo("shop");
        assertThat(waits.get(0).getString("actor")).isEqualTo("slow");
        assertThat(waits.get(0).getInt("capacity")).isEqualTo(2);
        assertThat(waits.get(0).getBoolean("sent")).isTrue();
        assertThat(waits.get(0).getDuration()).isPositive();
        assertThat(JfrCapture.defaultSetting(ActorTellWaitEvent.class, "threshold")).isEqualTo("20 ms");
    }

    @Test
    void aRestartAndAStopByFailureAreRecorded() throws Exception {
        ActorSystem system = testing.track(testing.builder().name("shop").build());
        Behavior<String> failing = Behavior.receive((ctx, m) -> {
            if (m.startsWith("boom")) {
                throw new IllegalStateException(m);
            }
            return Behavior.same();
        });
        List<RecordedEvent> events = record(() -> {
            ActorRef<String> restarted = system.spawn(
                    Behavior.supervise(failing, SupervisorStrategy.restart()), "restarted");
            restarted.tell("boom 1");
            restarted.tell("boom 2");
            ActorTesting.awaitTrue("restarted twice", () -> restarted.stats().restarts() == 2);
            CompletableFuture<Terminated> terminated = new CompletableFuture<>();
            ActorRef<String> stopped = system.spawn(failing, "stopped");
            system.spawn(Behavior.<String>setup(ctx -> {
                ctx.watch(stopped);
                stopped.tell("boom 3");
                return Behavior.receive((c, m) -> Behavior.same(), (c, s) -> {
                    if (s instanceof Terminated t) {
                        terminated.complete(t);
                    }
                    return Behavior.same();
                });
            }), "watcher");
            ActorTesting.await(terminated);
        });
        List<RecordedEvent> failures = named(events, "dev.patterns.actor.Failure");
        assertThat(failures).extracting(e -> e.getString("actor") + " " + e.getString("outcome") + " "
                        + e.getString("message") + " " + e.getLong("restarts"))
                .containsExactly("restarted restarted boom 1 1", "restarted restarted boom 2 2",
                        "stopped stopped boom 3 0");
        assertThat(failures).allSatisfy(e -> {
            assertThat(e.getString("system")).isEqualTo("shop");
            assertThat(e.getString("failure")).isEqualTo(IllegalStateException.class.getName());
        });
    }

    @Test
    void handledMessagesAreRecordedOnlyWhenEnabled() throws Exception {
        ActorSystem system = testing.track(testing.builder().name("shop").build());
        // A message's event is committed before the actor takes its next message: "sync" marks
        // the point where the events of every earlier message are in the recording.
        AtomicReference<CountDownLatch> synced = new AtomicReference<>();
        ActorRef<Object> actor = system.spawn(Behavior.supervise(Behavior.<Object>receive((ctx, m) -> {
            if (m.equals("bad")) {
                throw new IllegalArgumentException("bad");
            }
            if (m.equals("sync")) {
                synced.get().countDown();
            }
            return Behavior.same();
        }), SupervisorStrategy.resume()), "worker");
        synced.set(new CountDownLatch(1));
        List<RecordedEvent> on = record(() -> {
            actor.tell("good");
            actor.tell("bad");
            actor.tell(42);
            actor.tell("sync");
            synced.get().await();
        }, "dev.patterns.actor.Message");
        List<RecordedEvent> messages = named(on, "dev.patterns.actor.Message");
        assertThat(messages).extracting(e -> e.getString("actor") + " " + e.getString("type") + " "
                        + e.getBoolean("succeeded"))
                .startsWith("worker java.lang.String true", "worker java.lang.String false",
                        "worker java.lang.Integer true");
        assertThat(messages).allSatisfy(e -> assertThat(e.getString("system")).isEqualTo("shop"));

        synced.set(new CountDownLatch(1));
        List<RecordedEvent> off = record(() -> {
            actor.tell("good");
            actor.tell("sync");
            synced.get().await();
        });
        assertThat(named(off, "dev.patterns.actor.Message")).as("off by default").isEmpty();
    }
}
