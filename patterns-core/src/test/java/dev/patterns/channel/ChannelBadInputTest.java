package dev.patterns.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad input fails fast, names the parameter and value, and changes nothing. */
class ChannelBadInputTest {

    @Test
    void capacityBelowOneIsRejected() {
        assertThatThrownBy(() -> Channel.bounded(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> Channel.builder(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: -3 (expected: >= 1)");
    }

    @Test
    void builderRejectsNulls() {
        assertThatThrownBy(() -> Channel.builder(1).overflow(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("overflow");
        assertThatThrownBy(() -> Channel.builder(1).onDrop(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("dropHandler");
    }

    @Test
    void builderIsReusableAndChannelsAreIndependent() {
        ChannelBuilder<Integer> builder = Channel.<Integer>builder(2).overflow(Overflow.FAIL);
        Channel<Integer> a = builder.build();
        Channel<Integer> b = builder.build();
        assertThat(a.trySend(1)).isTrue();
        assertThat(b).isEmpty();
        assertThat(b.overflow()).isEqualTo(Overflow.FAIL);
    }

    @Test
    void nullElementsAreRejectedNamingTheParameter() {
        Channel<Integer> ch = Channel.bounded(1);
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.trySend(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.send(null, java.time.Duration.ZERO)).isInstanceOf(NullPointerException.class)
                .hasMessage("element");
        assertThatThrownBy(() -> ch.add(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.offer(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.put(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.offer(null, 1, TimeUnit.SECONDS)).isInstanceOf(NullPointerException.class)
                .hasMessage("element");
        assertThatThrownBy(() -> ch.offer(1, 1, null)).isInstanceOf(NullPointerException.class).hasMessage("unit");
        assertThatThrownBy(() -> ch.poll(1, null)).isInstanceOf(NullPointerException.class).hasMessage("unit");
        assertThat(ch).isEmpty();
    }

    @Test
    void consumeAndDrainToRejectBadArguments() {
        Channel<Integer> ch = Channel.bounded(1);
        ch.add(1);
        assertThatThrownBy(() -> ch.consume(null)).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> ch.drainTo(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("sink");
        assertThatThrownBy(() -> ch.drainTo(ch, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sink: this channel (expected: another collection)");
        assertThat(ch.drainTo(new ArrayList<>(), -1)).isZero();
        assertThat(ch).containsExactly(1);
    }

    @Test
    void aConsumerThatThrowsLeavesTheRestInTheChannel() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(3);
        ch.send(1);
        ch.send(2);
        ch.send(3);
        RuntimeException boom = new RuntimeException("consumer broke");
        assertThatThrownBy(() -> ch.consume(e -> {
            if (e == 2) {
                throw boom;
            }
        })).isSameAs(boom);
        assertThat(ch).containsExactly(3);
        assertThat(ch.stats()).isEqualTo(new ChannelStats(3, 1, 3, 2, 0, false, null));
    }
}
