package dev.patterns.resilience.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.testing.redis.RedisServerExtension;
import dev.patterns.time.FakeTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisTokenBucketTest {

    /** A bucket that refills one token an hour: within a test, only the capacity can be admitted. */
    static RedisTokenBucketBuilder slow(RedisServer redis, String key, long capacity) {
        return RedisTokenBucket.builder().uri(redis.uri()).key(key).capacity(capacity).refill(1, Duration.ofHours(1));
    }

    /** Commands the client sent: everything but what the script itself calls. */
    static long clientCommands(Map<String, Long> calls) {
        return calls.entrySet().stream()
                .filter(e -> !List.of("time", "get", "set").contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void admitsTheCapacityThenRejects(RedisServer redis) {
        try (RedisTokenBucket bucket = slow(redis, "k", 10).build()) {
            int admitted = 0;
            for (int i = 0; i < 50; i++) {
                admitted += bucket.tryAcquire() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
            assertThat(bucket.redisStats().admitted()).isEqualTo(10);
            assertThat(bucket.redisStats().rejected() + bucket.redisStats().rejectedLocally()).isEqualTo(40);
            assertThat(bucket.stats().rejected()).as("every refusal, however answered").isEqualTo(40);
            assertThat(bucket.stats().capacity()).isEqualTo(10);
            assertThat(bucket.stats().available()).as("unknown without a round trip").isEqualTo(-1);
            assertThat(bucket.tryAcquire(1)).isFalse();
        }
    }

    @Test
    void oneCommandPerAcquisition(RedisServer redis) {
        try (RedisTokenBucket bucket = slow(redis, "k", 150).localRejectionCache(false).build()) {
            redis.resetStats();
            int admitted = 0;
            for (int i = 0; i < 200; i++) {
                admitted += bucket.tryAcquire() ? 1 : 0;
            }
            Map<String, Long> calls = redis.commandCalls();
            assertThat(admitted).isEqualTo(150);
            assertThat(calls.get("evalsha")).isEqualTo(200L);
            assertThat(clientCommands(calls)).as("commands other than EVALSHA: %s", calls).isEqualTo(200L);
            assertThat(calls.get("time")).as("one TIME per script call").isEqualTo(200L);
            assertThat(bucket.redisStats().redisCalls()).isEqualTo(200L);
        }
    }

    @Test
    void localCacheRejectsAnExhaustedKeyWithNoRoundTrip(RedisServer redis) {
        try (RedisTokenBucket bucket = slow(redis, "k", 5).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(bucket.tryAcquire()).isTrue();
            }
            redis.resetStats();
            for (int i = 0; i < 1_000; i++) {
                assertThat(bucket.tryAcquire()).isFalse();
            }
            assertThat(redis.commandCalls().get("evalsha")).as("only the first rejection asked Redis").isEqualTo(1L);
            assertThat(bucket.redisStats().rejected()).isEqualTo(1L);
            assertThat(bucket.redisStats().rejectedLocally()).isEqualTo(999L);
        }
    }

    @Test
    void twoInstancesOnSeparateConnectionsShareOneLimit(RedisServer redis) throws Exception {
        try (RedisTokenBucket a = slow(redis, "shared", 25).build(); RedisTokenBucket b = slow(redis, "shared", 25).build()) {
            AtomicLong admitted = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> errors = new ArrayList<>();
            for (RedisTokenBucket bucket : List.of(a, b, a, b)) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 40; i++) {
                            if (bucket.tryAcquire()) {
                                admitted.incrementAndGet();
                            }
                        }
                    } catch (Throwable t) {
                        synchronized (errors) {
                            errors.add(t);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
            assertThat(admitted.get()).isEqualTo(25L);
            assertThat(a.redisStats().admitted() + b.redisStats().admitted()).isEqualTo(25L);
        }
    }

    /** At a real rate: admitted <= capacity + rate × elapsed, elapsed measured around all calls. */
    @Test
    void twoInstancesKeepTheRateBound(RedisServer redis) throws Exception {
        RedisTokenBucketBuilder builder = RedisTokenBucket.builder().uri(redis.uri()).key("rated")
                .capacity(20).refill(500, Duration.ofSeconds(1));
        try (RedisTokenBucket a = builder.build(); RedisTokenBucket b = builder.build()) {
            AtomicLong admitted = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            long begin = System.nanoTime();
            for (RedisTokenBucket bucket : List.of(a, b, a, b)) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 2_000; i++) {
                            if (bucket.tryAcquire()) {
                                admitted.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsedSeconds = (System.nanoTime() - begin) / 1e9;
            assertThat((double) admitted.get()).isLessThanOrEqualTo(20 + 500 * elapsedSeconds);
            assertThat(admitted.get()).isGreaterThanOrEqualTo(20L);
        }
    }

    @Test
    void reservesAndWaitsWithinTheTimeout(RedisServer redis) throws Exception {
        FakeTicker fake = FakeTicker.start();
        try (RedisTokenBucket bucket = RedisTokenBucket.builder().uri(redis.uri()).key("k").capacity(1)
                .refill(1, Duration.ofSeconds(10)).localRejectionCache(false).ticker(fake).sleeper(fake).build()) {
            assertThat(bucket.tryAcquire()).isTrue();
            assertThat(bucket.estimateWaitNanos(1)).isBetween(1L, Duration.ofSeconds(10).toNanos());
            assertThat(bucket.tryAcquire(1, Duration.ofMillis(1))).as("the token is ~10 s away").isFalse();
            assertThat(bucket.tryAcquire(1, Duration.ZERO)).isFalse();
            long before = fake.read();
            assertThat(bucket.tryAcquire(1, Duration.ofSeconds(20))).isTrue();
            long slept = fake.read() - before;
            assertThat(slept).isBetween(Duration.ofSeconds(9).toNanos(), Duration.ofSeconds(10).toNanos());
            assertThat(bucket.availableTokens()).isZero();
        }
    }

    @Test
    void stateHasATtlSoIdleKeysVanish(RedisServer redis) {
        try (RedisTokenBucket bucket = RedisTokenBucket.builder().uri(redis.uri()).key("ttl").capacity(10)
                .refill(10, Duration.ofSeconds(1)).build()) {
            assertThat(bucket.tryAcquire(3)).isTrue();
            long pttl = Long.parseLong(redis.command("PTTL", "ttl"));
            assertThat(pttl).as("full again after 300 ms").isBetween(1L, 300L);
        }
    }

    @Test
    void reloadsTheScriptAfterAFlush(RedisServer redis) {
        try (RedisTokenBucket bucket = slow(redis, "k", 5).build()) {
            assertThat(bucket.tryAcquire()).isTrue();
            redis.command("SCRIPT", "FLUSH");
            assertThat(bucket.tryAcquire()).isTrue();
            assertThat(bucket.redisStats().scriptReloads()).isEqualTo(1L);
            assertThat(bucket.redisStats().redisFailures()).isZero();
        }
    }

    @Test
    void callRunsOrRejects(RedisServer redis) throws Exception {
        try (RedisTokenBucket bucket = slow(redis, "k", 1).build()) {
            assertThat(bucket.call(() -> "ran")).isEqualTo("ran");
            assertThatThrownBy(() -> bucket.call(() -> "ran")).isInstanceOf(CallRejectedException.class)
                    .hasMessageContaining("'redis-token-bucket:k'").hasMessageContaining("no token");
        }
    }

    @Test
    void badInputIsRejectedNamingWhatIsWrong(RedisServer redis) {
        RedisTokenBucketBuilder b = RedisTokenBucket.builder();
        assertThatThrownBy(() -> b.capacity(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: >= 1)");
        assertThatThrownBy(() -> b.uri("http//nonsense:x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uri: 'http//nonsense:x'");
        assertThatThrownBy(() -> b.uri(null)).isInstanceOf(NullPointerException.class).hasMessage("uri");
        assertThatThrownBy(() -> b.key("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> b.timeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout: PT-0.001S (expected: > 0)");
        assertThatThrownBy(() -> b.refill(2_000_000, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens: 2000000");
        assertThatThrownBy(() -> b.refill(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("period: PT0S (expected: > 0)");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("uri: not set (expected: uri(uri) or connection(connection) before build())");
        b.uri(redis.uri());
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("key: not set (expected: key(key) before build())");
        b.key("k");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("capacity: not set (expected: capacity(n) before build())");
        b.capacity(3);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("refill: not set (expected: refill(tokens, period) before build())");
        b.refill(1, Duration.ofSeconds(1));
        try (RedisTokenBucket bucket = b.build()) {
            assertThatThrownBy(() -> bucket.tryAcquire(4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("permits: 4 (expected: <= capacity 3");
            assertThatThrownBy(() -> bucket.tryAcquire(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("permits: 0 (expected: >= 1)");
            assertThatThrownBy(() -> bucket.tryAcquire(1, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("timeout");
        }
    }

    @Test
    void aMissingServerFailsTheBuildNamingIt() {
        String nowhere = "redis://127.0.0.1:1";
        assertThatThrownBy(() -> RedisTokenBucket.builder().uri(nowhere).key("k").capacity(1)
                .refill(1, Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to " + nowhere)
                .hasMessageContaining("token bucket 'redis-token-bucket:k'");
    }
}
