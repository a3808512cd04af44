/**
 * Policies that protect a service from a degraded dependency: circuit breaker, token bucket,
 * retry with a retry budget, bulkhead, timeout, their composition, and an idempotency guard.
 */
package dev.patterns.resilience;
