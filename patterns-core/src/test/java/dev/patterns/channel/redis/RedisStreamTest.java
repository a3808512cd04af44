package dev.patterns.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisStreamTest {

    private static RedisStreamBuilder<String> orders(RedisServer redis) {
        return RedisStreamBuilder.ofStrings("orders").uri(redis.uri());
    }

    /** Receives until the stream ends, acking each batch; counts every value. */
    private static Map<String, Integer> drain(RedisStreamConsumer<String> in) throws InterruptedException {
        Map<String, Integer> seen = new HashMap<>();
        while (!in.isEndOfStream()) {
            List<StreamDelivery<String>> batch = in.receive(64, Duration.ofSeconds(1));
            batch.forEach(d -> seen.merge(d.value(), 1, Integer::sum));
            in.ack(batch);
        }
        return seen;
    }

    @Test
    void everyMessageIsDeliveredOnceInBatchesThenTheStreamEnds(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = orders(redis);
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            try (RedisStreamProducer<String> out = orders.producer()) {
                for (int i = 0; i < 500; i++) {
                    out.send("m" + i);
                }
                assertThat(out.stats().sent()).isEqualTo(500L);
            }
            List<StreamDelivery<String>> first = in.receive(100, Duration.ofSeconds(1));
            assertThat(first).hasSize(100);
            assertThat(first.get(0).deliveryCount()).isEqualTo(1L);
            in.ack(first);
            Map<String, Integer> seen = drain(in);
            first.forEach(d -> seen.merge(d.value(), 1, Integer::sum));
            assertThat(seen).hasSize(500).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
            assertThat(in.isEndOfStream()).isTrue();
            assertThat(redis.command("XLEN", "orders")).as("acked entries are deleted").isEqualTo("0");
            assertThat(in.stats().acked()).isEqualTo(500L);
        }
    }

    @Test
    void aFullStreamRefusesOrWaits(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = orders(redis).capacity(3);
        try (RedisStreamProducer<String> out = orders.producer(); RedisStreamConsumer<String> in = orders.consumer("c1")) {
            for (int i = 0; i < 3; i++) {
                assertThat(out.trySend("m" + i)).isTrue();
            }
            assertThat(out.trySend("m3")).isFalse();
            assertThat(out.send("m3", Duration.ofMillis(20))).isFalse();
            assertThat(out.send("m3", Duration.ZERO)).isFalse();
            List<StreamDelivery<String>> one = in.receive(1, Duration.ofSeconds(1));
            assertThat(out.trySend("m3")).as("received but not acked still counts").isFalse();
            one.get(0).ack();
            assertThat(out.trySend("m3")).isTrue();
            assertThat(out.stats().refusedFull()).isEqualTo(4L);
        }
    }

    @Test
    void aConsumerThatDiesLosesItsDeliveriesToAnotherAfterTheVisibilityTimeout(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = orders(redis).visibilityTimeout(Duration.ofMillis(200));
        try (RedisStreamProducer<String> out = orders.producer(); RedisStreamConsumer<String> survivor = orders.consumer("b")) {
            for (int i = 0; i < 10; i++) {
                out.send("m" + i);
            }
            try (RedisStreamConsumer<String> dying = orders.consumer("a")) {
                assertThat(dying.receive(10, Duration.ofSeconds(1))).hasSize(10); // never acked
            }
            List<StreamDelivery<String>> got = new ArrayList<>();
            while (got.size() < 10) {
                got.addAll(survivor.receive(10, Duration.ofSeconds(1)));
            }
            assertThat(got).extracting(StreamDelivery::value).containsExactlyInAnyOrder(
                    "m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(got).allSatisfy(d -> assertThat(d.deliveryCount()).isEqualTo(2L));
            assertThat(survivor.stats().reclaimed()).isEqualTo(10L);
            survivor.ack(got);
            assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
        }
    }

    @Test
    void aMessageThatAlwaysFailsEndsInTheDeadLetterStreamAfterNDeliveries(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = orders(redis).visibilityTimeout(Duration.ofMillis(20)).maxDeliveries(3);
        try (RedisStreamProducer<String> out = orders.producer(); RedisStreamConsumer<String> in = orders.consumer("c")) {
            out.send("poison");
            out.send("fine");
            List<Long> counts = new ArrayList<>();
            int fineAcked = 0;
            while (in.stats().deadLettered() == 0) {
                for (StreamDelivery<String> d : in.receive(10, Duration.ofMillis(100))) {
                    if (d.value().equals("poison")) {
                        counts.add(d.deliveryCount());
                        d.fail(new IllegalArgumentException("bad order " + d.deliveryCount()));
                    } else {
                        d.ack();
                        fineAcked++;
                    }
                }
            }
            assertThat(counts).containsExactly(1L, 2L, 3L);
            assertThat(fineAcked).isEqualTo(1);
            assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
            assertThat(redis.command("XLEN", "orders:dead")).isEqualTo("1");
            assertThat(redis.command("HLEN", "orders:errors")).isEqualTo("0");
        }
    }

    @Test
    void aClosedStreamRefusesSends(RedisServer redis) {
        RedisStreamBuilder<String> orders = orders(redis);
        RedisStreamProducer<String> first = orders.producer();
        first.close();
        try (RedisStreamProducer<String> late = orders.producer()) {
            assertThatThrownBy(() -> late.trySend("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessage("stream 'orders' is closed");
        } catch (IllegalStateException closingAgain) {
            // close() of the second producer sets the mark again; nothing to check
        }
    }

    @Test
    void badInputIsRejectedNamingWhatIsWrong(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> b = RedisStreamBuilder.ofStrings("s");
        assertThatThrownBy(() -> RedisStreamBuilder.ofStrings("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream: '' (expected: not empty)");
        assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> b.maxDeliveries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDeliveries: 0 (expected: >= 1)");
        assertThatThrownBy(() -> b.visibilityTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("visibilityTimeout: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> b.uri("::::")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri: '::::'");
        assertThatThrownBy(b::producer).isInstanceOf(IllegalStateException.class).hasMessage("uri: not set (expected: uri(uri) before producer() or consumer())");
        assertThatThrownBy(() -> b.uri("redis://127.0.0.1:1").producer()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:1");
        assertThatThrownBy(() -> b.consumer("c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:1");
        try (RedisStreamConsumer<String> in = orders(redis).consumer("c"); RedisStreamProducer<String> out = orders(redis).producer()) {
            assertThatThrownBy(() -> in.receive(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("max: 0 (expected: in [1, 10000])");
            assertThatThrownBy(() -> out.trySend(null)).isInstanceOf(NullPointerException.class).hasMessage("message");
            assertThatThrownBy(() -> in.receive(1, null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        }
    }
}
