package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each overflow policy, its drop handler and its counters. */
class ChannelOverflowTest {

    private static void assertConserved(ChannelStats s) {
        assertThat(s.sent()).as("sent == received + dropped + size in %s", s)
                .isEqualTo(s.received() + s.dropped() + s.size());
    }

    @Test
    void blockIsTheDefaultAndTrySendAnswersFalseWhenFull() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        assertThat(ch.overflow()).isEqualTo(Overflow.BLOCK);
        assertThat(ch.capacity()).isEqualTo(2);
        assertThat(ch.trySend(1)).isTrue();
        assertThat(ch.trySend(2)).isTrue();
        assertThat(ch.trySend(3)).isFalse();
        assertThat(ch.send(3, Duration.ZERO)).isFalse();
        assertThatThrownBy(() -> ch.add(3)).isInstanceOf(ChannelFullException.class)
                .hasMessage("channel '" + ch.name() + "' is full (capacity: 2)");
        assertThat(ch.stats()).isEqualTo(new ChannelStats(2, 2, 2, 0, 0, false, null));
    }

    @Test
    void dropNewestHandsTheNewElementToTheHandler() throws InterruptedException {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.<Integer>builder(2).overflow(Overflow.DROP_NEWEST).onDrop(dropped::add).build();
        ch.send(1);
        ch.send(2);
        ch.send(3);
        assertThat(ch.trySend(4)).isTrue();
        assertThat(ch.offer(5)).isTrue();
        assertThat(ch.send(6, Duration.ZERO)).isTrue();
        assertThat(dropped).containsExactly(3, 4, 5, 6);
        assertThat(ch).containsExactly(1, 2);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(2, 2, 6, 0, 4, false, null));
        assertThat(ch.receive()).isEqualTo(1);
        assertConserved(ch.stats());
    }

    @Test
    void dropOldestEvictsTheOldestToTheHandler() throws InterruptedException {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.<Integer>builder(3).overflow(Overflow.DROP_OLDEST).onDrop(dropped::add).build();
        for (int i = 1; i <= 7; i++) {
            ch.send(i);
        }
        assertThat(ch.trySend(8)).isTrue();
        assertThat(dropped).containsExactly(1, 2, 3, 4, 5);
        assertThat(ch).containsExactly(6, 7, 8);
        assertThat(ch.receive()).isEqualTo(6);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(3, 2, 8, 1, 5, false, null));
    }

    @Test
    void dropPoliciesNeverWait() throws InterruptedException {
        for (Overflow policy : List.of(Overflow.DROP_NEWEST, Overflow.DROP_OLDEST)) {
            Channel<Integer> ch = Channel.<Integer>builder(1).overflow(policy).build();
            for (int i = 0; i < 100; i++) {
                ch.send(i);
                assertThat(ch.offer(i, 1, TimeUnit.HOURS)).isTrue();
            }
            assertThat(ch.size()).isEqualTo(1);
            assertThat(ch.stats().dropped()).isEqualTo(199);
            assertConserved(ch.stats());
        }
    }

    @Test
    void failRefusesAtOnceWithoutWaiting() throws InterruptedException {
        Channel<Integer> ch = Channel.<Integer>builder(1).overflow(Overflow.FAIL).build();
        ch.send(1);
        assertThatThrownBy(() -> ch.send(2)).isInstanceOf(ChannelFullException.class)
                .hasMessage("channel '" + ch.name() + "' is full (capacity: 1)");
        assertThatThrownBy(() -> ch.send(2, Duration.ofHours(1))).isInstanceOf(ChannelFullException.class);
        assertThatThrownBy(() -> ch.put(2)).isInstanceOf(ChannelFullException.class);
        assertThat(ch.trySend(2)).isFalse();
        assertThat(ch.offer(2, 1, TimeUnit.HOURS)).isFalse();
        assertThat(ch.stats()).isEqualTo(new ChannelStats(1, 1, 1, 0, 0, false, null));
    }

    @Test
    void aThrowingHandlerReachesTheSenderAndTheDropIsStillCounted() throws InterruptedException {
        RuntimeException boom = new RuntimeException("handler broke");
        Channel<Integer> newest = Channel.<Integer>builder(1).overflow(Overflow.DROP_NEWEST)
                .onDrop(e -> { throw boom; }).build();
        newest.send(1);
        assertThatThrownBy(() -> newest.send(2)).isSameAs(boom);
        assertThat(newest.stats()).isEqualTo(new ChannelStats(1, 1, 2, 0, 1, false, null));

        Channel<Integer> oldest = Channel.<Integer>builder(1).overflow(Overflow.DROP_OLDEST)
                .onDrop(e -> { throw boom; }).build();
        oldest.send(1);
        assertThatThrownBy(() -> oldest.trySend(2)).isSameAs(boom);
        // The evicted element went to the handler; the new one was not sent: the caller keeps it.
        assertThat(oldest.stats()).isEqualTo(new ChannelStats(1, 0, 1, 0, 1, false, null));
        assertConserved(oldest.stats());
    }

    @Test
    void dropOldestUnderConcurrentSendersAndReceiversConservesEveryElement() throws Exception {
        java.util.concurrent.atomic.AtomicLong droppedCount = new java.util.concurrent.atomic.AtomicLong();
        Channel<Integer> ch = Channel.<Integer>builder(4).overflow(Overflow.DROP_OLDEST)
                .onDrop(e -> droppedCount.incrementAndGet()).build();
        int perSender = 50_000;
        try (Threads threads = Threads.platform()) {
            var s1 = threads.start("s1", () -> { for (int i = 0; i < perSender; i++) { ch.send(i); } return null; });
            var s2 = threads.start("s2", () -> { for (int i = 0; i < perSender; i++) { ch.send(i); } return null; });
            var receiver = threads.start("r", () -> ch.consume(e -> { }));
            s1.result();
            s2.result();
            ch.close();
            long received = receiver.result();
            ChannelStats s = ch.stats();
            assertThat(s.sent()).isEqualTo(2L * perSender);
            assertThat(s.received()).isEqualTo(received);
            assertThat(s.dropped()).isEqualTo(droppedCount.get());
            assertThat(s.size()).isZero();
            assertConserved(s);
        }
    }
}
