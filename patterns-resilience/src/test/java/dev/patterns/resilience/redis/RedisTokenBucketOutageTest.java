package dev.patterns.resilience.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.testing.redis.RedisServerExtension;
import dev.patterns.time.FakeTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis killed in the middle of a run, then started again: the bucket follows its outage policy,
 * its breaker stops the calls after three failures, and it recovers once Redis answers again.
 * The breaker runs on a fake ticker, so "open for one second" passes when the test says so.
 */
@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisTokenBucketOutageTest {

    private static RedisTokenBucket bucket(RedisServer redis, FakeTicker fake, RedisOutage outage) {
        return RedisTokenBucket.builder().uri(redis.uri()).key("k").capacity(3).refill(1, Duration.ofHours(1))
                .timeout(Duration.ofMillis(500)).whenUnavailable(outage).ticker(fake).sleeper(fake).build();
    }

    /** Kills Redis, then makes 20 calls: 3 fail on the wire, the open breaker answers the other 17. */
    private static void killAndCall(RedisServer redis, RedisTokenBucket bucket, boolean expected) {
        redis.kill();
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryAcquire()).isEqualTo(expected);
        }
        RedisTokenBucketStats stats = bucket.redisStats();
        assertThat(stats.redisFailures()).as("consecutive failures that opened the breaker").isEqualTo(3L);
        assertThat(stats.breaker()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(expected ? stats.degradedAdmitted() : stats.degradedRejected()).isEqualTo(20L);
    }

    /** Restarts Redis and moves fake time past the open duration until a probe gets through. */
    private static void restartAndRecover(RedisServer redis, FakeTicker fake, RedisTokenBucket bucket) {
        redis.restart();
        long before = bucket.redisStats().redisCalls();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bucket.redisStats().redisCalls() == before) {
            assertThat(System.nanoTime() - deadline).as("Lettuce reconnected within 60 s").isNegative();
            fake.advance(Duration.ofSeconds(2));
            bucket.tryAcquire();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // Lettuce reconnects in the background
        }
        assertThat(bucket.redisStats().breaker()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failClosedRejectsThenRecovers(RedisServer redis) {
        FakeTicker fake = FakeTicker.start();
        try (RedisTokenBucket bucket = bucket(redis, fake, RedisOutage.FAIL_CLOSED)) {
            assertThat(bucket.tryAcquire()).isTrue();
            killAndCall(redis, bucket, false);
            assertThatThrownBy(() -> bucket.acquire(1)).isInstanceOf(CallRejectedException.class)
                    .hasMessageContaining("Redis is unavailable and the bucket fails closed");
            assertThat(bucket.estimateWaitNanos(1)).isEqualTo(Long.MAX_VALUE);
            restartAndRecover(redis, fake, bucket);
            // the restarted server lost the key: a full bucket, one token taken by the recovering probe
            assertThat(bucket.tryAcquire(2)).isTrue();
            assertThat(bucket.tryAcquire()).isFalse();
        }
    }

    @Test
    void failOpenAdmitsThenRecovers(RedisServer redis) {
        FakeTicker fake = FakeTicker.start();
        try (RedisTokenBucket bucket = bucket(redis, fake, RedisOutage.FAIL_OPEN)) {
            assertThat(bucket.tryAcquire()).isTrue();
            killAndCall(redis, bucket, true);
            restartAndRecover(redis, fake, bucket);
            assertThat(bucket.redisStats().admitted()).as("one before, the probe after").isEqualTo(2L);
        }
    }

    @Test
    void localFallbackLimitsEachProcessDuringTheOutage(RedisServer redis) {
        FakeTicker fake = FakeTicker.start();
        TokenBucket local = TokenBucket.builder().capacity(5).refill(1, Duration.ofHours(1)).ticker(fake).sleeper(fake).build();
        try (RedisTokenBucket bucket = RedisTokenBucket.builder().uri(redis.uri()).key("k").capacity(3)
                .refill(1, Duration.ofHours(1)).timeout(Duration.ofMillis(500)).fallback(local)
                .ticker(fake).sleeper(fake).build()) {
            redis.kill();
            int admitted = 0;
            for (int i = 0; i < 20; i++) {
                admitted += bucket.tryAcquire() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(5);
            assertThat(bucket.redisStats().degradedAdmitted()).isEqualTo(5L);
            assertThat(bucket.redisStats().degradedRejected()).isEqualTo(15L);
            restartAndRecover(redis, fake, bucket);
        }
    }
}
