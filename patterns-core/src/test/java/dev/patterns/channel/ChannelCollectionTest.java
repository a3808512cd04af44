package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The channel as a {@link java.util.Collection}: iterator removal, spliterator, bounded drains. */
@Timeout(60)
class ChannelCollectionTest {

    @Test
    void iteratorRemoveTakesTheOccurrenceItReturnedNotTheFirst() {
        String x = "x";
        Channel<String> ch = Channel.bounded(8);
        ch.add(x);
        ch.add("y");
        ch.add(x);
        Iterator<String> it = ch.iterator();
        it.next();
        it.next();
        assertThat(it.next()).isSameAs(x);
        it.remove();
        assertThat(List.copyOf(ch)).containsExactly("x", "y");
        assertThat(ch.poll()).isSameAs(x);
        assertThat(ch.poll()).isEqualTo("y");
        assertThat(ch.stats().received()).isEqualTo(3);
    }

    @Test
    void iteratorRemoveOfAnElementReceivedMeanwhileLeavesTheOthers() {
        String x = "x";
        Channel<String> ch = Channel.bounded(8);
        ch.add(x);
        ch.add("y");
        ch.add(x);
        Iterator<String> it = ch.iterator();
        assertThat(it.next()).isSameAs(x);
        assertThat(ch.poll()).isSameAs(x); // the element the iterator returned is received
        it.remove();
        assertThat(List.copyOf(ch)).containsExactly("y", "x");
    }

    @Test
    void iteratorRemoveFollowsItsElementThroughRemovalsFromTheMiddle() {
        String x = "x";
        Channel<String> ch = Channel.bounded(8);
        for (String s : List.of("a", x, "b", x, "c")) {
            ch.add(s);
        }
        Iterator<String> it = ch.iterator();
        it.next();
        assertThat(it.next()).isSameAs(x);
        it.next();
        assertThat(it.next()).isSameAs(x);
        // shifts "a" and the first x one position forward
        assertThat(ch.remove("b")).isTrue();
        it.remove();
        assertThat(List.copyOf(ch)).containsExactly("a", "x", "c");
        // the iterator's earlier x is still the first one
        Iterator<String> again = ch.iterator();
        again.next();
        again.next();
        again.remove();
        assertThat(List.copyOf(ch)).containsExactly("a", "c");
    }

    @Test
    void theSpliteratorIsConcurrentAndNotSized() {
        Channel<Integer> ch = Channel.bounded(8);
        ch.add(1);
        Spliterator<Integer> s = ch.spliterator();
        assertThat(s.hasCharacteristics(Spliterator.CONCURRENT)).isTrue();
        assertThat(s.hasCharacteristics(Spliterator.SIZED)).isFalse();
        assertThat(s.hasCharacteristics(Spliterator.NONNULL)).isTrue();
        assertThat(s.hasCharacteristics(Spliterator.ORDERED)).isTrue();
    }

    @Test
    void streamingWhileOthersSendAndReceiveNeverFails() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        AtomicBoolean stop = new AtomicBoolean();
        try (Threads threads = Threads.platform()) {
            Threads.Started<Long> churn = threads.start("churn", () -> {
                // fill, then empty: the size keeps changing between 0 and 8
                long moved = 0;
                while (!stop.get()) {
                    while (ch.offer(1)) {
                        moved++;
                    }
                    while (ch.poll() != null) {
                        moved++;
                    }
                }
                return moved;
            });
            try {
                for (int i = 0; i < 20_000; i++) {
                    assertThat(ch.stream().toList()).hasSizeLessThanOrEqualTo(8).doesNotContainNull();
                }
            } finally {
                stop.set(true);
            }
            assertThat(churn.result()).isPositive();
        }
    }

    @Test
    void drainToTakesAtMostWhatWasThereWhenItBegan() {
        Channel<Integer> ch = Channel.bounded(8);
        for (int i = 0; i < 8; i++) {
            ch.add(i);
        }
        // A sink that sends one new element per element it takes: a producer as steady as can be.
        List<Integer> taken = new ArrayList<>();
        List<Integer> sink = new ArrayList<>() {
            @Override
            public boolean add(Integer e) {
                if (taken.size() >= 100) {
                    throw new AssertionError("drainTo kept taking: " + taken.size() + " elements so far");
                }
                taken.add(e);
                ch.add(100 + e);
                return true;
            }
        };
        assertThat(ch.drainTo(sink)).isEqualTo(8);
        assertThat(taken).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(List.copyOf(ch)).containsExactly(100, 101, 102, 103, 104, 105, 106, 107);
    }

    @Test
    void clearUnderASteadyProducerReturnsAndTakesAtMostTheCapacity() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        AtomicBoolean stop = new AtomicBoolean();
        try (Threads threads = Threads.platform()) {
            Threads.Started<Long> producer = threads.start("producer", () -> {
                long sent = 0;
                while (!stop.get()) {
                    if (ch.offer(1)) {
                        sent++;
                    }
                }
                return sent;
            });
            try {
                for (int i = 0; i < 20_000; i++) {
                    long before = ch.stats().received();
                    ch.clear();
                    // nothing else receives: whatever clear took was in the channel when it began
                    assertThat(ch.stats().received() - before).as("taken by one clear()").isLessThanOrEqualTo(8);
                }
            } finally {
                stop.set(true);
            }
            assertThat(producer.result()).isPositive();
        }
    }
}
