package dev.patterns.resilience.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patterns.resilience.Bulkhead;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.Retry;
import dev.patterns.resilience.RetryBudget;
import dev.patterns.resilience.Timeout;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.time.FakeTicker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
                .ignoreFailure(e -> e instanceof IllegalArgumentException).build();
        ResilienceMetrics.create().circuitBreaker(breaker).bindTo(registry);
        Tags tags = Tags.of("name", "payments");
        assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", "closed"))).isEqualTo(1);

        assertThat(breaker.call(() -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> breaker.call(() -> {
            throw new IllegalArgumentException("bad request");
        })).isInstanceOf(IllegalArgumentException.class);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IllegalStateException("down");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> breaker.call(() -> "never")).isInstanceOf(CallRejectedException.class);

        assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", "open"))).isEqualTo(1);
        for (String other : List.of("closed", "half_open", "forced_open", "disabled")) {
            assertThat(gauge("patterns.circuitbreaker.state", tags.and("state", other))).as(other).isZero();
        }
        assertThat(counter("patterns.circuitbreaker.calls", tags.and("kind", "failed"))).isEqualTo(2);
        assertThat(counter("patterns.circuitbreaker.calls", tags.and("kind", "ignored"))).isEqualTo(1);
        assertThat(counter("patterns.circuitbreaker.calls", tags.and("kind", "not_permitted"))).isEqualTo(1);
        CircuitBreaker.Stats s = breaker.stats();
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
        assertThat(metersStartingWith("patterns.circuitbreaker")).hasSize(5 + 3 + 2 + 2 + 1 + 2);
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
        Bulkhead bulkhead = Bulkhead.of(2);
        ResilienceMetrics.create().bulkhead("db", bulkhead).bindTo(registry);
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
        Timeout timeout = Timeout.of(Duration.ofMillis(1));
        ResilienceMetrics.create().timeout("slow-api", timeout).bindTo(registry);
        CountDownLatch never = new CountDownLatch(1);
        assertThat(timeout.call(() -> "fast")).isEqualTo("fast");
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
        RetryBudget budget = RetryBudget.of(0, 1, Duration.ofSeconds(10), time);
        Retry retry = Retry.builder().maxAttempts(3).budget(budget).ticker(time).sleeper(nanos -> { }).build();
        ResilienceMetrics.create().retry("fetch", retry).retryBudget("fetch-budget", budget).bindTo(registry);
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
        RetryBudget.Stats b = budget.stats();
        assertThat(gauge("patterns.retry.budget.available", budgetTags)).isEqualTo(b.available()).isZero();
        assertThat(gauge("patterns.retry.budget.calls", budgetTags)).isEqualTo(b.calls());
        assertThat(gauge("patterns.retry.budget.retries", budgetTags)).isEqualTo(1);
        assertThat(metersStartingWith("patterns.retry")).hasSize(7);
    }

    @Test
    void badArgumentsAreRejectedWithMessages() {
        ResilienceMetrics metrics = ResilienceMetrics.create();
        assertThatThrownBy(() -> metrics.bulkhead("", Bulkhead.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: '' (expected: not blank)");
        assertThatThrownBy(() -> metrics.circuitBreaker(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("breaker");
        assertThatThrownBy(() -> metrics.bindTo(null)).isInstanceOf(NullPointerException.class).hasMessage("registry");
    }

    private double gauge(String name, Tags tags) {
        Gauge gauge = registry.get(name).tags(tags).gauge();
        assertThat(gauge.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
        return gauge.value();
    }

    private double counter(String name, Tags tags) {
        FunctionCounter counter = registry.get(name).tags(tags).functionCounter();
        assertThat(counter.getId().getTags()).containsExactlyInAnyOrderElementsOf(tags);
        return counter.count();
    }

    private List<Meter.Id> metersStartingWith(String prefix) {
        return registry.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith(prefix)).toList();
    }
}
