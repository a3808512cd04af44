package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timed forms: they wait at least the timeout, no longer than needed, and reject bad input. */
class ChannelTimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(20);

    @Test
    void timedReceiveOnEmptyReturnsNullAfterAtLeastTheTimeout() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(1);
        long start = System.nanoTime();
        assertThat(ch.receive(SHORT)).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(ch.receive(Duration.ZERO)).isNull();
    }

    @Test
    void timedSendOnFullReturnsFalseAfterAtLeastTheTimeoutAndDoesNotSend() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(1);
        ch.send(1);
        long start = System.nanoTime();
        assertThat(ch.send(2, SHORT)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(ch.send(2, Duration.ZERO)).isFalse();
        assertThat(ch).containsExactly(1);
        assertThat(ch.stats().sent()).isEqualTo(1);
    }

    @Test
    void timedReceiveIsReleasedBySend() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        try (Threads threads = Threads.platform()) {
            var receiver = threads.start("receiver", () -> ch.receive(Threads.PATIENCE.multipliedBy(10)));
            receiver.awaitBlocked();
            ch.send(7);
            assertThat(receiver.result()).isEqualTo(7);
        }
    }

    @Test
    void timedSendIsReleasedByReceive() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.send(1);
        try (Threads threads = Threads.platform()) {
            var sender = threads.start("sender", () -> ch.send(2, Threads.PATIENCE.multipliedBy(10)));
            sender.awaitBlocked();
            assertThat(ch.receive()).isEqualTo(1);
            assertThat(sender.result()).isTrue();
        }
        assertThat(ch).containsExactly(2);
    }

    @Test
    void hugeTimeoutsDoNotOverflow() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        try (Threads threads = Threads.platform()) {
            var receiver = threads.start("receiver", () -> ch.receive(Duration.ofSeconds(Long.MAX_VALUE)));
            receiver.awaitBlocked();
            ch.send(3);
            assertThat(receiver.result()).isEqualTo(3);
        }
    }

    @Test
    void negativeTimeoutsDoNotWaitAndNullTimeoutsAreRejectedNamingTheParameter() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        assertThat(ch.receive(Duration.ofMillis(-5))).isNull();
        assertThat(ch.send(1, Duration.ofSeconds(-1))).isTrue();
        assertThat(ch.send(2, Duration.ofSeconds(-1))).isFalse();
        assertThat(ch.send(2, Duration.ofSeconds(Long.MIN_VALUE))).isFalse();
        assertThat(ch.receive(Duration.ofMillis(-5))).isEqualTo(1);
        assertThatThrownBy(() -> ch.receive(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> ch.send(1, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThat(ch).isEmpty();
    }
}
