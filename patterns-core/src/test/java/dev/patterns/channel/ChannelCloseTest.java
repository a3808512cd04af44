package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() and fail(): the poison pill done right. */
class ChannelCloseTest {

    @Test
    void acceptedElementsAreStillReceivedThenEndOfStream() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(4);
        ch.send(1);
        ch.send(2);
        assertThat(ch.close()).isTrue();
        assertThat(ch.isClosedForSend()).isTrue();
        assertThat(ch.isClosedForReceive()).isFalse();
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.take()).isEqualTo(2);
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class)
                .hasMessage("channel '" + ch.name() + "' is closed").hasNoCause();
        assertThatThrownBy(ch::take).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.receive(Duration.ofSeconds(1))).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.tryReceive()).isNull();
        assertThat(ch.poll()).isNull();
        assertThat(ch.poll(1, TimeUnit.HOURS)).isNull();
    }

    @Test
    void sendsAfterCloseAreRefusedInEveryForm() {
        Channel<Integer> ch = Channel.bounded(4);
        ch.close();
        assertThatThrownBy(() -> ch.send(1)).isInstanceOf(ChannelClosedException.class).hasMessage("channel '" + ch.name() + "' is closed");
        assertThatThrownBy(() -> ch.put(1)).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.add(1)).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.send(1, Duration.ofSeconds(1))).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.trySend(1)).isFalse();
        assertThat(ch.offer(1)).isFalse();
        assertThat(catchingOffer(ch)).isFalse();
        assertThat(ch.stats()).isEqualTo(new ChannelStats(4, 0, 0, 0, 0, true, null));
    }

    private static boolean catchingOffer(Channel<Integer> ch) {
        try {
            return ch.offer(1, 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sendsAreRefusedUnderEveryPolicyOnceClosed() {
        for (Overflow policy : Overflow.values()) {
            List<Integer> drops = new ArrayList<>();
            Channel<Integer> ch = Channel.<Integer>builder(1).overflow(policy).onDrop(drops::add).build();
            ch.close();
            assertThat(ch.trySend(1)).as("%s", policy).isFalse();
            assertThatThrownBy(() -> ch.send(2)).as("%s", policy).isInstanceOf(ChannelClosedException.class);
            assertThat(drops).isEmpty();
            assertThat(ch.stats().sent()).isZero();
        }
    }

    @Test
    void closeIsIdempotent() {
        Channel<Integer> ch = Channel.bounded(1);
        assertThat(ch.close()).isTrue();
        assertThat(ch.close()).isFalse();
        assertThat(ch.fail(new RuntimeException("late"))).isFalse();
        assertThat(ch.stats().failure()).isNull();
    }

    @Test
    void closeWakesEveryBlockedReceiver() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        List<Threads.Started<Object>> receivers = new ArrayList<>();
        try (Threads threads = Threads.platform()) {
            for (int i = 0; i < 4; i++) {
                receivers.add(threads.start("receiver-" + i, ch::receive));
            }
            var timed = threads.start("timed", () -> ch.receive(Threads.PATIENCE.multipliedBy(10)));
            var consumer = threads.start("consumer", () -> ch.consume(e -> { }));
            for (var r : receivers) {
                r.awaitBlocked();
            }
            timed.awaitBlocked();
            consumer.awaitBlocked();
            ch.close();
            for (var r : receivers) {
                assertThat(r.failure()).isInstanceOf(ChannelClosedException.class);
            }
            assertThat(timed.failure()).isInstanceOf(ChannelClosedException.class);
            assertThat(consumer.result()).isZero();
        }
    }

    @Test
    void closeWakesEveryBlockedSenderAndRefusesIt() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.send(0);
        List<Threads.Started<Object>> senders = new ArrayList<>();
        try (Threads threads = Threads.platform()) {
            for (int i = 1; i <= 3; i++) {
                int e = i;
                senders.add(threads.start("sender-" + i, () -> {
                    ch.send(e);
                    return e;
                }));
            }
            var timed = threads.start("timed", () -> ch.offer(9, 1, TimeUnit.HOURS));
            for (var s : senders) {
                s.awaitBlocked();
            }
            timed.awaitBlocked();
            ch.close();
            for (var s : senders) {
                assertThat(s.failure()).isInstanceOf(ChannelClosedException.class);
            }
            assertThat(timed.result()).isEqualTo(false);
        }
        assertThat(ch.receive()).isZero();
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThat(ch.stats()).isEqualTo(new ChannelStats(1, 0, 1, 1, 0, true, null));
    }

    @Test
    void consumeDeliversEverythingThenReturnsTheCount() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        List<Integer> got = new ArrayList<>();
        try (Threads threads = Threads.platform()) {
            var consumer = threads.start("consumer", () -> ch.consume(got::add));
            for (int i = 0; i < 100; i++) {
                ch.send(i);
            }
            ch.close();
            assertThat(consumer.result()).isEqualTo(100L);
        }
        assertThat(got).hasSize(100).isSorted();
    }

    @Test
    void failEndsTheStreamWithTheCauseAfterTheBufferedElements() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(4);
        ch.send(1);
        ch.send(2);
        IllegalStateException boom = new IllegalStateException("upstream broke");
        assertThat(ch.fail(boom)).isTrue();
        assertThat(ch.fail(new RuntimeException("second"))).isFalse();
        assertThat(ch.close()).isFalse();
        assertThatThrownBy(() -> ch.send(3)).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> ch.consume(got::add)).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(got).containsExactly(1, 2);
        assertThatThrownBy(ch::receive).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        assertThat(ch.stats().failure()).isSameAs(boom);
        assertThat(ch.stats().closed()).isTrue();
    }

    @Test
    void failWakesBlockedReceiversWithTheCause() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        RuntimeException boom = new RuntimeException("boom");
        try (Threads threads = Threads.platform()) {
            var receiver = threads.start("receiver", ch::receive);
            receiver.awaitBlocked();
            ch.fail(boom);
            assertThat(receiver.failure()).isInstanceOf(ChannelClosedException.class).hasCause(boom);
        }
    }

    @Test
    void failRejectsANullCause() {
        Channel<Integer> ch = Channel.bounded(1);
        assertThatThrownBy(() -> ch.fail(null)).isInstanceOf(NullPointerException.class).hasMessage("cause");
        assertThat(ch.isClosedForSend()).isFalse();
    }
}
