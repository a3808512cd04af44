package dev.patterns.examples.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class SharedRateLimitDemoTest {

    @Test
    void twoJvmsShareOneLimit(RedisServer redis) throws Exception {
        SharedRateLimitDemo.Result r = SharedRateLimitDemo.run(redis.uri(), Duration.ofSeconds(1));
        assertThat(r.total()).as("admitted by both JVMs").isLessThanOrEqualTo(r.bound());
        assertThat(r.here()).as("this JVM got some").isPositive();
        assertThat(r.other()).as("the second JVM got some").isPositive();
        assertThat(redis.commandCalls().getOrDefault("evalsha", 0L)).as("every admission was one script call on the server")
                .isGreaterThanOrEqualTo(r.total());
        System.out.println("two JVMs: " + r + ", total " + r.total() + ", bound " + r.bound());
    }
}
