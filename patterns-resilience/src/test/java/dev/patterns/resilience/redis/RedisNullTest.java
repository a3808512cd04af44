package dev.patterns.resilience.redis;

import java.time.Duration;

import com.google.common.testing.NullPointerTester;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis components that need a live server: every public instance method rejects null. */
@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisNullTest {

    @Test
    void bucketAndStoreRejectNull(RedisServer redis) throws Exception {
        NullPointerTester tester = new NullPointerTester().setDefault(Duration.class, Duration.ofMillis(1));
        try (RedisTokenBucket bucket = RedisTokenBucket.builder().uri(redis.uri()).key("nulls").capacity(4)
                .refill(1, Duration.ofSeconds(1)).build();
             RedisIdempotencyStore<String, String> store = RedisIdempotencyStore.<String, String>builder(
                     ResultCodec.strings()).uri(redis.uri()).build()) {
            tester.testAllPublicInstanceMethods(bucket);
            tester.testAllPublicInstanceMethods(store);
        }
    }
}
