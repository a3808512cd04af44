package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every blocking form honours interrupts, and an interrupted send sends nothing. */
class ChannelInterruptTest {

    @Test
    void blockedReceiveFormsThrowInterruptedException() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        try (Threads threads = Threads.platform()) {
            var receive = threads.start("receive", ch::receive);
            var timed = threads.start("timed", () -> ch.receive(Duration.ofHours(1)));
            var consume = threads.start("consume", () -> ch.consume(e -> { }));
            for (var t : java.util.List.of(receive, timed, consume)) {
                t.awaitBlocked();
                t.thread().interrupt();
                assertThat(t.failure()).isInstanceOf(InterruptedException.class);
            }
        }
        ch.send(1);
        assertThat(ch.tryReceive()).isEqualTo(1);
    }

    @Test
    void blockedSendFormsThrowAndSendNothing() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.send(0);
        try (Threads threads = Threads.platform()) {
            var send = threads.start("send", () -> {
                ch.send(1);
                return null;
            });
            var timed = threads.start("timed", () -> ch.send(2, Duration.ofHours(1)));
            for (var t : java.util.List.of(send, timed)) {
                t.awaitBlocked();
                t.thread().interrupt();
                assertThat(t.failure()).isInstanceOf(InterruptedException.class);
            }
        }
        assertThat(ch).containsExactly(0);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(1, 1, 1, 0, 0, false, null));
    }

    @Test
    void anInterruptedWaiterDoesNotSwallowTheWakeUpOfAnother() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        try (Threads threads = Threads.platform()) {
            var a = threads.start("a", ch::receive);
            var b = threads.start("b", ch::receive);
            a.awaitBlocked();
            b.awaitBlocked();
            a.thread().interrupt();
            assertThat(a.failure()).isInstanceOf(InterruptedException.class);
            ch.send(5);
            assertThat(b.result()).isEqualTo(5);
        }
    }

    @Test
    void alreadyInterruptedCallerOfABlockingFormThrowsAndLosesNothing() {
        Channel<Integer> ch = Channel.bounded(2);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.send(1)).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.send(1, Duration.ZERO)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(ch::receive).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.receive(Duration.ZERO)).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> ch.consume(e -> { })).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
        assertThat(ch).isEmpty();
        assertThat(ch.stats().sent()).isZero();
    }
}
