/**
 * Resilience policies: circuit breaker, token bucket, retry with budget, bulkhead, timeout,
 * composition and idempotency.
 */
module dev.patterns.resilience {
    requires transitive dev.patterns.core;
    requires jdk.jfr;
    requires org.slf4j;
    exports dev.patterns.resilience;
}
