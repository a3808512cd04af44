package dev.patterns.resilience.micrometer;

import dev.patterns.resilience.CircuitBreakerStats;
import dev.patterns.resilience.RetryBudgetStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.patterns.resilience.Bulkhead;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.IdempotencyGuard;
import dev.patterns.resilience.IdempotencyStore;
import dev.patterns.resilience.Retry;
import dev.patterns.resilience.RetryBudget;
import dev.patterns.resilience.Timeout;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.time.FakeTicker;
import dev.patterns.testing.Meters;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every meter of {@link ResilienceMetrics}: its name, tags and value after a scripted scenario. */
@org.junit.jupiter.api.Timeout(60)
class ResilienceMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeTicker time = FakeTicker.start();

    @Test
    void breakerMetersHaveResilience4jShapes() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder().name("payments").ticker(time).consecutiveFailures(2)
                .ignoreFailure(e -> e instanceof IllegalArgumentException).callMetrics(true).build();
        ResilienceMetrics metrics = ResilienceMetrics.create().circuitBreaker(breaker);
        metrics.bindTo(registry);
        metrics.bindTo(registry); // a second bind must not count transitions twice
        Tags tags = Tags.of("name", "payments");
        assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", "closed"))).isEqualTo(1);

        // each call takes a scripted time on the breaker's ticker
        assertThat(breaker.call(() -> {
            time.advance(Duration.ofMillis(5));
            return "ok";
        })).isEqualTo("ok");
        assertThat(breaker.call(() -> {
            time.advance(Duration.ofMillis(7));
            return "ok";
        })).isEqualTo("ok");
        assertThatThrownBy(() -> breaker.call(() -> {
            time.advance(Duration.ofMillis(11));
            throw new IllegalArgumentException("bad request");
        })).isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                time.advance(Duration.ofMillis(20));
                throw new IllegalStateException("down");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> breaker.call(() -> "never")).isInstanceOf(CallRejectedException.class);

        assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", "open"))).isEqualTo(1);
        for (String other : List.of("closed", "half_open", "forced_open", "disabled")) {
            assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", other))).as(other).isZero();
        }
        assertCalls(tags.and("kind", "successful"), 2, 12);
        assertCalls(tags.and("kind", "failed"), 2, 40);
        assertCalls(tags.and("kind", "ignored"), 1, 11);
        assertThat(counter("patterns.circuitbreaker.not.permitted.calls", tags)).isEqualTo(1);
        CircuitBreakerStats s = breaker.stats();
        assertThat(gauge("patterns.circuitbreaker.failure.rate", tags)).isEqualTo(s.failureRate());
        assertThat(gauge("patterns.circuitbreaker.slow.call.rate", tags)).isEqualTo(s.slowCallRate());
        assertThat(gauge("patterns.circuitbreaker.buffered.calls", tags.and("kind", "successful")))
                .isEqualTo(s.windowCalls() - s.windowFailures());
        assertThat(gauge("patterns.circuitbreaker.buffered.calls", tags.and("kind", "failed")))
                .isEqualTo(s.windowFailures());
        assertThat(gauge("patterns.circuitbreaker.slow.calls", tags)).isEqualTo(s.windowSlowCalls());
        assertThat(registry.get("patterns.circuitbreaker.transitions")
                .tags(tags.and("from", "closed").and("to", "open")).counter().count()).isEqualTo(1);

        breaker.reset();
        assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", "closed"))).isEqualTo(1);
        assertThat(registry.get("patterns.circuitbreaker.transitions")
                .tags(tags.and("from", "open").and("to", "closed")).counter().count()).isEqualTo(1);
        assertThat(metersStartingWith("patterns.circuitbreaker")).hasSize(5 + 3 + 1 + 2 + 2 + 1 + 2);
        assertThat(registry.get("patterns.circuitbreaker.failure.rate").gauge().getId().getBaseUnit())
                .isEqualTo("percent");
    }

    @Test
    void withoutCallMetricsOnlyFailuresAreCountedAndNothingIsTimed() {
        CircuitBreaker breaker = CircuitBreaker.builder().name("plain").ticker(time).consecutiveFailures(5).build();
        ResilienceMetrics.create().circuitBreaker(breaker).bindTo(registry);
        Tags tags = Tags.of("name", "plain");
        assertThat(breaker.get(() -> {
            time.advance(Duration.ofMillis(5));
            return "ok";
        })).isEqualTo("ok");
        assertThatThrownBy(() -> breaker.run(() -> {
            time.advance(Duration.ofMillis(5));
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
        assertCalls(tags.and("kind", "successful"), 0, 0);
        assertCalls(tags.and("kind", "failed"), 1, 0);
        assertThat(breaker.stats().successfulCalls()).isZero();
    }

    @Test
    void transitionsAreCountedInEveryBoundRegistry() {
        CircuitBreaker breaker = CircuitBreaker.builder().name("shared").ticker(time).consecutiveFailures(1).build();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        ResilienceMetrics metrics = ResilienceMetrics.create().circuitBreaker(breaker);
        metrics.bindTo(registry);
        metrics.bindTo(other);
        metrics.bindTo(registry);
        breaker.forceOpen();
        for (SimpleMeterRegistry r : List.of(registry, other)) {
            assertThat(r.get("patterns.circuitbreaker.transitions").tags("name", "shared", "from", "closed",
                    "to", "forced_open").counter().count()).isEqualTo(1);
        }
    }

    private void assertCalls(Tags tags, long count, long totalMillis) {
        FunctionTimer timer = Meters.timer(registry, "patterns.circuitbreaker.calls", tags);
        assertThat(timer.count()).as("count of %s", tags).isEqualTo(count);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).as("time of %s", tags).isCloseTo(totalMillis, within(1e-6));
    }

    @Test
    void tokenBucketMetersFollowTheRateLimiterShape() {
        TokenBucket bucket = TokenBucket.builder().name("api").capacity(2).refill(1, Duration.ofSeconds(1))
                .ticker(time).build();
        ResilienceMetrics.create().tokenBucket(bucket).bindTo(registry);
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isTrue();
        assertThat(bucket.tryAcquire()).isFalse();

        Tags tags = Tags.of("name", "api");
        assertThat(gauge("patterns.ratelimiter.available.permissions", tags)).isZero();
        assertThat(gauge("patterns.ratelimiter.capacity", tags)).isEqualTo(2);
        assertThat(counter("patterns.ratelimiter.calls", tags.and("kind", "not_permitted"))).isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertThat(gauge("patterns.ratelimiter.available.permissions", tags)).isEqualTo(1);
        assertThat(metersStartingWith("patterns.ratelimiter")).hasSize(3);
    }

    @Test
    void bulkheadMetersFollowTheResilience4jShape() {
        Bulkhead bulkhead = Bulkhead.of("db", 2, Duration.ZERO);
        ResilienceMetrics.create().bulkhead(bulkhead).bindTo(registry);
        assertThat(Bulkhead.of(1).name()).matches("bulkhead-\\d+");
        assertThat(CircuitBreaker.builder().build().name()).matches("circuit-breaker-\\d+");
        Tags tags = Tags.of("name", "db");
        try (Bulkhead.Permit first = bulkhead.tryAcquire(); Bulkhead.Permit second = bulkhead.tryAcquire()) {
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(bulkhead.tryAcquire()).as("full").isNull();
            assertThat(gauge("patterns.bulkhead.available.concurrent.calls", tags)).isZero();
        }
        assertThat(gauge("patterns.bulkhead.available.concurrent.calls", tags)).isEqualTo(2);
        assertThat(gauge("patterns.bulkhead.max.allowed.concurrent.calls", tags)).isEqualTo(2);
        assertThat(counter("patterns.bulkhead.calls", tags.and("kind", "not_permitted"))).isEqualTo(1);
        assertThat(metersStartingWith("patterns.bulkhead")).hasSize(3);
    }

    @Test
    void timeoutMetersCountTimedOutCalls() throws Exception {
        Timeout timeout = Timeout.of("slow-api", Duration.ofMillis(1), Duration.ofSeconds(1),
                Thread.ofVirtual().factory());
        assertThat(timeout.toString()).isEqualTo("Timeout[slow-api, PT0.001S]");
        assertThat(Timeout.of(Duration.ofSeconds(1)).name()).matches("timeout-\\d+");
        ResilienceMetrics.create().timeout(timeout).bindTo(registry);
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> timeout.call(() -> {
            never.await();
            return "never";
        })).isInstanceOf(TimeoutException.class);

        Tags tags = Tags.of("name", "slow-api");
        assertThat(counter("patterns.timelimiter.calls", tags.and("kind", "timeout"))).isEqualTo(1);
        assertThat(counter("patterns.timelimiter.abandoned", tags)).isEqualTo(timeout.stats().abandoned());
        assertThat(metersStartingWith("patterns.timelimiter")).hasSize(2);
    }

    @Test
    void retryAndBudgetMetersCountRetriesAndRefusals() throws Exception {
        RetryBudget budget = RetryBudget.of("fetch-budget", 0, 1, Duration.ofSeconds(10), time);
        Retry retry = Retry.builder().name("fetch").maxAttempts(3).budget(budget).ticker(time).sleeper(nanos -> { })
                .build();
        ResilienceMetrics.create().retry(retry).retryBudget(budget).bindTo(registry);
        assertThat(retry.toString()).startsWith("Retry[fetch, ");
        assertThat(Retry.builder().build().name()).matches("retry-\\d+");
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).as("one retry granted, the second refused by the budget").hasValue(2);

        Tags tags = Tags.of("name", "fetch");
        assertThat(counter("patterns.retry.calls", tags)).isEqualTo(1);
        assertThat(counter("patterns.retry.retries", tags)).isEqualTo(1);
        assertThat(counter("patterns.retry.budget.denied", tags)).isEqualTo(1);
        assertThat(counter("patterns.retry.exhausted", tags)).isEqualTo(1);
        Tags budgetTags = Tags.of("name", "fetch-budget");
        RetryBudgetStats b = budget.stats();
        assertThat(gauge("patterns.retry.budget.available", budgetTags)).isEqualTo(b.available()).isZero();
        assertThat(gauge("patterns.retry.budget.calls", budgetTags)).isEqualTo(b.calls());
        assertThat(gauge("patterns.retry.budget.retries", budgetTags)).isEqualTo(1);
        assertThat(metersStartingWith("patterns.retry")).hasSize(7);
    }

    @Test
    void idempotencyMetersCountCallsByOutcome() throws Exception {
        IdempotencyGuard<String, String> guard = IdempotencyGuard.of("payments",
                IdempotencyStore.inMemory(8, Duration.ofMinutes(1), time), time);
        ResilienceMetrics.create().idempotencyGuard(guard).bindTo(registry);
        assertThat(guard.execute("order-1", () -> "charged")).isEqualTo("charged");
        assertThat(guard.execute("order-1", () -> "charged twice")).isEqualTo("charged");
        assertThatThrownBy(() -> guard.execute("order-2", () -> {
            throw new java.io.IOException("declined");
        })).isInstanceOf(java.io.IOException.class);

        Tags tags = Tags.of("name", "payments");
        assertThat(counter("patterns.idempotency.calls", tags.and("kind", "executed"))).isEqualTo(2);
        assertThat(counter("patterns.idempotency.calls", tags.and("kind", "replayed"))).isEqualTo(1);
        assertThat(counter("patterns.idempotency.calls", tags.and("kind", "joined"))).isZero();
        assertThat(counter("patterns.idempotency.calls", tags.and("kind", "timed_out"))).isZero();
        assertThat(counter("patterns.idempotency.failed", tags)).isEqualTo(1);
        assertThat(counter("patterns.idempotency.abandoned", tags)).isZero();
        assertThat(metersStartingWith("patterns.idempotency")).hasSize(6);
    }

    @Test
    void badArgumentsAreRejectedWithMessages() {
        ResilienceMetrics metrics = ResilienceMetrics.create();
        assertThatThrownBy(() -> Timeout.of("", Duration.ofSeconds(1), Duration.ZERO, Thread.ofVirtual().factory()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name: '' (expected: not blank)");
        assertThatThrownBy(() -> metrics.timeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout");
        assertThatThrownBy(() -> metrics.circuitBreaker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("breaker");
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class).hasMessage("registry");
    }

    private double gauge(String name, Tags tags) {
        return Meters.gauge(registry, name, tags);
    }

    private double counter(String name, Tags tags) {
        return Meters.counter(registry, name, tags);
    }

    private List<Meter.Id> metersStartingWith(String prefix) {
        return Meters.startingWith(registry, prefix);
    }
}
