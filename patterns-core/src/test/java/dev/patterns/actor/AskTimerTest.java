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

    private static ActorRef<Ignore> silent(ActorSystem system) {
        return system.spawn(Behavior.<Ignore>receive((ctx, m) -> Behavior.same()), "silent");
    }

    @Test
    void aLongUnansweredAskLetsTheTimerParkLongOnceNoAskArrives() throws Exception {
        FakeTicker time = FakeTicker.start();
        ActorSystem system = testing.track(testing.builder().ticker(time).build());
        AskTimer timer = ((ActorSystemImpl) system).askTimer;
        long start = time.read();
        CompletableFuture<Long> f = silent(system).ask(Ignore::new, Duration.ofDays(1));
        // The ask arrived: one tick; then a tick with no arrival: the long park (before: a tick forever).
        ActorTesting.awaitTrue("the timer in its long park",
                () -> timer.wakeAt() == start + AskTimer.LONG_PARK_NANOS);
        assertThat(f).isNotDone();
    }

    @Test
    void aDeadlineOnAFakeTickerIsNoticedAfterTheLongParkEnds() throws Exception {
        FakeTicker time = FakeTicker.start();
        ActorSystem system = testing.track(testing.builder().ticker(time).build());
        AskTimer timer = ((ActorSystemImpl) system).askTimer;
        long start = time.read();
        CompletableFuture<Long> f = silent(system).ask(Ignore::new, Duration.ofDays(1));
        ActorTesting.awaitTrue("the timer in its long park",
                () -> timer.wakeAt() == start + AskTimer.LONG_PARK_NANOS);
        time.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> ActorTesting.await(f)).cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessage("actor 'silent' did not answer Ignore within 86400000 ms");
    }

    @Test
    void anAskArrivingDuringTheLongParkIsTakenAndTheEarlierDeadlineStillFires() throws Exception {
        FakeTicker time = FakeTicker.start();
        ActorSystem system = testing.track(testing.builder().ticker(time).build());
        AskTimer timer = ((ActorSystemImpl) system).askTimer;
        long start = time.read();
        ActorRef<Ignore> silent = silent(system);
        CompletableFuture<Long> first = silent.ask(Ignore::new, Duration.ofDays(1));
        ActorTesting.awaitTrue("the timer in its long park",
                () -> timer.wakeAt() == start + AskTimer.LONG_PARK_NANOS);
        time.advance(Duration.ofMillis(5));
        CompletableFuture<Long> second = silent.ask(Ignore::new, Duration.ofDays(2));
        long later = start + 5_000_000L;
        ActorTesting.awaitTrue("the timer drained the new ask (its tick, or the long park after it)",
                () -> timer.wakeAt() == later + AskTimer.TICK_NANOS || timer.wakeAt() == later + AskTimer.LONG_PARK_NANOS);
        time.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> ActorTesting.await(first)).cause().isInstanceOf(AskTimeoutException.class);
        assertThat(second).isNotDone();
    }
}
