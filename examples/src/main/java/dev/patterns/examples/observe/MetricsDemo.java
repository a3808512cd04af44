package dev.patterns.examples.observe;

import dev.patterns.async.ExecutionLayer;
import dev.patterns.async.micrometer.AsyncMetrics;
import dev.patterns.channel.Channel;
import dev.patterns.channel.Overflow;
import dev.patterns.core.micrometer.CoreMetrics;
import dev.patterns.resilience.CallRejectedException;
import dev.patterns.resilience.CircuitBreaker;
import dev.patterns.resilience.TokenBucket;
import dev.patterns.resilience.micrometer.ResilienceMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A channel, an execution layer, a breaker and a rate limiter bound to one Micrometer registry,
 * driven through a short scripted scenario; then every meter is printed, one line each.
 *
 * <pre>./mvnw -pl examples -am compile exec:exec -Ddemo=MetricsDemo</pre>
 */
public final class MetricsDemo {

    private MetricsDemo() {}

    public static void main(String[] args) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        run(registry);
        print(registry).forEach(System.out::println);
    }

    /**
     * Binds the components, then drives them: 3 orders into a channel of 2, 3 calls to a failing
     * service behind a breaker that opens after 2 failures, 3 acquires from a bucket of 2 tokens,
     * 1 task on an execution layer.
     */
    static void run(MeterRegistry registry) throws Exception {
        Channel<String> orders = Channel.<String>builder(2).name("orders").overflow(Overflow.DROP_NEWEST).build();
        CircuitBreaker payments = CircuitBreaker.builder().name("payments").consecutiveFailures(2)
                .callMetrics(true).build(); // also count successes and time calls
        TokenBucket api = TokenBucket.builder().name("api").capacity(2).refill(1, Duration.ofMinutes(1)).build();
        try (ExecutionLayer cpu = ExecutionLayer.cpu(2, 16)) {
            CoreMetrics.create().channel(orders).bindTo(registry);
            AsyncMetrics.create().executionLayer(cpu).bindTo(registry);
            ResilienceMetrics.create().circuitBreaker(payments).tokenBucket(api).bindTo(registry);

            for (String order : List.of("a", "b", "c")) {
                orders.put(order); // "c" is dropped: the channel is full
            }
            orders.take();
            for (int i = 0; i < 3; i++) {
                try {
                    payments.call(() -> {
                        throw new IllegalStateException("payment service down");
                    });
                } catch (IllegalStateException | CallRejectedException expected) {
                    // 2 failures open the breaker; the third call is not permitted
                }
            }
            for (int i = 0; i < 3; i++) {
                api.tryAcquire(); // the third is refused
            }
            cpu.submit(() -> "done").get();
        }
    }

    /** One line per meter: name, tags, and each measurement. */
    static List<String> print(MeterRegistry registry) {
        return registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName())
                        .thenComparing(m -> m.getId().getTags().toString()))
                .map(m -> String.format(Locale.ROOT, "%-46s %-40s %s", m.getId().getName(),
                        m.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue())
                                .collect(Collectors.joining(",")),
                        StreamSupport.stream(m.measure().spliterator(), false)
                                .map(x -> x.getStatistic().getTagValueRepresentation() + "=" + x.getValue())
                                .collect(Collectors.joining(" "))))
                .toList();
    }
}
