package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.time.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Supervision: stop (default), resume, restart, restart with a limit, backoff; watch. */
class ActorSupervisionTest {

    /** "boom" fails; "get" replies with the count of messages handled since (re)start. */
    record Cmd(String what, ActorRef<Integer> replyTo) {
    }

    private final ActorTesting testing = new ActorTesting();
    private final FakeTicker time = FakeTicker.start();
    private final List<Signal> signals = new CopyOnWriteArrayList<>();
    private final List<Long> restartTimes = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        testing.close();
    }

    private ActorSystem system() {
        return testing.track(testing.builder().ticker(time).sleeper(time).build());
    }

    private Behavior<Cmd> counting() {
        return Behavior.setup(ctx -> {
            restartTimes.add(time.read());
            int[] count = {0};
            return Behavior.receive((c, cmd) -> {
                if (cmd.what().equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                count[0]++;
                if (cmd.replyTo() != null) {
                    cmd.replyTo().tell(count[0]);
                }
                return Behavior.same();
            }, (c, signal) -> {
                signals.add(signal);
                return Behavior.same();
            });
        });
    }

    private static int count(ActorRef<Cmd> a) throws Exception {
        return ActorTesting.await(a.ask(r -> new Cmd("get", r), ActorTesting.PATIENCE));
    }

    /** A watcher that completes {@code terminated} when the watched actor stops. */
    private void watch(ActorSystem system, ActorRef<?> target, CompletableFuture<Terminated> terminated)
            throws Exception {
        CompletableFuture<Void> watching = new CompletableFuture<>();
        system.spawn(Behavior.<String>setup(ctx -> {
            ctx.watch(target);
            watching.complete(null);
            return Behavior.receive((c, m) -> Behavior.same(), (c, s) -> {
                if (s instanceof Terminated t) {
                    terminated.complete(t);
                }
                return Behavior.same();
            });
        }), "watcher");
        ActorTesting.await(watching);
    }

    @Test
    void byDefaultAFailureStopsTheActorAndOnlyThatActor() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> failing = system.spawn(counting(), "failing");
        ActorRef<Cmd> sibling = system.spawn(counting(), "sibling");
        CompletableFuture<Terminated> terminated = new CompletableFuture<>();
        watch(system, failing, terminated);
        failing.tell(new Cmd("boom", null));
        Terminated t = ActorTesting.await(terminated);
        assertThat(t.actor()).isSameAs(failing);
        assertThat(t.failure()).get().extracting(Throwable::getMessage).isEqualTo("boom");
        assertThat(failing.stats().failed()).isEqualTo(1);
        assertThat(signals).hasAtLeastOneElementOfType(PostStop.class);
        assertThat(count(sibling)).isEqualTo(1);
        assertThat(system.stats().failed()).isEqualTo(1);
    }

    @Test
    void resumeKeepsTheBehaviourAndItsState() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> a = system.spawn(Behavior.supervise(counting(), SupervisorStrategy.resume()), "resumed");
        assertThat(count(a)).isEqualTo(1);
        a.tell(new Cmd("boom", null));
        assertThat(count(a)).isEqualTo(2);
        assertThat(a.stats().failed()).isEqualTo(1);
        assertThat(a.stats().restarts()).isZero();
        assertThat(restartTimes).hasSize(1);
    }

    @Test
    void restartStartsAgainFromTheInitialBehaviourAfterPreRestart() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> a = system.spawn(Behavior.supervise(counting(), SupervisorStrategy.restart()), "restarted");
        assertThat(count(a)).isEqualTo(1);
        assertThat(count(a)).isEqualTo(2);
        a.tell(new Cmd("boom", null));
        assertThat(count(a)).isEqualTo(1); // fresh state
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0)).isInstanceOfSatisfying(PreRestart.class,
                p -> assertThat(p.failure()).hasMessage("boom"));
        assertThat(a.stats().restarts()).isEqualTo(1);
        assertThat(a.stats().failed()).isEqualTo(1);
        assertThat(system.stats().restarts()).isEqualTo(1);
    }

    @Test
    void restartWithALimitStopsAfterTooManyFailuresInTheWindow() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> a = system.spawn(
                Behavior.supervise(counting(), SupervisorStrategy.restart(2, Duration.ofSeconds(10))), "limited");
        CompletableFuture<Terminated> terminated = new CompletableFuture<>();
        watch(system, a, terminated);
        a.tell(new Cmd("boom", null));
        a.tell(new Cmd("boom", null));
        assertThat(count(a)).isEqualTo(1); // restarted twice, still alive
        time.advance(Duration.ofSeconds(11)); // a new window: the count starts again
        a.tell(new Cmd("boom", null));
        a.tell(new Cmd("boom", null));
        assertThat(count(a)).isEqualTo(1);
        a.tell(new Cmd("boom", null)); // third in this window: stop
        assertThat(ActorTesting.await(terminated).failure()).isPresent();
        assertThat(a.stats().restarts()).isEqualTo(4);
        assertThat(a.stats().failed()).isEqualTo(5);
    }

    @Test
    void backoffDoublesTheWaitUpToTheMaximumThenTheLimitStops() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> a = system.spawn(Behavior.supervise(counting(), SupervisorStrategy.restartWithBackoff(
                Duration.ofMillis(100), Duration.ofMillis(300), 4, Duration.ofMinutes(1))), "backoff");
        CompletableFuture<Terminated> terminated = new CompletableFuture<>();
        watch(system, a, terminated);
        for (int i = 0; i < 4; i++) {
            a.tell(new Cmd("boom", null));
        }
        assertThat(count(a)).isEqualTo(1);
        // the fake sleeper moved time by each backoff: 100, 200, 300 (capped), 300 ms
        assertThat(restartTimes).containsExactly(0L, 100_000_000L, 300_000_000L, 600_000_000L, 900_000_000L);
        a.tell(new Cmd("boom", null)); // fifth within the window: stop
        assertThat(ActorTesting.await(terminated).failure()).isPresent();
        assertThat(a.stats().restarts()).isEqualTo(4);
    }

    @Test
    void aFailingSetupStopsTheActor() throws Exception {
        ActorSystem system = system();
        ActorRef<String> a = system.spawn(Behavior.supervise(Behavior.<String>setup(ctx -> {
            throw new IllegalStateException("no");
        }), SupervisorStrategy.restart()), "bad-setup");
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(a.stats().failed()).isEqualTo(1);
    }

    @Test
    void theParentLearnsOfAStoppedChild() throws Exception {
        ActorSystem system = system();
        CompletableFuture<ActorRef<Cmd>> child = new CompletableFuture<>();
        CompletableFuture<Terminated> terminated = new CompletableFuture<>();
        system.spawn(Behavior.<String>setup(ctx -> {
            child.complete(ctx.spawn(counting(), "child"));
            return Behavior.receive((c, m) -> Behavior.same(), (c, s) -> {
                if (s instanceof Terminated t) {
                    terminated.complete(t);
                }
                return Behavior.same();
            });
        }), "parent");
        ActorRef<Cmd> c = ActorTesting.await(child);
        c.tell(new Cmd("boom", null));
        Terminated t = ActorTesting.await(terminated);
        assertThat(t.actor()).isSameAs(c);
        assertThat(t.failure()).isPresent();
    }

    @Test
    void watchingAnActorThatHasAlreadyStoppedSignalsAtOnce() throws Exception {
        ActorSystem system = system();
        ActorRef<Cmd> a = system.spawn(counting(), "gone");
        a.stop();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        CompletableFuture<Terminated> terminated = new CompletableFuture<>();
        watch(system, a, terminated);
        assertThat(ActorTesting.await(terminated).failure()).isEmpty();
    }
}
