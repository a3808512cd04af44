package dev.patterns.resilience.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.patterns.channel.redis.RedisStreamBuilder;
import dev.patterns.channel.redis.RedisStreamConsumer;
import dev.patterns.channel.redis.RedisStreamProducer;
import dev.patterns.channel.redis.StreamDelivery;
import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.IdempotencyGuard;
import dev.patterns.time.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Redis killed while a producer sends and a consumer processes, then started again (with an
 * append-only file, so what it acknowledged survives): every message is delivered at least once,
 * and through the idempotency store processed exactly once. Counted, not sampled.
 *
 * <p>The one window left open is a crash between an operation's effect and the store recording it;
 * the store counts that case ({@code redisFailures} on record), and the test allows exactly that
 * many duplicates.
 */
@Timeout(180)
class StreamOutageExactlyOnceTest {

    static final int MESSAGES = 1_000;

    @Test
    void nothingLostNothingProcessedTwice() throws Exception {
        try (RedisServer redis = RedisServer.startPersistent()) {
            RedisStreamBuilder<String> events = RedisStreamBuilder.ofStrings("events").uri(redis.uri())
                    .visibilityTimeout(Duration.ofMillis(300)).timeout(Duration.ofMillis(500)).maxDeliveries(1_000);
            Map<String, Integer> processed = new ConcurrentHashMap<>();
            AtomicInteger sendFailures = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch thirdSent = new CountDownLatch(MESSAGES / 3);
            CountDownLatch producerSawOutage = new CountDownLatch(1);
            AtomicReference<Throwable> error = new AtomicReference<>();
            try (RedisIdempotencyStore<String, String> store = RedisIdempotencyStore.<String, String>builder(ResultCodec.strings())
                    .uri(redis.uri()).claimTimeout(Duration.ofSeconds(30)).timeout(Duration.ofMillis(500)).build();
                    RedisStreamProducer<String> out = events.producer();
                    RedisStreamConsumer<String> in = events.consumer("worker")) {
                IdempotencyGuard<String, String> guard = IdempotencyGuard.of(store, Ticker.system());
                Thread producer = Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        for (;;) {
                            try {
                                out.send("e" + i);
                                break;
                            } catch (IllegalStateException redisDown) {
                                sendFailures.incrementAndGet();
                                producerSawOutage.countDown(); // retry the same message
                            } catch (Throwable t) {
                                error.set(t);
                                return;
                            }
                        }
                        sent.incrementAndGet();
                        thirdSent.countDown();
                    }
                });
                Thread consumer = Thread.ofPlatform().start(() -> {
                    while (processed.size() < MESSAGES && error.get() == null) {
                        try {
                            List<StreamDelivery<String>> batch = in.receive(50, Duration.ofMillis(200));
                            for (StreamDelivery<String> d : batch) {
                                guard.execute(d.value(), () -> {
                                    processed.merge(d.value(), 1, Integer::sum);
                                    return "done";
                                });
                            }
                            in.ack(batch);
                        } catch (IllegalStateException redisDown) {
                            // unacked deliveries come back after the visibility timeout
                        } catch (Throwable t) {
                            error.set(t);
                            return;
                        }
                    }
                });
                thirdSent.await();
                redis.kill();
                producerSawOutage.await();
                redis.restart();
                producer.join();
                consumer.join();
                assertThat(error.get()).isNull();
                assertThat(sent.get()).isEqualTo(MESSAGES);
                assertThat(sendFailures.get()).isPositive();
                assertThat(processed).hasSize(MESSAGES);
                long duplicates = processed.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
                assertThat(duplicates).as("only where the effect happened but Redis died before it was recorded")
                        .isLessThanOrEqualTo(store.stats().redisFailures());
                System.out.printf("stream outage: %d sent (%d send failures retried), %d processed, %d duplicates, store %s%n",
                        sent.get(), sendFailures.get(), processed.size(), duplicates, store.stats());
            }
        }
    }
}
