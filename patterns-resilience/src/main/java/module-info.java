/**
 * Resilience policies: circuit breaker, token bucket, retry with budget, bulkhead, timeout,
 * composition and idempotency.
 */
module dev.patterns.resilience {
    requires transitive dev.patterns.core;
    requires jdk.jfr;
    requires org.slf4j;
    // Only dev.patterns.resilience.redis needs Lettuce; it is an optional dependency.
    requires static lettuce.core;
    // Only dev.patterns.resilience.micrometer needs Micrometer; it is an optional dependency.
    requires static micrometer.core;
    exports dev.patterns.resilience;
    exports dev.patterns.resilience.redis;
    exports dev.patterns.resilience.micrometer;
}
