package dev.patterns.resilience.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two JVM processes, one limit: this test's JVM and a child JVM ({@link Child}) hammer the same key
 * at the same time; together they admit exactly the capacity (the refill, one token an hour, adds
 * nothing during the test), and Redis saw exactly one command per acquisition.
 */
@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class TwoProcessesShareOneLimitTest {

    static final int ATTEMPTS = 2_000;
    static final int CAPACITY = 300;

    static RedisTokenBucket bucket(String uri) {
        return RedisTokenBucket.builder().uri(uri).key("fleet").capacity(CAPACITY).refill(1, Duration.ofHours(1))
                .localRejectionCache(false).build();
    }

    /** The other process: waits for "go" on stdin, makes its attempts, prints how many were admitted. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            try (RedisTokenBucket bucket = bucket(args[0])) {
                System.out.println("ready");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                int admitted = 0;
                for (int i = 0; i < ATTEMPTS; i++) {
                    admitted += bucket.tryAcquire() ? 1 : 0;
                }
                System.out.println("admitted " + admitted);
            }
        }
    }

    @Test
    void twoJvmsAdmitTheCapacityTogether(RedisServer redis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), redis.uri())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (RedisTokenBucket bucket = bucket(redis.uri());
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = child.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("ready");
            redis.resetStats();
            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            int admitted = 0;
            for (int i = 0; i < ATTEMPTS; i++) {
                admitted += bucket.tryAcquire() ? 1 : 0;
            }
            String last = out.readLine();
            assertThat(last).startsWith("admitted ");
            int childAdmitted = Integer.parseInt(last.substring("admitted ".length()));
            assertThat(child.waitFor()).isZero();
            assertThat(admitted + childAdmitted).isEqualTo(CAPACITY);
            assertThat(redis.commandCalls().get("evalsha")).isEqualTo(2L * ATTEMPTS);
            assertThat(RedisTokenBucketTest.clientCommands(redis.commandCalls())).isEqualTo(2L * ATTEMPTS);
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
    }
}
