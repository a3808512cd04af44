package dev.patterns.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import com.google.common.testing.NullPointerTester;

import dev.patterns.redis.internal.RedisServer;
import dev.patterns.testing.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis stream types that need a live server: every public instance method rejects null. */
@ExtendWith(RedisServerExtension.class)
@Timeout(120)
class RedisStreamNullTest {

    @Test
    void producerConsumerAndDeliveryRejectNull(RedisServer redis) throws Exception {
        RedisStreamBuilder<String> stream = RedisStreamBuilder.ofStrings("nulls").uri(redis.uri());
        NullPointerTester tester = new NullPointerTester().setDefault(Duration.class, Duration.ofMillis(1));
        try (RedisStreamProducer<String> out = stream.producer(); RedisStreamConsumer<String> in = stream.consumer("c1")) {
            out.send("m");
            List<StreamDelivery<String>> batch = in.receive(1, Duration.ofSeconds(5));
            assertThat(batch).hasSize(1);
            tester.testAllPublicInstanceMethods(out);
            tester.testAllPublicInstanceMethods(in);
            tester.testAllPublicInstanceMethods(batch.get(0));
            RedisStreamSource<String> source = RedisStreamSource.of(in, 1);
            tester.testAllPublicInstanceMethods(source);
            tester.testAllPublicInstanceMethods(StreamItem.of(batch.get(0)));
        }
    }
}
