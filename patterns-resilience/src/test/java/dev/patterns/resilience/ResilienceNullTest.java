package dev.patterns.resilience;

import dev.patterns.resilience.micrometer.ResilienceMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.patterns.testing.NullChecks;
import dev.patterns.time.FakeTicker;
import dev.patterns.time.Ticker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Every public reference parameter of patterns-resilience rejects null (see {@link NullChecks}). */
@org.junit.jupiter.api.Timeout(60)
class ResilienceNullTest {

    @Test
    void everyPublicParameterOfTheExportedPackageRejectsNull() throws Exception {
        FakeTicker ticker = FakeTicker.start();
        Bulkhead bulkhead = Bulkhead.of(2);
        NullChecks.forModuleOf(Policy.class)
                .setDefault(Ticker.class, ticker)
                .setDefault(CircuitBreaker.State.class, CircuitBreaker.State.CLOSED)
                .setDefault(MeterRegistry.class, new SimpleMeterRegistry())
                .instances(bulkhead, bulkhead.tryAcquire(), CircuitBreaker.builder(), CircuitBreaker.builder().build(),
                        IdempotencyGuard.inMemory(8, Duration.ofSeconds(1)), IdempotencyStore.inMemory(8, Duration.ofSeconds(1), ticker),
                        Retry.builder(), Retry.builder().build(), RetryBudget.of(0.2, 1, Duration.ofSeconds(1), ticker),
                        Timeout.of(Duration.ofSeconds(1)), TokenBucket.builder(), TokenBucket.builder().capacity(4).refill(1, Duration.ofSeconds(1)).ticker(ticker).build(),
                        ResilienceMetrics.create())
                .nullable(CircuitBreaker.class, "onResult", 2, "documented: what the call returned; may be null")
                .nullable(dev.patterns.resilience.redis.RecordedFailureException.class, "RecordedFailureException", 1,
                        "documented: the recorded failure's message may be null")
                .instances(dev.patterns.resilience.redis.RedisTokenBucket.builder(),
                        dev.patterns.resilience.redis.RedisIdempotencyStore.builder(
                                dev.patterns.resilience.redis.ResultCodec.strings()),
                        dev.patterns.resilience.redis.ResultCodec.strings(), dev.patterns.resilience.redis.ResultCodec.bytes())
                .noInstance(dev.patterns.resilience.redis.RedisTokenBucket.class, "needs a live server: RedisNullTest")
                .noInstance(dev.patterns.resilience.redis.RedisIdempotencyStore.class, "needs a live server: RedisNullTest")
                .noInstance(CircuitBreaker.Listener.class, "the user's listener: the library calls it, never with null")
                .run();
    }
}
