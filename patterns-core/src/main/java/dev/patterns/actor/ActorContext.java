package dev.patterns.actor;

/**
 * What an actor's handlers may use while they run: its own reference, its system, child actors and
 * death watch. Confined to the actor: call it only from the actor's own handlers and setup (the
 * context is not thread-safe, and an actor's handlers never run concurrently).
 *
 * @param <M> the type of messages the actor accepts
 */
public interface ActorContext<M> {

    /**
     * Returns the actor's own reference.
     *
     * @return this actor
     */
    ActorRef<M> self();

    /**
     * Returns the actor's name.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the system the actor belongs to.
     *
     * @return the system
     */
    ActorSystem system();

    /**
     * Spawns a child with a default name and the system's default mailbox. The child is stopped
     * when this actor stops, and this actor receives {@link Terminated} when the child stops.
     *
     * @param behavior the child's initial behaviour
     * @param <C> the child's message type
     * @return the child
     * @throws NullPointerException if {@code behavior} is null
     * @throws IllegalArgumentException if {@code behavior} is {@link Behavior#same()} or
     *     {@link Behavior#stopped()}
     */
    <C> ActorRef<C> spawn(Behavior<C> behavior);

    /**
     * Spawns a named child with the system's default mailbox.
     *
     * @param behavior the child's initial behaviour
     * @param name the child's name
     * @param <C> the child's message type
     * @return the child
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #spawn(Behavior)}
     */
    <C> ActorRef<C> spawn(Behavior<C> behavior, String name);

    /**
     * Spawns a named child with its own mailbox settings.
     *
     * @param behavior the child's initial behaviour
     * @param name the child's name
     * @param mailbox the child's mailbox capacity and overflow
     * @param <C> the child's message type
     * @return the child
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link #spawn(Behavior)}
     */
    <C> ActorRef<C> spawn(Behavior<C> behavior, String name, Mailbox mailbox);

    /**
     * Watches another actor of the same system: when it stops, this actor receives a
     * {@link Terminated} signal; at once if it has already stopped.
     *
     * @param actor the actor to watch
     * @throws NullPointerException if {@code actor} is null
     * @throws IllegalArgumentException if {@code actor} is not an actor of this system
     */
    void watch(ActorRef<?> actor);

    /**
     * Stops watching an actor; a {@link Terminated} already on its way may still arrive.
     *
     * @param actor the actor no longer to watch
     * @throws NullPointerException if {@code actor} is null
     * @throws IllegalArgumentException if {@code actor} is not an actor of this system
     */
    void unwatch(ActorRef<?> actor);
}
