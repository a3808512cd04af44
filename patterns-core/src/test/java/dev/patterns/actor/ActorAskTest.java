package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ask: a reply, a mandatory timeout whose exception names the actor and the message type. */
class ActorAskTest {

    sealed interface Query permits GetBalance, Ignore {
    }

    record GetBalance(ActorRef<Long> replyTo) implements Query {
    }

    record Ignore(ActorRef<Long> replyTo) implements Query {
    }

    private final ActorTesting testing = new ActorTesting();
    private final List<ActorDeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws InterruptedException {
        testing.close();
    }

    private ActorRef<Query> account(ActorSystem system) {
        return system.spawn(Behavior.<Query>receive((ctx, q) -> switch (q) {
            case GetBalance g -> {
                g.replyTo().tell(42L);
                yield Behavior.same();
            }
            case Ignore i -> Behavior.same();
        }), "account-42");
    }

    @Test
    void askCompletesWithTheReply() throws Exception {
        ActorSystem system = testing.system();
        ActorRef<Query> account = account(system);
        CompletableFuture<Long> balance = account.ask(GetBalance::new, Duration.ofSeconds(20));
        assertThat(ActorTesting.await(balance)).isEqualTo(42L);
    }

    @Test
    void anUnansweredAskTimesOutNamingTheActorAndTheMessageType() throws Exception {
        ActorSystem system = testing.track(testing.builder().onDeadLetter(deadLetters::add).build());
        ActorRef<Query> account = account(system);
        ActorRef<Long>[] replyTo = new ActorRef[1];
        CompletableFuture<Long> f = account.ask(r -> {
            replyTo[0] = r;
            return new Ignore(r);
        }, Duration.ofMillis(100));
        assertThatThrownBy(() -> ActorTesting.await(f))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("actor 'account-42' did not answer Ignore within 100 ms");
        replyTo[0].tell(7L); // too late: a dead letter, not lost
        assertThat(deadLetters).extracting(ActorDeadLetter::message).containsExactly(7L);
        assertThat(system.stats().deadLetters()).isEqualTo(1);
    }

    @Test
    void askNeedsAPositiveTimeout() {
        ActorSystem system = testing.system();
        ActorRef<Query> account = account(system);
        assertThatThrownBy(() -> account.ask(GetBalance::new, null))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> account.ask(GetBalance::new, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> account.ask(GetBalance::new, Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: PT-0.005S (expected: > 0)");
        assertThatThrownBy(() -> account.ask(null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("request");
        assertThatThrownBy(() -> account.<Long>ask(r -> null, Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessage("message");
        assertThat(account.stats().mailboxDepth()).isZero();
    }

    @Test
    void askToAStoppedActorIsADeadLetterAndTimesOut() throws Exception {
        ActorSystem system = testing.track(testing.builder().onDeadLetter(deadLetters::add).build());
        ActorRef<Query> account = account(system);
        account.stop();
        ActorTesting.awaitTrue("stopped", () -> system.stats().stopped() == 1);
        CompletableFuture<Long> f = account.ask(GetBalance::new, Duration.ofMillis(10));
        assertThatThrownBy(() -> ActorTesting.await(f)).cause().isInstanceOf(AskTimeoutException.class);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).message()).isInstanceOf(GetBalance.class);
    }

    @Test
    void closingTheSystemFailsAsksStillWaiting() throws Exception {
        ActorSystem system = testing.system();
        ActorRef<Query> account = account(system);
        CompletableFuture<Long> f = account.ask(Ignore::new, Duration.ofDays(1));
        system.close();
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("actor system '" + system.name() + "' terminated before actor 'account-42' answered Ignore");
    }

    @Test
    void aShortTimeoutFiresWhileALongerOneStillWaits() throws Exception {
        ActorSystem system = testing.system();
        ActorRef<Query> account = account(system);
        CompletableFuture<Long> patient = account.ask(Ignore::new, Duration.ofDays(1));
        CompletableFuture<Long> hasty = account.ask(Ignore::new, Duration.ofMillis(30));
        assertThatThrownBy(() -> ActorTesting.await(hasty)).cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("actor 'account-42' did not answer Ignore within 30 ms");
        assertThat(patient).isNotDone();
    }

    @Test
    void theTimeoutIsReadFromTheSystemsTicker() throws Exception {
        dev.patterns.time.FakeTicker time = dev.patterns.time.FakeTicker.start();
        ActorSystem system = testing.track(testing.builder().ticker(time).build());
        ActorRef<Query> account = account(system);
        CompletableFuture<Long> f = account.ask(Ignore::new, Duration.ofMillis(100));
        time.advance(Duration.ofMillis(99));
        assertThat(f).isNotDone(); // on this ticker the deadline has not passed
        time.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> ActorTesting.await(f)).cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("actor 'account-42' did not answer Ignore within 100 ms");
    }

    @Test
    void answeredAsksNeverTimeOutAndALaterUnansweredOneDoes() throws Exception {
        ActorSystem system = testing.track(testing.builder().onDeadLetter(deadLetters::add).build());
        ActorRef<Query> account = account(system);
        List<CompletableFuture<Long>> answered = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) { // more than the timer keeps before purging answered asks
            CompletableFuture<Long> f = account.ask(GetBalance::new, Duration.ofSeconds(20));
            assertThat(ActorTesting.await(f)).isEqualTo(42L);
            answered.add(f);
        }
        CompletableFuture<Long> unanswered = account.ask(Ignore::new, Duration.ofMillis(20));
        assertThatThrownBy(() -> ActorTesting.await(unanswered)).cause().isInstanceOf(AskTimeoutException.class);
        assertThat(answered).allSatisfy(f -> assertThat(f.getNow(-1L)).isEqualTo(42L));
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void anAskAfterTheSystemTerminatedFailsAtOnce() {
        ActorSystem system = testing.system();
        ActorRef<Query> account = account(system);
        system.close();
        CompletableFuture<Long> f = account.ask(GetBalance::new, Duration.ofSeconds(1));
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::join).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("actor system '" + system.name() + "' terminated before actor 'account-42' answered GetBalance");
    }
}
