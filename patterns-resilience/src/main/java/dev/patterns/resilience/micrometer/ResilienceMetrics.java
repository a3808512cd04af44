package dev.patterns.resilience.micrometer;

import dev.patterns.resilience.CircuitBreakerStats;
import dev.patterns.resilience.BulkheadStats;
import dev.patterns.resilience.Bulkhead;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.IdempotencyGuard;
import dev.patterns.resilience.Retry;
import dev.patterns.resilience.RetryBudget;
import dev.patterns.resilience.Timeout;
import dev.patterns.resilience.TokenBucket;
import static dev.patterns.core.micrometer.internal.MeterRecipe.counter;
import static dev.patterns.core.micrometer.internal.MeterRecipe.gauge;
import static dev.patterns.core.micrometer.internal.MeterRecipe.requireName;
import static dev.patterns.core.micrometer.internal.MeterRecipe.timer;

import dev.patterns.core.micrometer.internal.MeterRecipe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Binds the meters of circuit breakers, token buckets, retries, retry budgets, bulkheads,
 * timeouts and idempotency guards to a Micrometer {@link MeterRegistry}, in the shapes of Resilience4j's tagged metrics
 * (same names after the prefix, same {@code kind} and {@code state} tags) so dashboards carry over.
 *
 * <pre>{@code
 * ResilienceMetrics.create().circuitBreaker(breaker).bulkhead(bulkhead).bindTo(registry);
 * }</pre>
 *
 * <p>Meters read the component's {@code stats()} when the registry is polled, so hot paths pay
 * nothing; the one exception is the breaker's transition counter, fed by a breaker listener (a
 * rare event). Meters carry the tag {@code name}: the component's {@code name()}, or the name given
 * here for components that have none. As with every Micrometer gauge, the registry holds the
 * component weakly: keep a reference to it for as long as it should be reported.
 *
 * <p>This class is a recipe: configure it from one thread, then {@code bindTo} may be called for
 * each registry. Only code that calls it loads Micrometer; the dependency is optional.
 */
public final class ResilienceMetrics implements MeterBinder {

    private final MeterRecipe recipe = new MeterRecipe();

    private ResilienceMetrics() {}

    /**
     * Returns an empty binder.
     *
     * @return a binder with nothing to bind yet
     */
    public static ResilienceMetrics create() {
        return new ResilienceMetrics();
    }

