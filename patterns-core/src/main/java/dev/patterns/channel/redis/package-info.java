/**
 * A channel across machines on Redis Streams (Redis 6.2 or later): producers send with one
 * command, consumers in a group receive in batches and acknowledge, deliveries not acknowledged
 * within a visibility timeout are reclaimed by another consumer, and a message that keeps failing
 * goes to a dead-letter stream. Needs the optional dependency {@code io.lettuce:lettuce-core};
 * nothing else in the module does.
 */
package dev.patterns.channel.redis;
