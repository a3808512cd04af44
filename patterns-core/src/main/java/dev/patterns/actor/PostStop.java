package dev.patterns.actor;

/**
 * The last signal an actor receives, after its last message; release resources here. Whatever the
 * handler returns is ignored.
 */
public record PostStop() implements Signal {
}
