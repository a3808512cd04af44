package dev.patterns.bench.resilience;

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
import dev.patterns.resilience.CircuitBreaker;

/**
 * A closed circuit breaker around a trivial supplier: the cost the breaker adds to every call of a
 * healthy dependency. Wrapped form and permit form, beside Resilience4j ({@code executeSupplier};
 * {@code acquirePermission} + {@code onSuccess}) and Failsafe ({@code executor.get} with a prebuilt
 * executor; {@code tryAcquirePermit} + {@code recordSuccess}). Every breaker uses its library's
 * default configuration except ours, set to the same kind of threshold as Resilience4j's default
 * (50% failure rate over the last 100 calls).
 *
 * <p>Run (1 then 2 threads):
 * {@code java -jar patterns-bench/target/benchmarks.jar 'resilience.BreakerBench' -t 1 -f 3 -wi 3 -w 1s -i 5 -r 1s -prof gc}
 * and the same with {@code -t 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class BreakerBench {

    private CircuitBreaker patterns;
    private io.github.resilience4j.circuitbreaker.CircuitBreaker r4j;
    private dev.failsafe.CircuitBreaker<Object> failsafe;
    private FailsafeExecutor<Object> failsafeExecutor;
    private final Object value = "value";
    private Supplier<Object> supplier;

    @Setup
    public void setUp() {
        patterns = CircuitBreaker.builder().name("bench").failureRate(50).countWindow(100).build();
        r4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("bench");
        failsafe = dev.failsafe.CircuitBreaker.ofDefaults();
        failsafeExecutor = Failsafe.with(failsafe);
        supplier = () -> value;
    }

    @Benchmark
    public Object patternsCall() {
        return patterns.get(supplier);
    }

    @Benchmark
    public Object patternsPermit() {
        long permit = patterns.tryAcquirePermit();
        if (permit == CircuitBreaker.NO_PERMIT) {
            return null;
        }
        Object result = supplier.get();
        patterns.onSuccess(permit, 0L);
        return result;
    }

    @Benchmark
    public Object r4jExecuteSupplier() {
        return r4j.executeSupplier(supplier);
    }

    @Benchmark
    public Object r4jPermission() {
        r4j.acquirePermission();
        Object result = supplier.get();
        r4j.onSuccess(0L, TimeUnit.NANOSECONDS);
        return result;
    }

    @Benchmark
    public Object failsafeGet() {
        return failsafeExecutor.get(supplier::get);
    }

    @Benchmark
    public Object failsafePermit() {
        if (!failsafe.tryAcquirePermit()) {
            return null;
        }
        Object result = supplier.get();
        failsafe.recordSuccess();
        return result;
    }
}
