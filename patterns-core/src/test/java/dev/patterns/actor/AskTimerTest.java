package dev.patterns.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.time.FakeTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ask timer's parks: a tick while asks arrive, a long park while one waits and none arrives,
 * so an unanswered day-long ask does not wake the timer a hundred times a second.
 */
class AskTimerTest {

    record Ignore(ActorRef<Long> replyTo) {
    }

    private final ActorTesting testing = new ActorTesting();

    @AfterEach
    void tearDown() throws InterruptedException {
        testing.close();
    }

    /** A system on {@code time}, its timer, and the start reading. */
    private record Fixture(ActorSystem system, AskTimer timer, long start) {
    }

    private Fixture onFakeTime(FakeTicker time) {
        ActorSystem system = testing.track(testing.builder().ticker(time).build());
        return new Fixture(system, ((ActorSystemImpl) system).askTimer, time.read());
    }

    /** Waits until the timer parks long after the ask arrived: a tick, then a tick with no arrival. */
    private static void awaitLongPark(Fixture f) {
        ActorTesting.awaitTrue("the timer in its long park",
                () -> f.timer().wakeAt() == f.start() + AskTimer.LONG_PARK_NANOS);
    }

    private static ActorRef<Ignore> silent(ActorSystem system) {
        return system.spawn(Behavior.<Ignore>receive((ctx, m) -> Behavior.same()), "silent");
    }

    @Test
    void aLongUnansweredAskLetsTheTimerParkLongOnceNoAskArrives() throws Exception {
        Fixture fx = onFakeTime(FakeTicker.start());
        CompletableFuture<Long> f = silent(fx.system()).ask(Ignore::new, Duration.ofDays(1));
        awaitLongPark(fx); // before: a tick forever
        assertThat(f).isNotDone();
    }

    @Test
    void aDeadlineOnAFakeTickerIsNoticedAfterTheLongParkEnds() throws Exception {
        FakeTicker time = FakeTicker.start();
        Fixture fx = onFakeTime(time);
        CompletableFuture<Long> f = silent(fx.system()).ask(Ignore::new, Duration.ofDays(1));
        awaitLongPark(fx);
        time.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> ActorTesting.await(f)).cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("actor 'silent' did not answer Ignore within 86400000 ms");
    }

    @Test
    void anAskArrivingDuringTheLongParkIsTakenAndTheEarlierDeadlineStillFires() throws Exception {
        FakeTicker time = FakeTicker.start();
        Fixture fx = onFakeTime(time);
        AskTimer timer = fx.timer();
        ActorRef<Ignore> silent = silent(fx.system());
        CompletableFuture<Long> first = silent.ask(Ignore::new, Duration.ofDays(1));
        awaitLongPark(fx);
        time.advance(Duration.ofMillis(5));
        CompletableFuture<Long> second = silent.ask(Ignore::new, Duration.ofDays(2));
        long later = fx.start() + 5_000_000L;
        ActorTesting.awaitTrue("the timer drained the new ask (its tick, or the long park after it)",
                () -> timer.wakeAt() == later + AskTimer.TICK_NANOS || timer.wakeAt() == later + AskTimer.LONG_PARK_NANOS);
        time.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> ActorTesting.await(first)).cause().isInstanceOf(AskTimeoutException.class);
        assertThat(second).isNotDone();
    }
}
