package dev.patterns.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.patterns.pipeline.DeadLetter;
import dev.patterns.pipeline.ErrorPolicy;
import dev.patterns.pipeline.Pipeline;
import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisStreamSourceTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String C1_SOURCE = "stream-consumer:orders/workers/c1/source";

    private static void sendAndClose(RedisStreamBuilder<String> stream, int n) throws InterruptedException {
        try (RedisStreamProducer<String> out = stream.producer()) {
            for (int i = 0; i < n; i++) {
                out.send("m" + i);
            }
        }
    }

    private static Set<String> all(int n) {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < n; i++) {
            all.add("M" + i);
        }
        return all;
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterTheTerminalConsumerReturned(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri());
        sendAndClose(orders, 50);
        CountDownLatch inConsumer = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            RedisStreamSource<String> source = RedisStreamSource.of(in, 16);
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("orders", 8)
                    .map("upper", source.map(String::toUpperCase), s -> s.concurrency(2))
                    .start("store", source.consume(v -> {
                        inConsumer.countDown();
                        release.await();
                        consumed.add(v);
                    }));
            source.start(pipeline);
            assertThat(inConsumer.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(redis.command("XLEN", "orders")).as("nothing acknowledged while the consumer runs").isEqualTo("50");
            assertThat(source.stats().acked()).isZero();
            release.countDown();
            assertThat(source.awaitTermination(LONG)).as("the source ends with the stream").isTrue();
            pipeline.join();
            assertThat(consumed).isEqualTo(all(50));
            assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
            assertThat(source.stats()).isEqualTo(new RedisStreamSourceStats(C1_SOURCE, 50, 50, 0, 0, 0, 0));
            assertThat(in.stats().acked()).isEqualTo(50L);
            assertThat(source.failure()).isNull();
        }
    }

    @Test
    void anItemAStageGivesUpOnIsDeadLetteredWithItsErrorAndFilteredItemsAreAcknowledged(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri());
        sendAndClose(orders, 30);
        Set<String> consumed = ConcurrentHashMap.newKeySet();
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            RedisStreamSource<String> source = RedisStreamSource.of(in, 8);
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("orders", 8)
                    .map("parse", source.map(v -> {
                        if (v.endsWith("7")) {
                            throw new IllegalArgumentException("unparsable: " + v);
                        }
                        return v.toUpperCase();
                    }), s -> s.errorPolicy(source.deadLetter("bad", letters::add)))
                    .filter("even", source.filter(v -> Integer.parseInt(v.substring(1)) % 2 == 0))
                    .start("store", source.consume(consumed::add));
            source.start(pipeline);
            assertThat(source.awaitTermination(LONG)).isTrue();
            pipeline.join();
            // m7, m17, m27 dead-lettered; of the other 27, the 15 even ones consumed, 12 odd filtered
            assertThat(letters).hasSize(3).allSatisfy(d -> assertThat(d.item()).isInstanceOf(StreamItem.class));
            assertThat(consumed).hasSize(15);
            assertThat(source.stats()).isEqualTo(new RedisStreamSourceStats(C1_SOURCE, 30, 27, 12, 3, 0, 0));
            assertThat(redis.command("XLEN", "orders")).as("dead-lettered messages are acknowledged").isEqualTo("0");
            assertThat(in.stats().deadLettered()).isEqualTo(3L);
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                List<StreamMessage<String, String>> dead = c.sync().xrange("orders:dead", Range.create("-", "+"));
                assertThat(dead).extracting(m -> m.getBody().get("v")).containsExactlyInAnyOrder("m7", "m17", "m27");
                assertThat(dead).allSatisfy(m -> assertThat(m.getBody().get("error"))
                        .startsWith("java.lang.IllegalArgumentException: unparsable: m"));
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aPipelineKilledMidRunLeavesItsMessagesToAnotherConsumerAfterTheVisibilityTimeout(RedisServer redis)
            throws Exception {
        int n = 200;
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri())
                .visibilityTimeout(Duration.ofMillis(300));
        sendAndClose(orders, n);
        Set<String> first = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (RedisStreamConsumer<String> a = orders.consumer("a")) {
            RedisStreamSource<String> source = RedisStreamSource.of(a, 16);
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("first", 16)
                    .map("upper", source.map(String::toUpperCase), s -> s.concurrency(2))
                    .start("store", source.consume(v -> {
                        if (calls.incrementAndGet() == 60) {
                            stuck.countDown();
                            never.await(); // the process "dies" here, holding this and the in-flight items
                        }
                        first.add(v);
                    }));
            source.start(pipeline);
            assertThat(stuck.await(60, TimeUnit.SECONDS)).isTrue();
            pipeline.shutdownNow(Duration.ofSeconds(30));
            source.stop();
            assertThat(source.awaitTermination(LONG)).isTrue();
            assertThat(pipeline.awaitTermination(LONG)).isTrue();
            assertThat(first).hasSize(59);
            assertThat(a.stats().acked()).isEqualTo(59L);
        }
        assertThat(Long.parseLong(redis.command("XLEN", "orders"))).as("the rest stays in the stream").isEqualTo(n - 59L);

        Set<String> second = ConcurrentHashMap.newKeySet();
        AtomicInteger twice = new AtomicInteger();
        try (RedisStreamConsumer<String> b = orders.consumer("b")) {
            RedisStreamSource<String> source = RedisStreamSource.of(b, 16);
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("second", 16)
                    .map("upper", source.map(String::toUpperCase))
                    .start("store", source.consume(v -> {
                        if (!second.add(v)) {
                            twice.incrementAndGet();
                        }
                    }));
            source.start(pipeline);
            assertThat(source.awaitTermination(LONG)).as("the second run drains the stream to its end").isTrue();
            pipeline.join();
            assertThat(b.stats().reclaimed()).as("the killed run's deliveries were taken over").isPositive();
            assertThat(b.stats().acked()).isEqualTo(n - 59L);
        }
        assertThat(twice).hasValue(0);
        assertThat(second).doesNotContainAnyElementsOf(first);
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        assertThat(union).isEqualTo(all(n));
        assertThat(first.size() + second.size()).as("counts conserved").isEqualTo(n);
        assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
    }

    /** The entries of {@code orders} pending for consumer {@code consumer} of group {@code workers}. */
    /**
     * Waits until {@code done} holds for the source's stats; {@code moved} gets a permit each time a
     * watched counter moves (the source's test listener), so the wait blocks, never spins, and
     * gives up after a minute without movement.
     */
    private static void awaitStats(RedisStreamSource<?> source, Semaphore moved, Predicate<RedisStreamSourceStats> done)
            throws InterruptedException {
        while (!done.test(source.stats())) {
            assertThat(moved.tryAcquire(60, TimeUnit.SECONDS)).as("a counter moved within 60 s; now " + source.stats())
                    .isTrue();
        }
    }

    private static List<PendingMessage> pending(RedisServer redis, String consumer) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xpending("orders", io.lettuce.core.Consumer.from("workers", consumer),
                    Range.create("-", "+"), Limit.from(100));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anAcknowledgementThatFailsNeitherRunsTheConsumerAgainNorReachesTheErrorPolicy(RedisServer redis)
            throws Exception {
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri())
                .visibilityTimeout(Duration.ofMillis(200)).maxDeliveries(50);
        sendAndClose(orders, 1);
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch inFirstCall = new CountDownLatch(1);
        CountDownLatch ackRefused = new CountDownLatch(1);
        CountDownLatch ackAllowed = new CountDownLatch(1);
        List<DeadLetter> letters = new CopyOnWriteArrayList<>();
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            Semaphore moved = new Semaphore(0);
            RedisStreamSource<String> source = RedisStreamSource.of(in, 4);
            source.countersListener = moved::release;
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("orders", 4)
                    // a hand-written stage that passes the delivery on: a retry shows as "delivery 1" again
                    .map("tag", item -> item.withValue(item.value() + " delivery " + item.deliveryCount()))
                    .start("store", source.consume(v -> {
                        calls.add(v);
                        if (v.equals("m0 delivery 1")) {
                            inFirstCall.countDown();
                            ackRefused.await(); // returns once Redis refuses the acknowledgement script
                        } else {
                            ackAllowed.await(); // the redelivery returns once Redis accepts it again
                        }
                    }), s -> s.errorPolicy(ErrorPolicy.retry(3, Duration.ZERO)
                            .whenExhausted(source.deadLetter("dead", letters::add))));
            source.start(pipeline);
            try {
                try {
                    assertThat(inFirstCall.await(60, TimeUnit.SECONDS)).isTrue();
                    // acknowledging (and dead-lettering) is one EVALSHA; the reader needs none
                    assertThat(redis.command("ACL", "SETUSER", "default", "-evalsha")).isEqualTo("OK");
                    ackRefused.countDown();
                    awaitStats(source, moved, s -> s.ackFailed() > 0);
                    // (the redelivery may have begun already: the message is pending and no longer held)
                    assertThat(calls).as("the consumer ran once: its failed ack did not make it run again")
                            .startsWith("m0 delivery 1").containsOnlyOnce("m0 delivery 1");
                    assertThat(letters).as("the error policy never saw the failed ack").isEmpty();
                    assertThat(source.stats().acked()).isZero();
                    assertThat(redis.command("XLEN", "orders")).as("not acknowledged, so not deleted").isEqualTo("1");
                    assertThat(pending(redis, "c1")).as("still pending for this consumer").hasSize(1);
                } finally {
                    redis.command("ACL", "SETUSER", "default", "+@all");
                    ackRefused.countDown();
                    ackAllowed.countDown();
                }
                assertThat(source.awaitTermination(LONG)).as("the redelivery is acknowledged and the stream ends").isTrue();
                pipeline.join();
            } finally {
                source.close(); // joins the reader; the pipeline has drained
            }
            assertThat(calls).as("never retried; delivered again after the visibility timeout: at least once")
                    .hasSize(2).first().isEqualTo("m0 delivery 1");
            assertThat(calls.get(1)).startsWith("m0 delivery ").isNotEqualTo("m0 delivery 1");
            assertThat(letters).isEmpty();
            RedisStreamSourceStats stats = source.stats();
            assertThat(stats.fed()).isEqualTo(2L);
            assertThat(stats.acked()).isEqualTo(1L);
            assertThat(stats.ackFailed()).isEqualTo(1L);
            assertThat(stats.deadLettered()).isZero();
            assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
            assertThat(redis.command("EXISTS", "orders:dead")).as("nothing dead-lettered").isEqualTo("0");
            assertThat(in.stats().deadLettered()).isZero();
        }
    }

    @Test
    void aMessageHeldInThePipelinePastTheVisibilityTimeoutIsNeitherFedTwiceNorDeadLettered(RedisServer redis)
            throws Exception {
        int n = 5;
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri())
                .visibilityTimeout(Duration.ofMillis(100)).maxDeliveries(2);
        sendAndClose(orders, n);
        Map<String, Integer> consumed = new ConcurrentHashMap<>();
        CountDownLatch inConsumer = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            Semaphore moved = new Semaphore(0);
            RedisStreamSource<String> source = RedisStreamSource.of(in, 16);
            source.countersListener = moved::release;
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("held", 16)
                    .map("upper", source.map(String::toUpperCase))
                    .start("store", source.consume(v -> {
                        inConsumer.countDown();
                        release.await(); // every message waits in the pipeline meanwhile
                        consumed.merge(v, 1, Integer::sum);
                    }));
            source.start(pipeline);
            try {
                try {
                    assertThat(inConsumer.await(60, TimeUnit.SECONDS)).isTrue();
                    // twice per message: its delivery count is then 3, past maxDeliveries (2)
                    awaitStats(source, moved, s -> s.extended() >= 2L * n);
                    assertThat(source.stats().fed()).as("the reclaimed messages were not fed again").isEqualTo(n);
                    assertThat(in.stats().deadLettered()).isZero();
                } finally {
                    release.countDown();
                }
                assertThat(source.awaitTermination(LONG)).isTrue();
                pipeline.join();
            } finally {
                source.close(); // joins the reader; the pipeline has drained
            }
            assertThat(consumed).hasSize(n).allSatisfy((v, times) -> assertThat(times).as(v).isEqualTo(1));
            RedisStreamSourceStats stats = source.stats();
            assertThat(stats.fed()).isEqualTo(n);
            assertThat(stats.acked()).isEqualTo(n);
            assertThat(stats.deadLettered()).isZero();
            assertThat(stats.ackFailed()).isZero();
            assertThat(in.stats().reclaimed()).as("reclaiming its own held messages is no takeover").isZero();
            assertThat(in.stats().deadLettered()).isZero();
            assertThat(redis.command("XLEN", "orders")).isEqualTo("0");
            assertThat(redis.command("EXISTS", "orders:dead")).isEqualTo("0");
        }
    }

    @Test
    void aSettlementThatFailsLeavesTheItemUnsettledSoALaterOneWorks() {
        FlakyDelivery delivery = new FlakyDelivery(1);
        StreamItem<String> item = StreamItem.of(delivery);
        StreamItem<String> upper = item.withValue("M");
        assertThatThrownBy(upper::ack).isInstanceOf(IllegalStateException.class).hasMessage("Redis did not answer");
        assertThat(item.isSettled()).isFalse();
        assertThat(upper.ack()).isTrue();
        assertThat(item.isSettled()).isTrue();
        assertThat(upper.isSettled()).isTrue();
        assertThat(item.ack()).as("settled once").isFalse();
        assertThat(item.deadLetter(new IllegalArgumentException("late"))).isFalse();
        assertThat(delivery.calls).hasValue(2);

        FlakyDelivery dead = new FlakyDelivery(1);
        StreamItem<String> other = StreamItem.of(dead);
        assertThatThrownBy(() -> other.deadLetter(new IllegalArgumentException("bad"))).isInstanceOf(IllegalStateException.class);
        assertThat(other.isSettled()).isFalse();
        assertThat(other.deadLetter(new IllegalArgumentException("bad"))).isTrue();
        assertThat(other.isSettled()).isTrue();
        assertThat(dead.calls).hasValue(2);
    }

    /** A delivery whose first settlements fail, as when Redis does not answer. */
    private static final class FlakyDelivery implements StreamDelivery<String> {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;

        FlakyDelivery(int failures) {
            this.failures = failures;
        }

        private void settle() {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("Redis did not answer");
            }
        }

        @Override
        public String value() {
            return "m";
        }

        @Override
        public String id() {
            return "1-0";
        }

        @Override
        public long deliveryCount() {
            return 1;
        }

        @Override
        public void ack() {
            settle();
        }

        @Override
        public void fail(Throwable error) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public void deadLetter(Throwable error) {
            settle();
        }
    }

    @Test
    void badArgumentsAreRejected(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> orders = RedisStreamBuilder.ofStrings("orders").uri(redis.uri());
        try (RedisStreamConsumer<String> in = orders.consumer("c1")) {
            assertThatThrownBy(() -> RedisStreamSource.of(in, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("batch: 0 (expected: in [1, 10000])");
            RedisStreamSource<String> source = RedisStreamSource.of(in, 4);
            Pipeline<StreamItem<String>> fromList = Pipeline.<StreamItem<String>>fromIterable("list", List.of())
                    .map("same", source.map(v -> v))
                    .start("none", source.consume(v -> { }));
            assertThatThrownBy(() -> source.start(fromList)).isInstanceOf(IllegalStateException.class);
            fromList.join();
            Pipeline<StreamItem<String>> pipeline = Pipeline.<StreamItem<String>>fromSink("p", 4)
                    .map("same", source.map(v -> v))
                    .start("none", source.consume(v -> { }));
            source.start(pipeline);
            assertThatThrownBy(() -> source.start(pipeline)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");
            source.close();
            assertThat(pipeline.isTerminated()).isTrue();
            assertThat(source.awaitTermination(Duration.ZERO)).isTrue();
        }
    }
}
