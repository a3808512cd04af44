/**
 * Lettuce plumbing shared by the library's Redis components (connections, scripts); exported only
 * to the library's own modules. Needs the optional {@code io.lettuce:lettuce-core} dependency.
 */
package dev.patterns.redis.internal;
