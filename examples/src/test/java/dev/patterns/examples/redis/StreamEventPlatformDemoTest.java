package dev.patterns.examples.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class StreamEventPlatformDemoTest {

    @Test
    void killedAndRestartedNothingLostNothingAppliedTwice(RedisServer redis) throws Exception {
        StreamEventPlatformDemo.Result r = StreamEventPlatformDemo.run(redis.uri(), 400, 120);
        long malformed = java.util.stream.IntStream.range(0, 400).filter(i -> i % 97 == 13).count();
        assertThat(r.appliedFirstRun()).isEqualTo(120);
        assertThat(r.deadLettered()).isEqualTo(malformed);
        assertThat(r.appliedFirstRun() + r.appliedSecondRun() + r.deadLettered()).isEqualTo(400L);
        assertThat(r.missing()).isZero();
        assertThat(r.appliedTwice()).isZero();
        assertThat(r.reclaimed()).as("the killed run's deliveries were taken over").isPositive();
        assertThat(r.replayed()).as("the event applied but not acknowledged was replayed, not applied again")
                .isGreaterThanOrEqualTo(1L);
        assertThat(redis.command("XLEN", "events")).isEqualTo("0");
        System.out.println("stream platform: " + r);
    }
}
