/**
 * Lettuce plumbing shared by the library's Redis components (connections, scripts), and the
 * {@code redis-server} launcher of the tests, benchmarks and Redis examples; exported only to the
 * library's own modules (the examples and benchmarks use it from the class path). Needs the
 * optional {@code io.lettuce:lettuce-core} dependency.
 */
package dev.patterns.redis.internal;
