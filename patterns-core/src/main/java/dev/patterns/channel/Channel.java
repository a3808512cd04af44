package dev.patterns.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * A bounded, multi-producer multi-consumer, closable queue: the hand-off between the stages of a
 * concurrent program, with backpressure and a shutdown protocol built in.
 *
 * <p>{@code send} blocks while the channel is full (under {@link Overflow#BLOCK}); {@code receive}
 * blocks while it is empty. Both have a form that answers at once and a form that waits at most a
 * given time:
 *
 * <table class="striped">
 *   <caption>The forms of each operation</caption>
 *   <thead><tr><th></th><th>blocks</th><th>answers at once</th><th>times out</th>
 *     <th>when closed</th></tr></thead>
 *   <tbody>
 *   <tr><th scope="row">send</th><td>{@link #send(Object)}</td><td>{@link #trySend(Object)}</td>
 *     <td>{@link #send(Object, Duration)}</td><td>refused: exception or {@code false}</td></tr>
 *   <tr><th scope="row">receive</th><td>{@link #receive()}</td><td>{@link #tryReceive()}</td>
 *     <td>{@link #receive(Duration)}</td><td>buffered elements, then end-of-stream</td></tr>
 *   <tr><th scope="row">batch</th><td>{@link #consume(Consumer)}</td>
 *     <td>{@link #drainTo(Collection, int)}</td><td></td><td></td></tr>
 *   </tbody>
 * </table>
 *
 * <p><b>Closing is the poison pill done right.</b> {@link #close()} stops new sends at once; every
 * element accepted before it is still received, and once the buffer is empty every receiver —
 * those blocked now and those that come later — sees end-of-stream: {@link #receive()} throws
 * {@link ChannelClosedException}, {@link #consume(Consumer)} returns. Senders blocked on a full
 * channel wake and are refused. {@link #fail(Throwable)} ends the stream the same way but with an
 * error that receivers see as the exception's cause. No sentinel values are needed.
 *
 * <p><b>It is a {@link BlockingQueue}</b> and keeps that interface's contract, so it can be handed
 * to a {@link java.util.concurrent.ThreadPoolExecutor} or any code that takes one: {@code put} is
 * {@code send}, {@code offer} is {@code trySend}, {@code take} is {@code receive}, {@code poll} is
 * {@code tryReceive}. On a closed channel both {@code offer} forms answer {@code false} and
 * {@code put} and {@code add} throw {@link ChannelClosedException}; {@code take} on a closed,
 * drained channel throws it rather than block forever, while both {@code poll} forms answer
 * {@code null} at once. Both the {@code TimeUnit} forms and the {@link Duration} forms treat a
 * negative timeout as zero, as {@code BlockingQueue} does ({@linkplain dev.patterns.time the
 * library's timeout rule}). Under a drop policy
 * {@code offer} answers {@code true} for an element it dropped, as {@link #trySend(Object)} does.
 * Iteration, {@code contains} and {@code remove(Object)} are weakly consistent views for
 * diagnostics, not a way to consume; an element taken by {@code remove(Object)} counts as received.
 * The spliterator is {@code CONCURRENT}, not {@code SIZED}, like those of the JDK's concurrent
 * queues.
 *
 * <p><b>Nothing is lost silently.</b> An element is either refused (the caller keeps it), or
 * received, or handed to the drop handler under a drop policy; {@link #stats()} counts each.
 *
 * <p><b>Threads.</b> Any number of threads, platform or virtual, may send and receive at once.
 * Blocking operations respond to interrupts by throwing {@link InterruptedException}, and park
 * without holding a monitor, so virtual threads do not pin their carriers.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it sends an element
 * <i>happen-before</i> actions after that element is received (or handed to the drop handler) in
 * another thread. Actions before {@link #close()} happen-before a receiver's observing
 * end-of-stream.
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.bounded(1024);
 * // producers
 * jobs.send(job);            // waits while 1024 jobs are queued
 * jobs.close();              // no more jobs
 * // consumers: every accepted job, then return
 * jobs.consume(job -> job.run());
 * }</pre>
 *
 * @param <E> the type of elements; {@code null} is never allowed
 */
public interface Channel<E> extends BlockingQueue<E> {

    /**
     * Returns a channel of the given capacity whose senders wait while it is full.
     *
     * @param capacity the most elements buffered at once
     * @param <E> the type of elements
     * @return a new, open, empty channel
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    static <E> Channel<E> bounded(int capacity) {
        return Channel.<E>builder(capacity).build();
    }

    /**
     * Returns a builder for a channel of the given capacity, to choose an {@link Overflow} policy
     * and a drop handler.
     *
     * @param capacity the most elements buffered at once
     * @param <E> the type of elements
     * @return a new builder
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    static <E> ChannelBuilder<E> builder(int capacity) {
        return new ChannelBuilder<>(capacity);
    }

    /**
     * Returns the name given to the builder (or the default {@code channel-N}), used in
     * {@code toString}, JFR events and metric tags.
     *
     * @return the name
     */
    String name();

    /**
     * Sends an element, waiting while the channel is full (under {@link Overflow#BLOCK}); under a
     * drop policy it never waits, under {@link Overflow#FAIL} it throws when full.
     *
     * @param element the element
     * @throws InterruptedException if interrupted while waiting; the element was not sent
     * @throws ChannelClosedException if the channel is closed, or closes while waiting
     * @throws ChannelFullException under {@link Overflow#FAIL} when the channel is full
     * @throws NullPointerException if {@code element} is null
     */
    void send(E element) throws InterruptedException;

    /**
     * Sends an element if that can be done at once.
     *
     * @param element the element
     * @return {@code true} if the channel took the element (buffered it, or under a drop policy,
     *     buffered or dropped it); {@code false} if it is full under {@link Overflow#BLOCK} or
     *     {@link Overflow#FAIL}, or closed
     * @throws NullPointerException if {@code element} is null
     */
    boolean trySend(E element);

    /**
     * Sends an element, waiting at most {@code timeout} for space.
     *
     * @param element the element
     * @param timeout the longest wait; zero or negative means do not wait (see
     *     {@linkplain dev.patterns.time the timeout rule})
     * @return {@code true} if sent, {@code false} if the time ran out first
     * @throws InterruptedException if interrupted while waiting; the element was not sent
     * @throws ChannelClosedException if the channel is closed, or closes while waiting
     * @throws ChannelFullException under {@link Overflow#FAIL} when the channel is full
     * @throws NullPointerException if an argument is null
     */
    boolean send(E element, Duration timeout) throws InterruptedException;

    /**
     * Receives an element, waiting while the channel is empty.
     *
     * @return the oldest buffered element
     * @throws InterruptedException if interrupted while waiting
     * @throws ChannelClosedException once the channel is closed and drained (end-of-stream); its
     *     cause is the failure if the channel was ended by {@link #fail(Throwable)}
     */
    E receive() throws InterruptedException;

    /**
     * Receives an element if one is buffered now.
     *
     * @return the oldest buffered element, or {@code null} if none (also at end-of-stream: see
     *     {@link #isClosedForReceive()})
     */
    E tryReceive();

    /**
     * Receives an element, waiting at most {@code timeout} for one.
     *
     * @param timeout the longest wait; zero or negative means do not wait (see
     *     {@linkplain dev.patterns.time the timeout rule})
     * @return the oldest buffered element, or {@code null} if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws ChannelClosedException once the channel is closed and drained (end-of-stream)
     * @throws NullPointerException if {@code timeout} is null
     */
    E receive(Duration timeout) throws InterruptedException;

    /**
     * Receives every element until end-of-stream, handing each to {@code action} in the calling
     * thread: the consumer loop without a sentinel. Returns normally when the channel was closed
     * and drained.
     *
     * @param action what to do with each element; if it throws, the exception propagates and the
     *     remaining elements stay in the channel
     * @return how many elements this call received
     * @throws InterruptedException if interrupted while waiting
     * @throws ChannelClosedException if the channel was ended by {@link #fail(Throwable)}
     *     (the failure is the cause), after every buffered element was handed over
     * @throws NullPointerException if {@code action} is null
     */
    long consume(Consumer<? super E> action) throws InterruptedException;

    /**
     * Moves up to {@code maxElements} buffered elements into {@code sink} without waiting, oldest
     * first. Takes at most the elements buffered when the call began, so it returns even while
     * others keep sending ({@code clear()} is bounded the same way). Each element is received
     * before the sink sees it: if {@code sink.add} throws, the element it failed on is in neither
     * collection, as {@link BlockingQueue#drainTo(Collection)} permits.
     *
     * @param sink where to put them
     * @param maxElements the most to move
     * @return how many were moved
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code sink} is this channel
     */
    @Override
    int drainTo(Collection<? super E> sink, int maxElements);

    /**
     * Stops accepting sends; elements already accepted will still be received, then receivers
     * see end-of-stream. Wakes every blocked sender (refused) and, if the channel is empty, every
     * blocked receiver. Idempotent.
     *
     * @return {@code true} if this call closed the channel, {@code false} if it was already closed
     */
    boolean close();

    /**
     * Closes the channel with an error: like {@link #close()}, but once drained, receivers see
     * end-of-stream as a {@link ChannelClosedException} whose cause is {@code cause}.
     *
     * @param cause why the stream ended
     * @return {@code true} if this call closed the channel, {@code false} if it was already closed
     *     (the first cause, or a normal close, stands)
     * @throws NullPointerException if {@code cause} is null
     */
    boolean fail(Throwable cause);

    /**
     * Returns whether the channel refuses sends (it was closed or failed).
     *
     * @return {@code true} once closed
     */
    boolean isClosedForSend();

    /**
     * Returns whether the channel is closed and drained: every receive now sees end-of-stream.
     *
     * @return {@code true} at end-of-stream
     */
    boolean isClosedForReceive();

    /**
     * Returns the bound on buffered elements.
     *
     * @return the capacity given at construction
     */
    int capacity();

    /**
     * Returns the overflow policy.
     *
     * @return the policy given at construction
     */
    Overflow overflow();

    /**
     * Returns a snapshot of this channel's counters.
     *
     * @return the current stats
     */
    ChannelStats stats();
}
