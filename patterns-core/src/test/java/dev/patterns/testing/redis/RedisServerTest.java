package dev.patterns.testing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;

import dev.patterns.redis.internal.RedisServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness itself: the chosen server, the embedded fallback, kill and restart on one port. */
@ExtendWith(RedisServerExtension.class)
class RedisServerTest {

    @Test
    void extensionServerAnswersAndCountsCommands(RedisServer redis) {
        assertThat(redis.isRunning()).isTrue();
        assertThat(redis.command("PING")).isEqualTo("PONG");
        assertThat(redis.command("SET", "k", "v")).isEqualTo("OK");
        assertThat(redis.command("GET", "k")).isEqualTo("v");
        assertThat(redis.commandCalls()).containsEntry("set", 1L).containsEntry("get", 1L);
        assertThat(redis.majorVersion()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void eachTestStartsEmpty(RedisServer redis) {
        assertThat(redis.command("DBSIZE")).isEqualTo("0");
        assertThat(redis.commandCalls()).doesNotContainKey("set");
    }

    @Test
    void killThenRestartOnTheSamePort(RedisServer redis) {
        int port = redis.port();
        redis.command("SET", "k", "v");
        redis.kill();
        assertThat(redis.isRunning()).isFalse();
        assertThatThrownBy(() -> redis.command("PING")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("port " + port);
        redis.restart();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.command("GET", "k")).as("no persistence: a restarted server is empty").isNull();
        assertThatThrownBy(redis::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("still running");
    }

    /** What a new machine with nothing installed runs: the Redis 6.2 binary shipped in embedded-redis. */
    @Test
    void embeddedFallbackRuns() {
        try (RedisServer embedded = RedisServer.start(RedisServer.embeddedBinary().toString())) {
            assertThat(embedded.version()).contains("v=6.2");
            assertThat(embedded.command("PING")).isEqualTo("PONG");
            assertThat(embedded.command("XADD", "s", "*", "f", "v")).contains("-");
            assertThat(embedded.command("XLEN", "s")).isEqualTo("1");
        }
    }

    @Test
    void badBinaryFailsNamingIt() {
        assertThatThrownBy(() -> RedisServer.start("/nonexistent/redis-server"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/nonexistent/redis-server");
    }
}
