package dev.patterns.resilience;

/**
 * A snapshot of the bulkhead.
 *
 * @param concurrency the limit
 * @param inUse slots held now
 * @param rejected calls refused since the bulkhead was built
 */
public record BulkheadStats(int concurrency, int inUse, long rejected) {
}
