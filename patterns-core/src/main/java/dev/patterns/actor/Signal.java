package dev.patterns.actor;

/**
 * A lifecycle event delivered to an actor's signal handler between its messages, never
 * concurrently with them: {@link PostStop}, {@link PreRestart} or {@link Terminated}.
 */
public sealed interface Signal permits PostStop, PreRestart, Terminated {
}
