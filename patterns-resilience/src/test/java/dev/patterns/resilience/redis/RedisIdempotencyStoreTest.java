package dev.patterns.resilience.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.IdempotencyGuard;
import dev.patterns.testing.redis.RedisServerExtension;
import dev.patterns.time.Ticker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two stores on separate connections stand for two instances of a service. */
@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisIdempotencyStoreTest {

    private static RedisIdempotencyStoreBuilder<String, String> strings(RedisServer redis) {
        return RedisIdempotencyStore.<String, String>builder(ResultCodec.strings()).uri(redis.uri())
                .keyPrefix("pay:").pollInterval(Duration.ofMillis(5));
    }

    @Test
    void aResultIsReplayedToAnotherInstance(RedisServer redis) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (RedisIdempotencyStore<String, String> a = strings(redis).build();
                RedisIdempotencyStore<String, String> b = strings(redis).build()) {
            IdempotencyGuard<String, String> ga = IdempotencyGuard.of(a, Ticker.system());
            IdempotencyGuard<String, String> gb = IdempotencyGuard.of(b, Ticker.system());
            assertThat(ga.execute("order-1", () -> "receipt-" + runs.incrementAndGet())).isEqualTo("receipt-1");
            assertThat(gb.execute("order-1", () -> "receipt-" + runs.incrementAndGet())).isEqualTo("receipt-1");
            assertThat(ga.execute("order-1", () -> "receipt-" + runs.incrementAndGet())).isEqualTo("receipt-1");
            assertThat(runs).hasValue(1);
            assertThat(a.stats().recorded()).isEqualTo(1L);
            assertThat(b.stats().replayed()).isEqualTo(1L);
            assertThat(redis.command("GET", "pay:order-1")).isEqualTo("D:receipt-1");
            long pttl = Long.parseLong(redis.command("PTTL", "pay:order-1"));
            assertThat(pttl).isBetween(1L, Duration.ofHours(24).toMillis());
        }
    }

    @Test
    void aDuplicateOnAnotherInstanceWaitsForTheRunningOne(RedisServer redis) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        try (RedisIdempotencyStore<String, String> a = strings(redis).build();
                RedisIdempotencyStore<String, String> b = strings(redis).build()) {
            IdempotencyGuard<String, String> ga = IdempotencyGuard.of(a, Ticker.system());
            IdempotencyGuard<String, String> gb = IdempotencyGuard.of(b, Ticker.system());
            AtomicReference<Object> first = new AtomicReference<>();
            Thread owner = Thread.ofVirtual().start(() -> {
                try {
                    first.set(ga.execute("k", () -> {
                        runs.incrementAndGet();
                        running.countDown();
                        finish.await();
                        return "done";
                    }));
                } catch (Exception e) {
                    first.set(e);
                }
            });
            running.await();
            AtomicReference<Object> second = new AtomicReference<>();
            Thread duplicate = Thread.ofVirtual().start(() -> {
                try {
                    second.set(gb.execute("k", () -> "ran twice " + runs.incrementAndGet()));
                } catch (Exception e) {
                    second.set(e);
                }
            });
            while (b.stats().waited() == 0) {
                Thread.onSpinWait(); // the duplicate found the claim of the other instance
            }
            finish.countDown();
            owner.join();
            duplicate.join();
            assertThat(first.get()).isEqualTo("done");
            assertThat(second.get()).isEqualTo("done");
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aClaimWhoseOwnerDiedIsTakenOver(RedisServer redis) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (RedisIdempotencyStore<String, String> b = strings(redis).claimTimeout(Duration.ofMillis(300)).build()) {
            try (RedisIdempotencyStore<String, String> dying = strings(redis).claimTimeout(Duration.ofMillis(300)).build()) {
                assertThat(dying.putIfAbsent("k", new CompletableFuture<>())).isNull(); // claims, never completes
            }
            IdempotencyGuard<String, String> gb = IdempotencyGuard.of(b, Ticker.system());
            assertThat(gb.execute("k", () -> "after takeover " + runs.incrementAndGet())).isEqualTo("after takeover 1");
            assertThat(b.stats().takenOver()).isEqualTo(1L);
            assertThat(b.stats().claimed()).isEqualTo(1L);
        }
    }

    @Test
    void aFailureIsRecordedAndReplayedByName(RedisServer redis) {
        try (RedisIdempotencyStore<String, String> a = strings(redis).build();
                RedisIdempotencyStore<String, String> b = strings(redis).build()) {
            IdempotencyGuard<String, String> ga = IdempotencyGuard.of(a, Ticker.system());
            IdempotencyGuard<String, String> gb = IdempotencyGuard.of(b, Ticker.system());
            IllegalArgumentException original = new IllegalArgumentException("card declined");
            assertThatThrownBy(() -> ga.execute("k", () -> {
                throw original;
            })).isSameAs(original);
            assertThatThrownBy(() -> gb.execute("k", () -> "ran again")).isInstanceOf(RecordedFailureException.class)
                    .hasMessage("java.lang.IllegalArgumentException: card declined")
                    .extracting(e -> ((RecordedFailureException) e).failureClass())
                    .isEqualTo("java.lang.IllegalArgumentException");
        }
    }

    @Test
    void byteArraysRoundTrip(RedisServer redis) throws Exception {
        try (RedisIdempotencyStore<String, byte[]> store = RedisIdempotencyStore.<String, byte[]>builder(ResultCodec.bytes())
                .uri(redis.uri()).build(); RedisIdempotencyStore<String, byte[]> other = RedisIdempotencyStore
                .<String, byte[]>builder(ResultCodec.bytes()).uri(redis.uri()).build()) {
            byte[] payload = {0, 1, 2, (byte) 0xff, '\n'};
            assertThat(IdempotencyGuard.of(store, Ticker.system()).execute("b", () -> payload)).isEqualTo(payload);
            assertThat(IdempotencyGuard.of(other, Ticker.system()).execute("b", () -> new byte[0])).isEqualTo(payload);
        }
    }

    @Test
    void redisDownFailsTheCallRatherThanRunItUnguarded(RedisServer redis) {
        try (RedisIdempotencyStore<String, String> store = strings(redis).timeout(Duration.ofMillis(300)).build()) {
            redis.kill();
            AtomicInteger runs = new AtomicInteger();
            assertThatThrownBy(() -> IdempotencyGuard.of(store, Ticker.system()).execute("k", () -> "x" + runs.incrementAndGet()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Redis did not answer for pay:k");
            assertThat(runs).hasValue(0);
            assertThat(store.stats().redisFailures()).isEqualTo(1L);
        }
    }

    @Test
    void badInputIsRejectedNamingWhatIsWrong(RedisServer redis) {
        assertThatThrownBy(() -> RedisIdempotencyStore.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("codec");
        RedisIdempotencyStoreBuilder<String, String> b = RedisIdempotencyStore.builder(ResultCodec.strings());
        assertThatThrownBy(() -> b.retention(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> b.claimTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("claimTimeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> b.uri("not a uri")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uri: 'not a uri'");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("uri: not set (expected: uri(uri) or connection(connection) before build())");
        assertThatThrownBy(() -> b.uri("redis://127.0.0.1:1").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to redis://127.0.0.1:1");
        try (RedisIdempotencyStore<String, String> store = strings(redis).build()) {
            assertThatThrownBy(() -> store.putIfAbsent(null, new CompletableFuture<>()))
                    .isInstanceOf(NullPointerException.class).hasMessage("key");
            assertThatThrownBy(() -> store.putIfAbsent("k", null)).isInstanceOf(NullPointerException.class).hasMessage("pending");
        }
    }
}