    /**
     * Adds a circuit breaker: gauge {@code patterns.circuitbreaker.state}, one per state (tag
     * {@code state} = {@code closed}, {@code open}, {@code half_open}, {@code forced_open},
     * {@code disabled}; 1 for the current state, 0 otherwise); function timer
     * {@code patterns.circuitbreaker.calls} (tag {@code kind} = {@code successful},
     * {@code failed}, {@code ignored}: count and total duration of the calls of each outcome;
     * successes and every duration are measured only by a breaker built with
     * {@code callMetrics(true)}, else they read zero, while failed and ignored calls are always
     * counted); function counter {@code patterns.circuitbreaker.not.permitted.calls}; gauges {@code patterns.circuitbreaker.failure.rate} and
     * {@code patterns.circuitbreaker.slow.call.rate} (percent, -1 below the minimum number of
     * calls), {@code patterns.circuitbreaker.buffered.calls} (tag {@code kind} =
     * {@code successful}, {@code failed}: calls in the sliding window) and
     * {@code patterns.circuitbreaker.slow.calls}; counter
     * {@code patterns.circuitbreaker.transitions} (tags {@code from}, {@code to}), registered on
     * the first transition of each pair. The transitions are counted by one breaker listener,
     * added on the first {@code bindTo}, for every registry bound (each registry once, however
     * often it is bound); the breaker keeps those registries reachable.
     *
     * @param breaker the breaker, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics circuitBreaker(CircuitBreaker breaker) {
        Objects.requireNonNull(breaker, "breaker");
        Tags tags = Tags.of("name", breaker.name());
        Set<MeterRegistry> registries = ConcurrentHashMap.newKeySet();
        AtomicBoolean listening = new AtomicBoolean();
        recipe.add(registry -> {
            for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
                gauge(registry, "patterns.circuitbreaker.state", "1 for the breaker's current state, 0 otherwise",
                        tags.and("state", lower(state)), breaker, b -> b.stats().state() == state ? 1 : 0);
            }
            String calls = "patterns.circuitbreaker.calls";
            timer(registry, calls, "calls by outcome", tags.and("kind", "successful"), breaker,
                    b -> b.stats().successfulCalls(), b -> b.stats().successfulNanos());
            timer(registry, calls, "calls by outcome", tags.and("kind", "failed"), breaker,
                    b -> b.stats().failedCalls(), b -> b.stats().failedNanos());
            timer(registry, calls, "calls by outcome", tags.and("kind", "ignored"), breaker,
                    b -> b.stats().ignoredCalls(), b -> b.stats().ignoredNanos());
            counter(registry, "patterns.circuitbreaker.not.permitted.calls", "calls refused by the breaker", tags,
                    breaker, b -> b.stats().notPermittedCalls());
            gauge(registry, "patterns.circuitbreaker.failure.rate", "failed calls in the window, percent", "percent",
                    tags, breaker, b -> b.stats().failureRate());
            gauge(registry, "patterns.circuitbreaker.slow.call.rate", "slow calls in the window, percent", "percent",
                    tags, breaker, b -> b.stats().slowCallRate());
            gauge(registry, "patterns.circuitbreaker.buffered.calls", "calls in the window",
                    tags.and("kind", "successful"), breaker, b -> {
                        CircuitBreakerStats s = b.stats();
                        return s.windowCalls() - s.windowFailures();
                    });
            gauge(registry, "patterns.circuitbreaker.buffered.calls", "calls in the window",
                    tags.and("kind", "failed"), breaker, b -> b.stats().windowFailures());
            gauge(registry, "patterns.circuitbreaker.slow.calls", "slow calls in the window", tags, breaker,
                    b -> b.stats().windowSlowCalls());
            if (registries.add(registry) && listening.compareAndSet(false, true)) {
                breaker.addListener(t -> {
                    for (MeterRegistry r : registries) {
                        Counter.builder("patterns.circuitbreaker.transitions")
                                .description("state transitions")
                                .tags(tags.and("from", lower(t.from())).and("to", lower(t.to())))
                                .register(r)
                                .increment();
                    }
                });
            }
        });
        return this;
    }

    /**
     * Adds a token bucket: gauges {@code patterns.ratelimiter.available.permissions} (tokens now,
     * -1 if the bucket cannot tell) and {@code patterns.ratelimiter.capacity}; function counter
     * {@code patterns.ratelimiter.calls} (tag {@code kind} = {@code not_permitted}).
     *
     * @param bucket the bucket, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics tokenBucket(TokenBucket bucket) {
        Objects.requireNonNull(bucket, "bucket");
        Tags tags = Tags.of("name", bucket.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.ratelimiter.available.permissions", "tokens available now", tags, bucket,
                    b -> b.stats().available());
            gauge(registry, "patterns.ratelimiter.capacity", "most tokens the bucket holds", tags, bucket,
                    b -> b.stats().capacity());
            counter(registry, "patterns.ratelimiter.calls", "acquisitions refused",
                    tags.and("kind", "not_permitted"), bucket, b -> b.stats().rejected());
        });
        return this;
    }

    /**
     * Adds a bulkhead: gauges {@code patterns.bulkhead.available.concurrent.calls} and
     * {@code patterns.bulkhead.max.allowed.concurrent.calls}; function counter
     * {@code patterns.bulkhead.calls} (tag {@code kind} = {@code not_permitted}).
     *
     * @param bulkhead the bulkhead, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics bulkhead(Bulkhead bulkhead) {
        Objects.requireNonNull(bulkhead, "bulkhead");
        Tags tags = Tags.of("name", bulkhead.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.bulkhead.available.concurrent.calls", "free slots", tags, bulkhead, b -> {
                BulkheadStats s = b.stats();
                return s.concurrency() - s.inUse();
            });
            gauge(registry, "patterns.bulkhead.max.allowed.concurrent.calls", "slots", tags, bulkhead,
                    b -> b.stats().concurrency());
            counter(registry, "patterns.bulkhead.calls", "calls refused", tags.and("kind", "not_permitted"),
                    bulkhead, b -> b.stats().rejected());
        });
        return this;
    }

    /**
     * Adds a timeout: function counters {@code patterns.timelimiter.calls} (tag {@code kind} =
     * {@code timeout}) and {@code patterns.timelimiter.abandoned} (timed-out calls still running
     * after the grace period).
     *
     * @param timeout the timeout, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics timeout(Timeout timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Tags tags = Tags.of("name", timeout.name());
        recipe.add(registry -> {
            counter(registry, "patterns.timelimiter.calls", "calls that passed the limit",
                    tags.and("kind", "timeout"), timeout, t -> t.stats().timedOut());
            counter(registry, "patterns.timelimiter.abandoned", "timed-out calls still running after the grace",
                    tags, timeout, t -> t.stats().abandoned());
        });
        return this;
    }

    /**
     * Adds a retry: function counters {@code patterns.retry.calls} (calls made through it),
     * {@code patterns.retry.retries} (attempts after the first), {@code patterns.retry.exhausted}
     * (calls that failed after retrying stopped) and {@code patterns.retry.budget.denied}.
     *
     * @param retry the retry, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics retry(Retry retry) {
        Objects.requireNonNull(retry, "retry");
        Tags tags = Tags.of("name", retry.name());
        recipe.add(registry -> {
            counter(registry, "patterns.retry.calls", "calls made", tags, retry, r -> r.stats().calls());
            counter(registry, "patterns.retry.retries", "attempts after the first", tags, retry,
                    r -> r.stats().retries());
            counter(registry, "patterns.retry.exhausted", "calls that failed after retrying stopped", tags, retry,
                    r -> r.stats().exhausted());
            counter(registry, "patterns.retry.budget.denied", "retries the budget refused", tags, retry,
                    r -> r.stats().budgetDenied());
        });
        return this;
    }

    /**
     * Adds a retry budget: gauges {@code patterns.retry.budget.available} (retries that would be
     * granted now), {@code patterns.retry.budget.calls} and {@code patterns.retry.budget.retries}
     * (calls recorded and retries granted in the current window).
     *
     * @param budget the budget, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics retryBudget(RetryBudget budget) {
        Objects.requireNonNull(budget, "budget");
        Tags tags = Tags.of("name", budget.name());
        recipe.add(registry -> {
            gauge(registry, "patterns.retry.budget.available", "retries that would be granted now", tags, budget,
                    b -> b.stats().available());
            gauge(registry, "patterns.retry.budget.calls", "calls recorded in the window", tags, budget,
                    b -> b.stats().calls());
            gauge(registry, "patterns.retry.budget.retries", "retries granted in the window", tags, budget,
                    b -> b.stats().retries());
        });
        return this;
    }

    /**
     * Adds an idempotency guard: function counter {@code patterns.idempotency.calls} (tag
     * {@code kind} = {@code executed} (ran the operation), {@code replayed} (got a recorded
     * outcome), {@code joined} (waited for a running duplicate), {@code timed_out}: each call is
     * one kind, an interrupted wait none) and the function counters
     * {@code patterns.idempotency.failed} and {@code patterns.idempotency.abandoned} (executions
     * that threw and were recorded; executions that ended with an interrupt or an error and left
     * the key free).
     *
     * @param guard the guard, tagged by its {@code name()}
     * @return this binder
     */
    public ResilienceMetrics idempotencyGuard(IdempotencyGuard<?, ?> guard) {
        Objects.requireNonNull(guard, "guard");
        Tags tags = Tags.of("name", guard.name());
        recipe.add(registry -> {
            String calls = "patterns.idempotency.calls";
            counter(registry, calls, "calls by outcome", tags.and("kind", "executed"), guard,
                    g -> g.stats().executions());
            counter(registry, calls, "calls by outcome", tags.and("kind", "replayed"), guard,
                    g -> g.stats().replayed());
            counter(registry, calls, "calls by outcome", tags.and("kind", "joined"), guard,
                    g -> g.stats().joined());
            counter(registry, calls, "calls by outcome", tags.and("kind", "timed_out"), guard,
                    g -> g.stats().timedOut());
            counter(registry, "patterns.idempotency.failed", "executions that threw (recorded)", tags, guard,
                    g -> g.stats().failed());
            counter(registry, "patterns.idempotency.abandoned", "executions that left no outcome", tags, guard,
                    g -> g.stats().abandoned());
        });
        return this;
    }

    /**
     * Registers every added component's meters.
     *
     * @param registry the registry
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        recipe.bindTo(registry);
    }

    private static String lower(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
