package dev.patterns.actor;

import java.util.Objects;

/**
 * What an actor does with its next message: a function of (context, message) returning the next
 * behaviour. Behaviours are immutable values (the class form, {@link AbstractBehavior}, holds
 * mutable state confined to its actor) and are created only through the factories here.
 *
 * <pre>{@code
 * sealed interface Counter permits Add, Get {}
 * record Add(long n) implements Counter {}
 * record Get(ActorRef<Long> replyTo) implements Counter {}
 *
 * static Behavior<Counter> counter(long total) {
 *     return Behavior.receive((ctx, msg) -> switch (msg) {
 *         case Add add -> counter(total + add.n());
 *         case Get get -> { get.replyTo().tell(total); yield Behavior.same(); }
 *     });
 * }
 * }</pre>
 *
 * <p>Memory consistency effects: an actor handles one message or signal at a time, and everything a
 * handler did <i>happens-before</i> the next handler of the same actor starts, whichever thread
 * runs it; so the state a behaviour captures or holds needs no locks and no volatile fields.
 *
 * @param <M> the type of messages
 */
public sealed interface Behavior<M>
        permits AbstractBehavior, ReceiveBehavior, SetupBehavior, SpecialBehavior, SupervisedBehavior {

    /**
     * Returns a behaviour that handles messages with {@code onMessage} and ignores signals.
     *
     * @param onMessage the message handler
     * @param <M> the type of messages
     * @return the behaviour
     * @throws NullPointerException if {@code onMessage} is null
     */
    static <M> Behavior<M> receive(MessageHandler<M> onMessage) {
        return new ReceiveBehavior<>(Objects.requireNonNull(onMessage, "onMessage"), null);
    }

    /**
     * Returns a behaviour that handles messages and signals.
     *
     * @param onMessage the message handler
     * @param onSignal the signal handler
     * @param <M> the type of messages
     * @return the behaviour
     * @throws NullPointerException if an argument is null
     */
    static <M> Behavior<M> receive(MessageHandler<M> onMessage, SignalHandler<M> onSignal) {
        return new ReceiveBehavior<>(
                Objects.requireNonNull(onMessage, "onMessage"), Objects.requireNonNull(onSignal, "onSignal"));
    }

    /**
     * Returns a behaviour created when the actor starts, in the actor (so it may spawn children and
     * use {@code context.self()}), and created again on every restart.
     *
     * @param factory creates the behaviour
     * @param <M> the type of messages
     * @return the behaviour
     * @throws NullPointerException if {@code factory} is null
     */
    static <M> Behavior<M> setup(BehaviorFactory<M> factory) {
        return new SetupBehavior<>(Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Returns the behaviour that keeps the current one; only meaningful as a handler's result.
     *
     * @param <M> the type of messages
     * @return {@code same}
     */
    @SuppressWarnings("unchecked")
    static <M> Behavior<M> same() {
        return (Behavior<M>) SpecialBehavior.SAME;
    }

    /**
     * Returns the behaviour that stops the actor; only meaningful as a handler's result. Messages
     * still in the mailbox become dead letters; {@link PostStop} follows.
     *
     * @param <M> the type of messages
     * @return {@code stopped}
     */
    @SuppressWarnings("unchecked")
    static <M> Behavior<M> stopped() {
        return (Behavior<M>) SpecialBehavior.STOPPED;
    }

    /**
     * Returns {@code behavior} under a supervisor strategy, which then applies to every failure of
     * the actor, whatever behaviour it has become. Without one an actor stops on its first failure.
     * A failure never affects another actor or the system.
     *
     * @param behavior the supervised behaviour (also what a restart starts again from)
     * @param strategy what to do on a failure
     * @param <M> the type of messages
     * @return the supervised behaviour
     * @throws NullPointerException if an argument is null
     */
    static <M> Behavior<M> supervise(Behavior<M> behavior, SupervisorStrategy strategy) {
        return new SupervisedBehavior<>(
                Objects.requireNonNull(behavior, "behavior"), Objects.requireNonNull(strategy, "strategy"));
    }
}
