package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input fails fast and says why. */
class ActorBadInputTest {

    private final ActorTesting testing = new ActorTesting();

    @AfterEach
    void tearDown() throws InterruptedException {
        testing.close();
    }

    @Test
    void nullsAreRefusedNamingTheParameter() {
        ActorSystem system = testing.system();
        ActorRef<String> a = system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "a");
        assertThatThrownBy(() -> a.tell(null)).isInstanceOf(NullPointerException.class).hasMessage("message");
        assertThatThrownBy(() -> a.tryTell(null)).isInstanceOf(NullPointerException.class).hasMessage("message");
        assertThatThrownBy(() -> a.tell(null, Duration.ZERO)).isInstanceOf(NullPointerException.class).hasMessage("message");
        assertThatThrownBy(() -> a.tell("x", null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> system.spawn(null)).isInstanceOf(NullPointerException.class).hasMessage("behavior");
        assertThatThrownBy(() -> system.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), null))
                .isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> Behavior.receive(null)).isInstanceOf(NullPointerException.class).hasMessage("onMessage");
        assertThatThrownBy(() -> Behavior.setup(null)).isInstanceOf(NullPointerException.class).hasMessage("factory");
        assertThatThrownBy(() -> Behavior.supervise(null, SupervisorStrategy.stop()))
                .isInstanceOf(NullPointerException.class).hasMessage("behavior");
        assertThatThrownBy(() -> system.awaitTermination(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThat(a.stats().mailboxDepth()).isZero();
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> Mailbox.bounded(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ActorSystem.builder().capacity(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("capacity: -1 (expected: >= 1)");
        assertThatThrownBy(() -> ActorSystem.builder().batch(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batch: 0 (expected: >= 1)");
        assertThatThrownBy(() -> ActorSystem.builder().platformThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Mailbox.bounded(1, null)).isInstanceOf(NullPointerException.class).hasMessage("overflow");
    }

    @Test
    void supervisorStrategiesValidateTheirLimits() {
        assertThatThrownBy(() -> SupervisorStrategy.restart(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRestarts: 0 (expected: >= 1)");
        assertThatThrownBy(() -> SupervisorStrategy.restart(1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window: PT0S (expected: > 0)");
        assertThatThrownBy(() -> SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBackoff: PT1S (expected: >= minBackoff PT2S)");
        assertThatThrownBy(() -> SupervisorStrategy.restartWithBackoff(
                null, Duration.ofSeconds(1), 1, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("minBackoff");
    }

    @Test
    void sameOrStoppedCannotStartAnActor() {
        ActorSystem system = testing.system();
        assertThatThrownBy(() -> system.spawn(Behavior.<String>same()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("behavior: SAME (expected: receive, setup or a class form)");
        assertThatThrownBy(() -> system.spawn(Behavior.<String>stopped()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("behavior: STOPPED (expected: receive, setup or a class form)");
        assertThat(system.stats().spawned()).isZero();
    }

    @Test
    void aHandlerReturningNullIsAFailureNotALostMessage() throws Exception {
        ActorSystem system = testing.system();
        ActorRef<String> a = system.spawn(Behavior.<String>receive((c, m) -> null), "null-returner");
        a.tell("x");
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        assertThat(a.stats().failed()).isEqualTo(1);
    }

    @Test
    void watchingSomethingThatIsNotAnActorOfThisSystemIsRefused() throws Exception {
        ActorSystem one = testing.system();
        ActorSystem other = testing.track(testing.builder().name("other").build());
        ActorRef<String> foreign = other.spawn(Behavior.<String>receive((c, m) -> Behavior.same()), "foreign");
        java.util.concurrent.CompletableFuture<Throwable> thrown = new java.util.concurrent.CompletableFuture<>();
        one.spawn(Behavior.<String>setup(ctx -> {
            try {
                ctx.watch(foreign);
            } catch (IllegalArgumentException e) {
                thrown.complete(e);
            }
            return Behavior.receive((c, m) -> Behavior.same());
        }));
        assertThat(ActorTesting.await(thrown)).hasMessage(
                "actor: ActorRef[foreign] (expected: an actor of system '" + one.name() + "')");
    }
}
