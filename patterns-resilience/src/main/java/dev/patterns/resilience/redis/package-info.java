/**
 * A token bucket and an idempotency store shared by a fleet of processes through Redis 6.2 or
 * later. Needs the optional dependency {@code io.lettuce:lettuce-core}; nothing else in the module
 * does.
 */
package dev.patterns.resilience.redis;
