package dev.patterns.bench.resilience;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.decorators.Decorators;
import dev.patterns.resilience.Bulkhead;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.Policies;
import dev.patterns.resilience.Policy;
import dev.patterns.resilience.Retry;

/**
 * A successful call through retry + circuit breaker + bulkhead (outermost first): ours through
 * {@code Policies.of(retry, breaker, bulkhead)}, Resilience4j through a {@code Decorators} chain
 * built once, Failsafe through an executor built once with the same three policies.
 *
 * <p>Run: {@code java -jar patterns-bench/target/benchmarks.jar 'resilience.ComposedBench' -t 1 -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc}
 * (and {@code -t 2}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ComposedBench {

    private final Object value = "value";
    private Policy patterns;
    private Callable<Object> callable;
    private Supplier<Object> r4j;
    private FailsafeExecutor<Object> failsafe;
    private Supplier<Object> supplier;

    @Setup
    public void setUp() {
        callable = () -> value;
        supplier = () -> value;
        patterns = Policies.of(
                Retry.builder().maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(100)).build(),
                CircuitBreaker.builder().failureRate(50).countWindow(100).build(),
                Bulkhead.of(64));
        r4j = Decorators.ofSupplier(supplier)
                .withBulkhead(io.github.resilience4j.bulkhead.Bulkhead.of("bench",
                        BulkheadConfig.custom().maxConcurrentCalls(64).maxWaitDuration(Duration.ZERO).build()))
                .withCircuitBreaker(io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench"))
                .withRetry(io.github.resilience4j.retry.Retry.ofDefaults("bench"))
                .decorate();
        failsafe = Failsafe.with(
                RetryPolicy.builder().withMaxAttempts(3).withDelay(Duration.ofMillis(10)).build(),
                dev.failsafe.CircuitBreaker.ofDefaults(),
                dev.failsafe.Bulkhead.of(64));
    }

    @Benchmark
    public Object patterns() throws Exception {
        return patterns.call(callable);
    }

    @Benchmark
    public Object r4jDecorators() {
        return r4j.get();
    }

    @Benchmark
    public Object failsafe() {
        return failsafe.get(supplier::get);
    }
}
